package dev.bankml.cleaning;

import java.util.List;
import java.util.Map;

import dev.bankml.cleaning.audit.CheckResult;
import dev.bankml.cleaning.audit.CleaningCounts;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.ledger.Delivery;
import dev.bankml.cleaning.pass.FileDigests;
import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.jobs.LedgerEntry;

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
        Map<String, Long> timingsMs,
        String cycleId,
        List<DeliveryReport> deliveries) {

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
     * One delivery found in the source folders, and what the run did with it.
     *
     * @param status        {@code new}, {@code changed} or {@code reprocessed} (cleaned by this run), or
     *                      {@code unchanged} (in the ledger as it is: not read)
     * @param contentDigest SHA-256 of its bytes as this run read them ({@code scheme:hex}); for an
     *                      unchanged delivery, the ledger's
     * @param sameContent   for a changed delivery: whether its bytes are those the ledger had (re-uploaded)
     */
    public record DeliveryReport(String kind, String sourceFile, String batchId, String status, long size,
                                 String contentDigest, boolean sameContent, long rowsWritten, long rowsRejected) {
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
    static CleaningReport of(CleaningConfig config, CleaningRoots roots, String startedAt,
                             List<Delivery> deliveries, InputFiles input, CleaningCounts counts,
                             List<CheckResult> dataQuality, Map<String, Long> previousRows, Map<String, String> digests,
                             Outcome outcome, Map<String, Long> timingsMs) {
        List<InputFile> files = input == null ? List.of() : input.layouts().stream().map(CleaningReport::describe).toList();
        return new CleaningReport("cleaning", config.runId(), outcome.status(), outcome.message(), outcome.published(),
                roots.source(), roots.target(), roots.rejected(), startedAt, java.time.Instant.now().toString(), files,
                input == null ? List.of() : input.emptyFiles(), counts.linesRead(), counts.blankLines(),
                counts.headerLines(), counts.blankLines() + counts.headerLines(), counts.rowsRead(), counts.rowsWritten(),
                counts.rowsRejected(), counts.rejectedFraction(), config.limits().maxRejectedFraction(), counts.rejectedByReason(),
                new Duplicates(counts.duplicatesWithinFile(), counts.duplicatesAcrossFiles(),
                        config.duplicates().name().toLowerCase(java.util.Locale.ROOT)),
                counts.rowsPerPartition(), counts.rejectedPerPartition(), previousRows, config.limits().maxPartitionShrink(),
                config.encoding().name(), dataQuality, timingsMs, config.context().cycleId(),
                deliveries.stream().map(d -> describe(d, counts, digests)).toList());
    }

    private static DeliveryReport describe(Delivery d, CleaningCounts counts, Map<String, String> digests) {
        String batch = d.file().batchId();
        String digest = d.toClean() ? digests.getOrDefault(batch, d.file().length() == 0 ? FileDigests.EMPTY_FILE : "")
                : d.previous().map(p -> p.digestScheme() + ":" + p.contentDigest()).orElse("");
        boolean same = d.toClean() && d.previous().isPresent() && !digest.isEmpty()
                && FileDigests.digest(digest).equals(d.previous().get().contentDigest());
        long written = d.toClean() ? counts.rowsPerPartition().getOrDefault(batch, 0L)
                : d.previous().map(LedgerEntry::rowsWritten).orElse(0L);
        long rejected = d.toClean() ? counts.rejectedPerPartition().getOrDefault(batch, 0L)
                : d.previous().map(LedgerEntry::rowsRejected).orElse(0L);
        return new DeliveryReport(d.file().kind().id(), d.file().identity(), batch,
                d.status().name().toLowerCase(java.util.Locale.ROOT), d.file().length(), digest, same, written, rejected);
    }

    private static InputFile describe(FileLayout l) {
        String delimiter = l.delimiter() == '\t' ? "\\t" : String.valueOf(l.delimiter());
        return new InputFile(l.sourceFile(), l.batchId(), delimiter, l.extraColumns(), l.missingColumns());
    }
}
