package dev.bankml.cleaning.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.InputSplit;
import dev.bankml.cleaning.pass.ColumnProfile;
import dev.bankml.cleaning.pass.ContentKeys;
import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.cleaning.rules.FileLayout;

/**
 * Everything the cleaning pass counted, as one immutable value built from the task results: line
 * kinds, rows read, written and rejected (in total and per partition), reasons, duplicates, the
 * data-quality profile of the cleaned rows and how many distinct record ids they have.
 */
public record CleaningCounts(Lines lines, Rows rows, Partitions partitions, Duplicates duplicates,
                             ColumnProfile profile, long distinctRecordIds) {

    /** Physical lines: every line read is a header, a blank line or a data row. */
    public record Lines(long read, long blank, long header) {
    }

    /** Data rows: each written to the cleaned table or rejected to the quarantine, with its reasons. */
    public record Rows(long read, long written, long rejected, Map<String, Long> rejectedByReason) {
    }

    /**
     * Per {@code batch_id} partition (one per delivery): rows written, rows rejected, and rows carrying a
     * value in a column the delivery's layout ignores (a lead's label or after-call columns), per column.
     */
    public record Partitions(Map<String, Long> written, Map<String, Long> rejected,
                             Map<String, Map<String, Long>> ignoredValues) {
    }

    /**
     * Valid records equal to an earlier one of their file; records whose content is in another input file;
     * records equal to one an earlier delivery of their kind published.
     */
    public record Duplicates(long withinFile, long acrossFiles, long acrossDeliveries) {
    }

    public static final CleaningCounts NONE = new CleaningCounts(new Lines(0, 0, 0), new Rows(0, 0, 0, Map.of()),
            new Partitions(Map.of(), Map.of(), Map.of()), new Duplicates(0, 0, 0), new ColumnProfile(), 0);

    /**
     * @param results one per split
     * @param splits  the splits, indexed by id (to find each result's file)
     * @param input   the run's input files
     */
    public static CleaningCounts of(List<SplitResult> results, List<InputSplit> splits, InputFiles input) {
        long lines = 0;
        long blank = 0;
        long header = 0;
        long read = 0;
        long written = 0;
        long rejected = 0;
        long withinFile = 0;
        long acrossDeliveries = 0;
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Long> perPartition = new TreeMap<>();
        Map<String, Long> rejectedPerPartition = new TreeMap<>();
        Map<String, Map<String, Long>> ignored = new TreeMap<>();
        ColumnProfile profile = new ColumnProfile();
        for (SplitResult r : results) {
            lines += r.lines;
            blank += r.blankLines;
            header += r.headerLines;
            read += r.rowsRead;
            written += r.rowsWritten;
            rejected += r.rowsRejected;
            withinFile += r.withinFileDuplicates;
            acrossDeliveries += r.acrossDeliveryDuplicates;
            r.rejectedByReason.forEach((k, v) -> reasons.merge(k, v, Long::sum));
            FileLayout layout = input.layouts().get(splits.get(r.splitId).fileIndex());
            String batch = layout.batchId();
            if (r.rowsWritten > 0) {
                perPartition.merge(batch, r.rowsWritten, Long::sum);
            }
            if (r.rowsRejected > 0) {
                rejectedPerPartition.merge(batch, r.rowsRejected, Long::sum);
            }
            if (!layout.ignoredColumns().isEmpty()) {
                Map<String, Long> byColumn = ignored.computeIfAbsent(batch, b -> new TreeMap<>());
                layout.ignoredColumns().keySet().forEach(c -> byColumn.merge(c, r.ignoredValues.getOrDefault(c, 0L),
                        Long::sum));
            }
            profile.merge(r.profile);
        }
        return new CleaningCounts(new Lines(lines, blank, header),
                new Rows(read, written, rejected, Collections.unmodifiableMap(reasons)),
                new Partitions(Collections.unmodifiableMap(perPartition), Collections.unmodifiableMap(rejectedPerPartition),
                        Collections.unmodifiableMap(ignored)),
                new Duplicates(withinFile, acrossFiles(results, splits), acrossDeliveries), profile, distinctIds(results));
    }

    /** {@code rows_read = rows_written + rows_rejected} and {@code lines_read = rows_read + blank + header}. */
    boolean addsUp() {
        return rows.read() == rows.written() + rows.rejected()
                && lines.read() == rows.read() + lines.blank() + lines.header();
    }

    public double rejectedFraction() {
        return rows.read() == 0 ? 0.0 : (double) rows.rejected() / rows.read();
    }

    public long linesRead() {
        return lines.read();
    }

    public long blankLines() {
        return lines.blank();
    }

    public long headerLines() {
        return lines.header();
    }

    public long rowsRead() {
        return rows.read();
    }

    public long rowsWritten() {
        return rows.written();
    }

    public long rowsRejected() {
        return rows.rejected();
    }

    public Map<String, Long> rejectedByReason() {
        return rows.rejectedByReason();
    }

    public Map<String, Long> rowsPerPartition() {
        return partitions.written();
    }

    public Map<String, Long> rejectedPerPartition() {
        return partitions.rejected();
    }

    public long duplicatesWithinFile() {
        return duplicates.withinFile();
    }

    public long duplicatesAcrossFiles() {
        return duplicates.acrossFiles();
    }

    public long duplicatesAcrossDeliveries() {
        return duplicates.acrossDeliveries();
    }

    /** Rows read of one partition (one delivery): written plus rejected. */
    public long rowsReadOf(String batch) {
        return partitions.written().getOrDefault(batch, 0L) + partitions.rejected().getOrDefault(batch, 0L);
    }

    /** Valid records whose content also occurs in another input file (merging every split's sorted keys). */
    static long acrossFiles(List<SplitResult> results, List<InputSplit> splits) {
        List<SplitResult> withKeys = results.stream().filter(r -> r.keys.size() > 0).toList();
        if (withKeys.stream().map(r -> splits.get(r.splitId).fileIndex()).distinct().count() < 2) {
            return 0;
        }
        int m = withKeys.size();
        int[] pos = new int[m];
        long total = 0;
        while (true) {
            int min = -1;
            long a = 0;
            long b = 0;
            for (int i = 0; i < m; i++) {
                ContentKeys.Table t = withKeys.get(i).keys;
                if (pos[i] < t.size() && (min < 0 || t.compare(pos[i], a, b) < 0)) {
                    min = i;
                    a = t.k1()[pos[i]];
                    b = t.k2()[pos[i]];
                }
            }
            if (min < 0) {
                return total;
            }
            long count = 0;
            int firstFile = -1;
            boolean severalFiles = false;
            for (int i = 0; i < m; i++) {
                ContentKeys.Table t = withKeys.get(i).keys;
                if (pos[i] < t.size() && t.compare(pos[i], a, b) == 0) {
                    count += t.counts()[pos[i]];
                    int file = splits.get(withKeys.get(i).splitId).fileIndex();
                    severalFiles |= firstFile >= 0 && file != firstFile;
                    firstFile = firstFile < 0 ? file : firstFile;
                    pos[i]++;
                }
            }
            if (severalFiles) {
                total += count;
            }
        }
    }

    /** Distinct record ids, counted on their first 64 bits (a false collision needs ~4 billion rows). */
    static long distinctIds(List<SplitResult> results) {
        int n = results.stream().mapToInt(r -> r.idPrefixes.length).sum();
        long[] all = new long[n];
        int at = 0;
        for (SplitResult r : results) {
            System.arraycopy(r.idPrefixes, 0, all, at, r.idPrefixes.length);
            at += r.idPrefixes.length;
        }
        Arrays.parallelSort(all);
        long distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /**
     * For each split of a file cut in several, the occurrences of its content keys in the file's
     * earlier splits (only keys that have any), from the sorted keys of a scan; and the number of each
     * split's first line.
     */
    public record SplitIndex(Map<Integer, Long> firstLine, Map<Integer, ContentKeys.Table> earlier) {
        public static SplitIndex of(List<SplitResult> scans, List<InputSplit> splits) {
            Map<Integer, Long> firstLine = new TreeMap<>();
            Map<Integer, ContentKeys.Table> earlier = new TreeMap<>();
            Map<Integer, List<SplitResult>> byFile = new TreeMap<>();
            for (SplitResult r : scans) {
                byFile.computeIfAbsent(splits.get(r.splitId).fileIndex(), f -> new ArrayList<>()).add(r);
            }
            for (List<SplitResult> file : byFile.values()) {
                file.sort(Comparator.comparingInt(r -> splits.get(r.splitId).indexInFile()));
                long next = 1;
                for (SplitResult r : file) {
                    firstLine.put(r.splitId, next);
                    next += r.lines;
                }
                for (int j = 1; j < file.size(); j++) {
                    earlier.put(file.get(j).splitId, earlierCounts(file.subList(0, j), file.get(j).keys));
                }
            }
            return new SplitIndex(firstLine, earlier);
        }

        /** The keys of {@code later} that occur in {@code before}, with their total count there. */
        private static ContentKeys.Table earlierCounts(List<SplitResult> before, ContentKeys.Table later) {
            int n = later.size();
            long[] a = new long[n];
            long[] b = new long[n];
            int[] c = new int[n];
            int out = 0;
            for (int i = 0; i < n; i++) {
                int sum = 0;
                for (SplitResult r : before) {
                    sum += r.keys.countOf(later.k1()[i], later.k2()[i]);
                }
                if (sum > 0) {
                    a[out] = later.k1()[i];
                    b[out] = later.k2()[i];
                    c[out] = sum;
                    out++;
                }
            }
            return new ContentKeys.Table(Arrays.copyOf(a, out), Arrays.copyOf(b, out), Arrays.copyOf(c, out));
        }
    }
}
