package dev.bankml.cleaning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one cleaning run did, written as JSON next to the output (and summarised in the log) whether
 * the run succeeded or not. Invariant of a completed run: {@code rows_read = rows_written + rows_rejected}
 * and {@code lines_read = rows_read + blank_or_header_lines}.
 */
public record CleaningReport(
        String job,
        String runId,
        String status,
        String message,
        boolean published,
        String sourcePath,
        String targetPath,
        String rejectedPath,
        String startedAt,
        String finishedAt,
        List<InputFile> inputFiles,
        List<String> emptyFiles,
        long linesRead,
        long blankLines,
        long headerLines,
        long blankOrHeaderLines,
        long rowsRead,
        long rowsWritten,
        long rowsRejected,
        double rejectedFraction,
        double maxRejectedFraction,
        Map<String, Long> rejectedByReason,
        Duplicates duplicates,
        Map<String, Long> rowsPerPartition,
        Map<String, Long> rejectedPerPartition,
        List<CheckResult> dataQuality,
        Map<String, Long> timingsMs) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED_QUALITY_GATE = "FAILED_QUALITY_GATE";
    public static final String FAILED = "FAILED";

    /**
     * One input file.
     *
     * @param sourceFile     path relative to the source root
     * @param batchId        its partition value
     * @param delimiter      detected field separator
     * @param extraColumns   header columns that are not bank columns (dropped)
     * @param missingColumns bank columns it lacks (only an optional label can be)
     */
    public record InputFile(String sourceFile, String batchId, String delimiter, List<String> extraColumns,
                            List<String> missingColumns) {
    }

    /**
     * Exact duplicates among valid records.
     *
     * @param withinFile  records equal to an earlier record of the same file
     * @param acrossFiles records whose content also appears in another input file (reported only)
     * @param policy      what was done with the within-file duplicates
     */
    public record Duplicates(long withinFile, long acrossFiles, String policy) {
    }

    /** Accumulates the report while the run goes on. */
    public static final class Builder {
        String runId;
        String status = FAILED;
        String message = "";
        boolean published;
        String sourcePath;
        String targetPath;
        String rejectedPath;
        String startedAt;
        String finishedAt;
        List<InputFile> inputFiles = List.of();
        List<String> emptyFiles = List.of();
        long linesRead;
        long blankLines;
        long headerLines;
        long rowsRead;
        long rowsWritten;
        long rowsRejected;
        double maxRejectedFraction;
        Map<String, Long> rejectedByReason = new LinkedHashMap<>();
        Duplicates duplicates = new Duplicates(0, 0, "");
        Map<String, Long> rowsPerPartition = new LinkedHashMap<>();
        Map<String, Long> rejectedPerPartition = new LinkedHashMap<>();
        List<CheckResult> dataQuality = List.of();
        final Map<String, Long> timingsMs = new LinkedHashMap<>();

        public CleaningReport build() {
            double fraction = rowsRead == 0 ? 0.0 : (double) rowsRejected / rowsRead;
            return new CleaningReport("cleaning", runId, status, message, published, sourcePath, targetPath,
                    rejectedPath, startedAt, finishedAt, inputFiles, emptyFiles, linesRead, blankLines, headerLines,
                    blankLines + headerLines, rowsRead, rowsWritten, rowsRejected, fraction, maxRejectedFraction,
                    new java.util.TreeMap<>(rejectedByReason), duplicates, rowsPerPartition, rejectedPerPartition, dataQuality,
                    timingsMs);
        }
    }
}
