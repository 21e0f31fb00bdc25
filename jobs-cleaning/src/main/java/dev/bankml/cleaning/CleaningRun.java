package dev.bankml.cleaning;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.bankml.cleaning.audit.CheckResult;
import dev.bankml.cleaning.audit.CleaningCounts;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.InputSplit;
import dev.bankml.cleaning.input.Refusal;
import dev.bankml.cleaning.ledger.Delivery;
import dev.bankml.cleaning.ledger.DeliveryOutcomes;
import dev.bankml.cleaning.pass.FileDigests;
import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.RunStatus;
import dev.bankml.jobs.Stopwatch;

/**
 * What one cleaning run has found out so far, stage by stage: the ledger and the deliveries, the input
 * read, the pass's results and counts, the audit's checks, and what the run makes of each delivery. The
 * run report is written from it whatever the outcome, so a run that fails half-way reports what it got to.
 */
final class CleaningRun {
    final CleaningConfig config;
    final CleaningRoots roots;
    final String startedAt = Instant.now().toString();
    final Stopwatch watch = Stopwatch.start();

    List<LedgerEntry> ledger = List.of();
    List<Delivery> deliveries = List.of();
    InputFiles input;
    List<InputSplit> splits = List.of();
    List<SplitResult> results = List.of();
    CleaningCounts counts = CleaningCounts.NONE;
    List<CheckResult> checks = List.of();
    Map<String, Long> previousRows = Map.of();
    /** Batch id → {@code scheme:hex} of each delivery read (empty files included). */
    Map<String, String> digests = Map.of();
    /** What the run makes of each delivery, once decided. */
    List<DeliveryOutcomes.Outcome> outcomes = List.of();

    CleaningRun(CleaningConfig config, CleaningRoots roots) {
        this.config = config;
        this.roots = roots;
    }

    /** The deliveries to clean in this run. */
    List<InputFiles.SourceFile> toClean() {
        return deliveries.stream().filter(Delivery::toClean).map(Delivery::file).toList();
    }

    /** The outcomes of one kind. */
    List<DeliveryOutcomes.Outcome> outcomes(DeliveryOutcomes.Kind kind) {
        return outcomes.stream().filter(o -> o.kind() == kind).toList();
    }

    /** The report of the run as it stands, with its outcome. */
    CleaningReport report(String status, String message, boolean published) {
        CleaningCounts c = counts;
        return new CleaningReport(
                new CleaningReport.Run("cleaning", config.runId(), config.context().cycleId(), status, message,
                        published, startedAt, Instant.now().toString(), config.context().dpuSeconds().orElse(null)),
                new CleaningReport.Locations(roots.source(), roots.target(), roots.rejected()),
                input == null ? List.of() : input.layouts().stream().map(this::describe).toList(),
                input == null ? List.of() : input.emptyFiles(),
                new CleaningReport.Counts(c.linesRead(), c.blankLines(), c.headerLines(), c.blankLines() + c.headerLines(),
                        c.rowsRead(), c.rowsWritten(), c.rowsRejected(), c.rejectedFraction(), c.rejectedByReason()),
                new CleaningReport.Duplicates(c.duplicatesWithinFile(), c.duplicatesAcrossFiles(),
                        c.duplicatesAcrossDeliveries(), config.duplicates().name().toLowerCase(Locale.ROOT)),
                new CleaningReport.Partitions(c.rowsPerPartition(), c.rejectedPerPartition(), previousRows),
                new CleaningReport.Limits(config.limits().maxRejectedFraction(), config.limits().maxPartitionShrink()),
                config.encoding().name(), checks, watch.millis(),
                describe(deliveries), published ? publication() : unpublished());
    }

    /** A failed run's report: the cause in one line. */
    CleaningReport failed(String cause) {
        return report(RunStatus.FAILED, cause, false);
    }

    private CleaningReport.Publication publication() {
        long written = 0;
        long rejected = 0;
        for (DeliveryOutcomes.Outcome o : outcomes) {
            if (o.kind() == DeliveryOutcomes.Kind.PUBLISHED) {
                written += counts.rowsPerPartition().getOrDefault(o.batchId(), 0L);
            }
            if (o.publishesRows()) {
                rejected += counts.rejectedPerPartition().getOrDefault(o.batchId(), 0L);
            }
        }
        return new CleaningReport.Publication(written, rejected, publishedReasons(), setAside(DeliveryOutcomes.Kind.REFUSED),
                setAside(DeliveryOutcomes.Kind.RESEND), setAside(DeliveryOutcomes.Kind.HELD),
                outcomes.stream().filter(o -> o.incomplete().isPresent()).map(this::setAside).toList(),
                setAside(DeliveryOutcomes.Kind.REFUSED_EARLIER));
    }

    /** Nothing was published; what was decided still says what would have been set aside. */
    private CleaningReport.Publication unpublished() {
        CleaningReport.Publication p = publication();
        return new CleaningReport.Publication(0, 0, Map.of(), p.refused(), p.resends(), p.held(), p.incomplete(),
                p.refusedEarlier());
    }

    /** The reasons of the quarantined rows published: those of the deliveries whose rows the run publishes. */
    private Map<String, Long> publishedReasons() {
        List<String> publishing = outcomes.stream().filter(DeliveryOutcomes.Outcome::publishesRows)
                .map(DeliveryOutcomes.Outcome::batchId).toList();
        Map<String, Long> out = new TreeMap<>();
        for (SplitResult r : results) {
            if (publishing.contains(input.files().get(splits.get(r.splitId).fileIndex()).batchId())) {
                r.rejectedByReason.forEach((k, v) -> out.merge(k, v, Long::sum));
            }
        }
        return out;
    }

    private List<CleaningReport.SetAside> setAside(DeliveryOutcomes.Kind kind) {
        return outcomes(kind).stream().map(this::setAside).toList();
    }

    private CleaningReport.SetAside setAside(DeliveryOutcomes.Outcome o) {
        String reason = o.refusal().map(Refusal::reason)
                .or(() -> o.original().map(CleaningRun::repeats))
                .or(o::incomplete).orElse("");
        return new CleaningReport.SetAside(o.delivery().file().identity(), o.batchId(), reason,
                o.refusal().map(Refusal::whatToDo).orElse(o.kind() == DeliveryOutcomes.Kind.HELD
                        ? "let the upload finish; the next cycle reads it again" : ""));
    }

    /** "the bytes of outcomes/2026-11.csv (batch_id=..., cleaned ...)" */
    static String repeats(DeliveryOutcomes.Original o) {
        return "the bytes of " + o.sourceFile() + " (batch_id=" + o.batchId()
                + (o.cleanedAt().isEmpty() ? ", published by this run" : ", cleaned " + o.cleanedAt()) + ")";
    }

    private List<CleaningReport.DeliveryReport> describe(List<Delivery> all) {
        Map<String, DeliveryOutcomes.Outcome> decided = outcomes.stream()
                .collect(Collectors.toMap(DeliveryOutcomes.Outcome::batchId, Function.identity(), (a, b) -> a));
        return all.stream().map(d -> describe(d, Optional.ofNullable(decided.get(d.file().batchId())))).toList();
    }

    private CleaningReport.DeliveryReport describe(Delivery d, Optional<DeliveryOutcomes.Outcome> o) {
        String batch = d.file().batchId();
        String digest = d.toClean() ? digests.getOrDefault(batch, "")
                : d.previous().map(p -> p.digestScheme() + ":" + p.contentDigest()).orElse("");
        boolean same = o.filter(x -> x.kind() == DeliveryOutcomes.Kind.SAME_CONTENT).isPresent();
        return new CleaningReport.DeliveryReport(o.map(x -> x.cleanedAs()).orElse(d.file().kind()).id(),
                d.file().identity(), batch, d.status().name().toLowerCase(Locale.ROOT), d.file().length(), digest, same,
                outcome(d, o));
    }

    private CleaningReport.DeliveryOutcome outcome(Delivery d, Optional<DeliveryOutcomes.Outcome> decided) {
        String batch = d.file().batchId();
        if (decided.isEmpty()) {
            return new CleaningReport.DeliveryOutcome("", 0, 0, null, null, null, null);
        }
        DeliveryOutcomes.Outcome o = decided.get();
        boolean fromLedger = o.kind() == DeliveryOutcomes.Kind.UNCHANGED || o.kind() == DeliveryOutcomes.Kind.SAME_CONTENT
                || (o.kind() == DeliveryOutcomes.Kind.REFUSED_EARLIER || o.kind() == DeliveryOutcomes.Kind.REFUSED)
                && !o.isNew();
        long written = fromLedger ? d.previous().map(LedgerEntry::rowsWritten).orElse(0L)
                : o.kind() == DeliveryOutcomes.Kind.PUBLISHED ? counts.rowsPerPartition().getOrDefault(batch, 0L) : 0;
        long rejected = fromLedger ? d.previous().map(LedgerEntry::rowsRejected).orElse(0L)
                : o.publishesRows() ? counts.rejectedPerPartition().getOrDefault(batch, 0L) : 0;
        return new CleaningReport.DeliveryOutcome(o.kind().name().toLowerCase(Locale.ROOT), written, rejected,
                o.original().map(x -> x.sourceFile() + " (batch_id=" + x.batchId() + ")").orElse(null),
                o.refusal().map(Refusal::reason).or(() -> o.kind() == DeliveryOutcomes.Kind.HELD ? o.incomplete()
                        : Optional.empty()).orElse(null),
                o.refusal().map(Refusal::whatToDo).orElse(null), o.incomplete().orElse(null));
    }

    private CleaningReport.InputFile describe(FileLayout l) {
        String delimiter = l.delimiter() == '\t' ? "\\t" : String.valueOf(l.delimiter());
        Map<String, Long> ignored = new TreeMap<>();
        l.ignoredColumns().keySet().forEach(c -> ignored.put(c, 0L));
        ignored.putAll(counts.partitions().ignoredValues().getOrDefault(l.batchId(), Map.of()));
        return new CleaningReport.InputFile(l.sourceFile(), l.batchId(), delimiter, l.extraColumns(), l.missingColumns(),
                ignored);
    }

    /** Batch id → digest of every delivery read: the pass's, and that of a file with no bytes. */
    static Map<String, String> digests(List<SplitResult> results, List<InputSplit> splits, InputFiles input,
                                       List<InputFiles.SourceFile> read) {
        Map<String, String> out = new TreeMap<>(FileDigests.of(results, splits, input));
        read.stream().filter(f -> f.length() == 0).forEach(f -> out.put(f.batchId(), FileDigests.EMPTY_FILE));
        return out;
    }
}
