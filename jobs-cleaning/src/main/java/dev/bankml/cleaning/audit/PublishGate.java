package dev.bankml.cleaning.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bankml.jobs.RunStatus;
import dev.bankml.workflow.settings.CleaningSettings;

/**
 * Whether a staged run may be published, decided from what the pass counted and what is already
 * published, before anything becomes visible. Pure. A run is refused when its counts do not add up
 * (a bug), when too large a share of its rows was rejected, when a data-quality check of severity
 * ERROR failed, or when a partition it replaces would lose more of its rows than
 * {@code --max_partition_shrink} allows (a truncated or empty re-delivery would otherwise silently
 * delete published data).
 */
public final class PublishGate {
    private PublishGate() {
    }

    /**
     * What a run may do to the published data.
     *
     * @param maxRejectedFraction above this share of rejected rows nothing is published
     * @param maxPartitionShrink  the largest share of a published partition's rows a re-delivery may remove
     */
    public record Limits(double maxRejectedFraction, double maxPartitionShrink) {
    }

    /** The decision, with the report status ({@link RunStatus}) and a message that says what to do. */
    public record Verdict(boolean publish, String status, String message) {
        static final Verdict PUBLISH = new Verdict(true, RunStatus.SUCCEEDED, "");
    }

    /**
     * The gate of a run that publishes all its files or none (a run pointed at files by hand).
     *
     * @param previousRows rows now published in each partition this run would replace
     * @param reportFile   where the run report goes, for the messages
     */
    public static Verdict decide(CleaningCounts counts, List<CheckResult> checks, Map<String, Long> previousRows,
                                 Limits limits, String reportFile) {
        Verdict runWide = decideRunWide(counts, checks);
        return runWide.publish() ? decideShares(counts, previousRows, limits, reportFile) : runWide;
    }

    /**
     * The gate of a cycle, which sets a refused delivery aside ({@link DeliveryGate}) and publishes the
     * others: only what concerns the run as a whole can refuse it (the accounting, a data-quality check
     * of severity ERROR such as record-id uniqueness).
     */
    public static Verdict decideRunWide(CleaningCounts counts, List<CheckResult> checks) {
        if (!counts.addsUp()) {
            return new Verdict(false, RunStatus.FAILED, String.format(Locale.ROOT,
                    "row accounting broken (a bug): %d lines = %d rows + %d blank + %d header; %d rows = %d cleaned + %d "
                            + "rejected does not hold. Nothing was published.", counts.linesRead(), counts.rowsRead(),
                    counts.blankLines(), counts.headerLines(), counts.rowsRead(), counts.rowsWritten(),
                    counts.rowsRejected()));
        }
        List<CheckResult> failed = checks.stream().filter(CheckResult::blocksPublishing).toList();
        if (!failed.isEmpty()) {
            return refuse("data-quality checks failed on the cleaned data, nothing was published: " + failed);
        }
        return Verdict.PUBLISH;
    }

    private static Verdict decideShares(CleaningCounts counts, Map<String, Long> previousRows, Limits limits,
                                        String reportFile) {
        double fraction = counts.rejectedFraction();
        if (fraction > limits.maxRejectedFraction()) {
            return refuse(String.format(Locale.ROOT,
                    "%d of %d rows (%.2f%%) were rejected, above %s %s; nothing was published. "
                            + "Look at the reasons in the run report (%s) and fix the input, or raise the limit.",
                    counts.rowsRejected(), counts.rowsRead(), 100 * fraction, CleaningSettings.MAX_REJECTED_FRACTION.flag(),
                    limits.maxRejectedFraction(), reportFile));
        }
        for (Map.Entry<String, Long> p : previousRows.entrySet()) {
            long before = p.getValue();
            long after = counts.rowsPerPartition().getOrDefault(p.getKey(), 0L);
            double lost = before == 0 ? 0.0 : (double) (before - after) / before;
            if (lost > limits.maxPartitionShrink()) {
                return refuse(String.format(Locale.ROOT,
                        "partition batch_id=%s would shrink from %,d to %,d cleaned rows (%.0f%% fewer), more than "
                                + "%s %s allows; nothing was published. If this delivery of the file "
                                + "is right (a correction, a deliberate truncation), run again with "
                                + "%s 1.", p.getKey(), before, after, 100 * lost, CleaningSettings.MAX_PARTITION_SHRINK.flag(),
                        limits.maxPartitionShrink(), CleaningSettings.MAX_PARTITION_SHRINK.flag()));
            }
        }
        return Verdict.PUBLISH;
    }

    private static Verdict refuse(String message) {
        return new Verdict(false, RunStatus.FAILED_QUALITY_GATE, message);
    }
}
