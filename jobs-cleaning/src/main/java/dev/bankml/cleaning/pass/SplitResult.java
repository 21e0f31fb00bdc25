package dev.bankml.cleaning.pass;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one task saw and wrote for one split: the line counts, the rejection reasons, the
 * data-quality profile of its cleaned rows, the files it staged, and the content keys and record-id
 * prefixes the driver needs for the checks that span splits and files. The driver only ever sees the
 * results of successful task attempts, so the files listed here are exactly the ones to publish.
 */
public final class SplitResult implements Serializable {
    public final int splitId;
    public long lines;
    public long blankLines;
    public long headerLines;
    public long rowsRead;
    public long rowsWritten;
    public long rowsRejected;
    /** Valid records equal to an earlier record of the same file (kept or quarantined by the policy). */
    public long withinFileDuplicates;
    /**
     * Valid records equal to one an earlier delivery of the same kind published (kept or quarantined by
     * the policy; counted here, not as within-file duplicates).
     */
    public long acrossDeliveryDuplicates;
    public final Map<String, Long> rejectedByReason = new TreeMap<>();
    /** Rows carrying a value in a column the file's layout ignores (a lead's label or after-call column). */
    public final Map<String, Long> ignoredValues = new TreeMap<>();
    public final ColumnProfile profile = new ColumnProfile();
    /** The staged files, or null when the split produced no row of that kind. */
    public String cleanedFile;
    public String rejectedFile;
    /** Distinct content keys of the split's valid records with their counts (when the driver asked for them). */
    public ContentKeys.Table keys = ContentKeys.Table.EMPTY;
    /** The first 64 bits of every record id written, sorted. */
    public long[] idPrefixes = new long[0];
    /** SHA-256 (hex) of the split's bytes, as the pass read them (CLEAN mode). */
    public String digest;
    /** How many bytes {@link #digest} covers. */
    public long digestedBytes;
    /** For the split that holds the end of its file: whether the file's last line had no line break after it. */
    public boolean endsWithoutLineBreak;

    SplitResult(int splitId) {
        this.splitId = splitId;
    }

    void reject(List<String> reasons) {
        rowsRejected++;
        for (String r : reasons) {
            rejectedByReason.merge(r, 1L, Long::sum);
        }
    }
}
