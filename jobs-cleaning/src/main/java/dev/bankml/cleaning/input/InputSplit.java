package dev.bankml.cleaning.input;

import java.io.Serializable;

/**
 * One unit of the cleaning pass: a byte range of one input file ({@code [start, end)}; {@code end}
 * is {@link Long#MAX_VALUE} for a whole file, always the case for a compressed one).
 *
 * @param id          index of the split in the run (also its task's partition)
 * @param fileIndex   index of its file in the run's input
 * @param path        the file's full path
 * @param start       first byte
 * @param end         end of the range (exclusive)
 * @param indexInFile position among the splits of its file (0 = the one holding the header)
 * @param splitsOfFile how many splits the file has
 */
public record InputSplit(int id, int fileIndex, String path, long start, long end, int indexInFile, int splitsOfFile)
        implements Serializable {

    public boolean wholeFile() {
        return splitsOfFile == 1;
    }
}
