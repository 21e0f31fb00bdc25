package dev.bankml.cleaning;

import java.util.List;
import java.util.Map;

import dev.bankml.cleaning.audit.CheckResult;
import dev.bankml.cleaning.audit.CleaningCounts;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.rules.FileLayout;

/**
 * What one cleaning run did, written as JSON next to the output (and summarised in the log) whether
 * the run succeeded or not. Invariant of a completed run: {@code rows_read = rows_written + rows_rejected}
 * and {@code lines_read = rows_read + blank_or_header_lines}. {@code rows_written} counts the cleaned
 * rows the run staged; {@code published} says whether they (and the quarantine) became visible.
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
        Map<String, Long> previousRowsPerPartition,
        double maxPartitionShrink,
        String encoding,
        List<CheckResult> dataQuality,
        Map<String, Long> timingsMs) {

    /**
     * One input file.
     *
     * @param sourceFile     the file's identity (bucket and key, or absolute path)
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

    /**
     * Who ran, on what, with which outcome.
     *
     * @param status    one of {@link dev.bankml.jobs.RunStatus}
     * @param message   what happened, and what to do about it when the run failed
     * @param published whether the cleaned rows and the quarantine were published
     */
    record Outcome(String status, String message, boolean published) {
    }

    /** The report of a run, built once at its end from the values the run computed. */
    static CleaningReport of(CleaningConfig config, String sourcePath, String targetPath, String rejectedPath,
                             String startedAt, InputFiles input, CleaningCounts counts, List<CheckResult> dataQuality,
                             Map<String, Long> previousRows, Outcome outcome, Map<String, Long> timingsMs) {
        List<InputFile> files = input == null ? List.of() : input.layouts().stream().map(CleaningReport::describe).toList();
        return new CleaningReport("cleaning", config.runId(), outcome.status(), outcome.message(), outcome.published(),
                sourcePath, targetPath, rejectedPath, startedAt, java.time.Instant.now().toString(), files,
                input == null ? List.of() : input.emptyFiles(), counts.linesRead(), counts.blankLines(),
                counts.headerLines(), counts.blankLines() + counts.headerLines(), counts.rowsRead(), counts.rowsWritten(),
                counts.rowsRejected(), counts.rejectedFraction(), config.limits().maxRejectedFraction(), counts.rejectedByReason(),
                new Duplicates(counts.duplicatesWithinFile(), counts.duplicatesAcrossFiles(),
                        config.duplicates().name().toLowerCase(java.util.Locale.ROOT)),
                counts.rowsPerPartition(), counts.rejectedPerPartition(), previousRows, config.limits().maxPartitionShrink(),
                config.encoding().name(), dataQuality, timingsMs);
    }

    private static InputFile describe(FileLayout l) {
        String delimiter = l.delimiter() == '\t' ? "\\t" : String.valueOf(l.delimiter());
        return new InputFile(l.sourceFile(), l.batchId(), delimiter, l.extraColumns(), l.missingColumns());
    }
}
