package dev.bankml.cleaning.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.InputSplit;
import dev.bankml.cleaning.pass.SplitResult;

/**
 * The deliveries of a run that look like uploads still under way or cut short: the file's last line has
 * no line end after it, or the pass read another number of bytes than the listing gave (the file grew or
 * shrank between the two). Found from what the pass read anyway; nothing is read again. Pure.
 */
public final class IncompleteUploads {
    private IncompleteUploads() {
    }

    /** Batch id → what looks wrong, for the files of the pass that look incomplete. */
    public static Map<String, String> of(List<SplitResult> results, List<InputSplit> splits, InputFiles input) {
        Map<Integer, Long> read = new TreeMap<>();
        Map<Integer, Boolean> unterminated = new TreeMap<>();
        for (SplitResult r : results) {
            InputSplit s = splits.get(r.splitId);
            read.merge(s.fileIndex(), r.digestedBytes, Long::sum);
            if (s.indexInFile() == s.splitsOfFile() - 1) {
                unterminated.put(s.fileIndex(), r.endsWithoutLineBreak);
            }
        }
        Map<String, String> out = new TreeMap<>();
        read.forEach((index, bytes) -> {
            InputFiles.SourceFile f = input.files().get(index);
            if (bytes != f.length()) {
                out.put(f.batchId(), String.format(Locale.ROOT, "its size changed while it was read (listed %,d bytes, "
                        + "read %,d): it may still be being uploaded", f.length(), bytes));
            } else if (unterminated.getOrDefault(index, false)) {
                out.put(f.batchId(), "its last line has no line end after it: the upload may have been cut short");
            }
        });
        return out;
    }
}
