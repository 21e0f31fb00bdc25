package dev.bankml.cleaning.input;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.workflow.DeliveryKind;

/**
 * The files one cleaning run reads, each with the layout read from its header.
 *
 * @param root       the resolved source location (a file or a folder; the first, with several sources)
 * @param files      one per non-empty file, in path order
 * @param layouts    the layout of each of {@code files}, same order
 * @param emptyFiles identities of files with no bytes at all (no header, no rows)
 */
public record InputFiles(String root, List<SourceFile> files, List<FileLayout> layouts, List<String> emptyFiles) {

    /**
     * One input file.
     *
     * @param identity   its identity (see {@link BatchIds#identityOf})
     * @param relative   its path relative to the source root (its name when the source is the file):
     *                   what record ids are made of, so they do not change when the tree moves
     * @param path       its full path, as the file system reads it
     * @param length     its size in bytes
     * @param compressed whether a codec decompresses it (then it cannot be split)
     * @param modifiedAt its modification time (ms since the epoch): with the size, what tells an unchanged delivery
     * @param kind       the kind of delivery: its rows go to that kind's table
     */
    public record SourceFile(String identity, String relative, String path, long length, boolean compressed,
                             long modifiedAt, DeliveryKind kind) implements Serializable {
        /** The partition value of the file's rows. */
        public String batchId() {
            return BatchIds.of(identity);
        }
    }

    public InputFiles {
        files = List.copyOf(files);
        layouts = List.copyOf(layouts);
        emptyFiles = List.copyOf(emptyFiles);
    }

    public Map<String, FileLayout> layoutsBySource() {
        return layouts.stream().collect(Collectors.toMap(FileLayout::sourceFile, Function.identity()));
    }

    /** Every batch id of this run, including those of files that turn out to hold no valid row. */
    public List<String> batchIds() {
        return layouts.stream().map(FileLayout::batchId).distinct().sorted().toList();
    }

    /** Whether any file of the run is a lead delivery (to score: the label is not there). */
    public boolean hasLeads() {
        return files.stream().anyMatch(f -> !f.kind().labelled());
    }

    public long totalBytes() {
        return files.stream().mapToLong(SourceFile::length).sum();
    }
}
