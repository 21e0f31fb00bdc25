package dev.bankml.cleaning;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.bankml.cleaning.audit.CheckResult;
import dev.bankml.cleaning.audit.CleaningCounts;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.InputSplit;
import dev.bankml.cleaning.ledger.Delivery;
import dev.bankml.cleaning.pass.FileDigests;
import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.RunStatus;
import dev.bankml.jobs.Stopwatch;

/**
 * What one cleaning run has found out so far, stage by stage: the deliveries, the input read, the
 * pass's results and counts, the audit's checks. The run report is written from it whatever the
 * outcome, so a run that fails half-way reports what it got to.
 */
final class CleaningRun {
    final CleaningConfig config;
    final CleaningRoots roots;
    final String startedAt = Instant.now().toString();
    final Stopwatch watch = Stopwatch.start();

    List<Delivery> deliveries = List.of();
    InputFiles input;
    List<InputSplit> splits = List.of();
    List<SplitResult> results = List.of();
    CleaningCounts counts = CleaningCounts.NONE;
    List<CheckResult> checks = List.of();
    Map<String, Long> previousRows = Map.of();
    Map<String, String> digests = Map.of();

    CleaningRun(CleaningConfig config, CleaningRoots roots) {
        this.config = config;
        this.roots = roots;
    }

    /** The deliveries to clean in this run. */
    List<InputFiles.SourceFile> toClean() {
        return deliveries.stream().filter(Delivery::toClean).map(Delivery::file).toList();
    }

    /** The report of the run as it stands, with its outcome. */
    CleaningReport report(String status, String message, boolean published) {
        CleaningCounts c = counts;
        return new CleaningReport(
                new CleaningReport.Run("cleaning", config.runId(), config.context().cycleId(), status, message,
                        published, startedAt, Instant.now().toString()),
                new CleaningReport.Locations(roots.source(), roots.target(), roots.rejected()),
                input == null ? List.of() : input.layouts().stream().map(this::describe).toList(),
                input == null ? List.of() : input.emptyFiles(),
                new CleaningReport.Counts(c.linesRead(), c.blankLines(), c.headerLines(), c.blankLines() + c.headerLines(),
                        c.rowsRead(), c.rowsWritten(), c.rowsRejected(), c.rejectedFraction(), c.rejectedByReason()),
                new CleaningReport.Duplicates(c.duplicatesWithinFile(), c.duplicatesAcrossFiles(),
                        config.duplicates().name().toLowerCase(Locale.ROOT)),
                new CleaningReport.Partitions(c.rowsPerPartition(), c.rejectedPerPartition(), previousRows),
                new CleaningReport.Limits(config.limits().maxRejectedFraction(), config.limits().maxPartitionShrink()),
                config.encoding().name(), checks, watch.millis(),
                deliveries.stream().map(this::describe).toList());
    }

    /** A failed run's report: the cause in one line. */
    CleaningReport failed(String cause) {
        return report(RunStatus.FAILED, cause, false);
    }

    private CleaningReport.DeliveryReport describe(Delivery d) {
        String batch = d.file().batchId();
        String digest = d.toClean() ? digests.getOrDefault(batch, d.file().length() == 0 ? FileDigests.EMPTY_FILE : "")
                : d.previous().map(p -> p.digestScheme() + ":" + p.contentDigest()).orElse("");
        boolean same = d.toClean() && d.previous().isPresent() && !digest.isEmpty()
                && FileDigests.digest(digest).equals(d.previous().get().contentDigest());
        long written = d.toClean() ? counts.rowsPerPartition().getOrDefault(batch, 0L)
                : d.previous().map(LedgerEntry::rowsWritten).orElse(0L);
        long rejected = d.toClean() ? counts.rejectedPerPartition().getOrDefault(batch, 0L)
                : d.previous().map(LedgerEntry::rowsRejected).orElse(0L);
        return new CleaningReport.DeliveryReport(d.file().kind().id(), d.file().identity(), batch,
                d.status().name().toLowerCase(Locale.ROOT), d.file().length(), digest, same, written, rejected);
    }

    private CleaningReport.InputFile describe(FileLayout l) {
        String delimiter = l.delimiter() == '\t' ? "\\t" : String.valueOf(l.delimiter());
        Map<String, Long> ignored = new TreeMap<>();
        l.ignoredColumns().keySet().forEach(c -> ignored.put(c, 0L));
        ignored.putAll(counts.partitions().ignoredValues().getOrDefault(l.batchId(), Map.of()));
        return new CleaningReport.InputFile(l.sourceFile(), l.batchId(), delimiter, l.extraColumns(), l.missingColumns(),
                ignored);
    }
}
