package dev.bankml.cleaning;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.bankml.cleaning.audit.CheckResult;
import dev.bankml.jobs.RunStatus;

/**
 * What one cleaning run did, written as JSON next to the output (and summarised in the log) whether
 * the run succeeded or not. Invariant of a completed run: {@code rows_read = rows_written + rows_rejected}
 * and {@code lines_read = rows_read + blank_or_header_lines}. {@code rows_written} counts the cleaned
 * rows the run staged; {@code published} says whether they (and the quarantine) became visible.
 */
public record CleaningReport(
        @JsonUnwrapped Run run,
        @JsonUnwrapped Locations locations,
        List<InputFile> inputFiles,
        List<String> emptyFiles,
        @JsonUnwrapped Counts counts,
        Duplicates duplicates,
        @JsonUnwrapped Partitions partitions,
        @JsonUnwrapped Limits limits,
        String encoding,
        List<CheckResult> dataQuality,
        Map<String, Long> timingsMs,
        List<DeliveryReport> deliveries,
        Publication publication) {

    /**
     * What the run made visible, and what it set aside: the rows it published (a resend's, a refused or a
     * held delivery's rows were read and counted above, but are in no table), and the deliveries it refused,
     * recorded as resends, held back, or found incomplete-looking.
     *
     * @param rowsWritten  cleaned rows published
     * @param rowsRejected quarantined rows published
     * @param rejectedByReason the published quarantined rows by reason code (a row counts in each of its codes)
     * @param refused      deliveries refused by this run, with the reason and what to do
     * @param resends      deliveries whose bytes another delivery published already
     * @param held         deliveries held back until a later cycle ({@code --hold_incomplete})
     * @param incomplete   deliveries that look like an unfinished upload (held back or not)
     * @param refusedEarlier deliveries an earlier run refused, still there as they were
     */
    public record Publication(long rowsWritten, long rowsRejected, Map<String, Long> rejectedByReason,
                              List<SetAside> refused, List<SetAside> resends, List<SetAside> held,
                              List<SetAside> incomplete, List<SetAside> refusedEarlier) {
    }

    /**
     * A delivery set aside or to look at.
     *
     * @param reason   what was found
     * @param whatToDo what gets it cleaned (empty when nothing needs doing)
     */
    public record SetAside(String sourceFile, String batchId, String reason, String whatToDo) {
    }

    /**
     * Which run, when, with which outcome.
     *
     * @param status    one of {@link RunStatus}
     * @param message   what happened, and what to do about it when the run failed
     * @param published whether the cleaned rows and the quarantine were published
     * @param dpuSeconds what the run cost on Glue until the report, in DPU-seconds (null when the run was not
     *                   told its workers and their DPUs: {@code --worker_count}, {@code --dpu_per_worker})
     */
    public record Run(String job, String runId, String cycleId, String status, String message, boolean published,
                      String startedAt, String finishedAt, Double dpuSeconds) {
    }

    /** Where the run read and what it published to. */
    public record Locations(String sourcePath, String targetPath, String rejectedPath) {
    }

    /**
     * Every line read, and where each ended: {@code lines_read = rows_read + blank_or_header_lines},
     * {@code rows_read = rows_written + rows_rejected}.
     */
    public record Counts(long linesRead, long blankLines, long headerLines, long blankOrHeaderLines, long rowsRead,
                         long rowsWritten, long rowsRejected, double rejectedFraction,
                         Map<String, Long> rejectedByReason) {
    }

    /** Rows per {@code batch_id} partition: cleaned, quarantined, and what the partitions it replaced held. */
    public record Partitions(Map<String, Long> rowsPerPartition, Map<String, Long> rejectedPerPartition,
                             Map<String, Long> previousRowsPerPartition) {
    }

    /** The limits the audit applied. */
    public record Limits(double maxRejectedFraction, double maxPartitionShrink) {
    }

    public String runId() {
        return run.runId();
    }

    public String cycleId() {
        return run.cycleId();
    }

    public String status() {
        return run.status();
    }

    public String message() {
        return run.message();
    }

    public boolean published() {
        return run.published();
    }

    public String sourcePath() {
        return locations.sourcePath();
    }

    public long blankLines() {
        return counts.blankLines();
    }

    public long headerLines() {
        return counts.headerLines();
    }

    public long blankOrHeaderLines() {
        return counts.blankOrHeaderLines();
    }

    public Map<String, Long> previousRowsPerPartition() {
        return partitions.previousRowsPerPartition();
    }

    public String targetPath() {
        return locations.targetPath();
    }

    public String rejectedPath() {
        return locations.rejectedPath();
    }

    public long linesRead() {
        return counts.linesRead();
    }

    public long rowsRead() {
        return counts.rowsRead();
    }

    public long rowsWritten() {
        return counts.rowsWritten();
    }

    public long rowsRejected() {
        return counts.rowsRejected();
    }

    public double rejectedFraction() {
        return counts.rejectedFraction();
    }

    public Map<String, Long> rejectedByReason() {
        return counts.rejectedByReason();
    }

    /**
     * One input file.
     *
     * @param sourceFile     the file's identity (bucket and key, or absolute path)
     * @param batchId        its partition value
     * @param delimiter      detected field separator
     * @param extraColumns   header columns that are not bank columns (dropped)
     * @param missingColumns bank columns it lacks (only optional ones can be: a lead's label and
     *                       after-call columns)
     * @param ignoredColumns bank columns it has whose values were not read (a lead's label and after-call
     *                       columns), each with the rows that carried a value
     */
    public record InputFile(String sourceFile, String batchId, String delimiter, List<String> extraColumns,
                            List<String> missingColumns, Map<String, Long> ignoredColumns) {
    }

    /**
     * One delivery found in the source folders, and what the run did with it.
     *
     * @param status        {@code new}, {@code changed} or {@code reprocessed} (read by this run), or
     *                      {@code unchanged} (in the ledger as it is) or {@code refused_earlier} (refused by
     *                      an earlier run as it is): not read
     * @param contentDigest SHA-256 of its bytes as this run read them ({@code scheme:hex}); for a delivery
     *                      not read, the ledger's
     * @param sameContent   for a changed delivery: whether its bytes are those the ledger had (re-uploaded)
     * @param outcome       what the run made of it
     */
    public record DeliveryReport(String kind, String sourceFile, String batchId, String status, long size,
                                 String contentDigest, boolean sameContent, @JsonUnwrapped DeliveryOutcome outcome) {
    }

    /**
     * What a run made of one delivery.
     *
     * @param outcome      {@code published}, {@code same_content} (re-uploaded as it was: only its ledger entry
     *                     changed), {@code resend}, {@code refused}, {@code held}, {@code unchanged},
     *                     {@code refused_earlier}; empty when the run stopped before deciding
     * @param rowsWritten  its rows in the cleaned table (as published, or as the ledger has them)
     * @param rowsRejected its rows in the quarantine
     * @param resendOf     for a resend: the delivery it repeats ({@code source_file}, batch id)
     * @param reason       for a refusal: why; for a held delivery: why it looks incomplete
     * @param whatToDo     for a refusal: what gets it cleaned
     * @param incomplete   why it looks like an unfinished upload, when it does
     */
    public record DeliveryOutcome(String outcome, long rowsWritten, long rowsRejected, String resendOf, String reason,
                                  String whatToDo, String incomplete) {
    }

    /**
     * Exact duplicates among valid records.
     *
     * @param withinFile  records equal to an earlier record of the same file
     * @param acrossFiles records whose content also appears in another input file (reported only)
     * @param acrossDeliveries records equal to one an earlier delivery of the same kind published
     * @param policy      what was done with the duplicates within a file and across deliveries
     */
    public record Duplicates(long withinFile, long acrossFiles, long acrossDeliveries, String policy) {
    }
}
