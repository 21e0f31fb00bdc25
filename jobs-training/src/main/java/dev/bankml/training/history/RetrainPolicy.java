package dev.bankml.training.history;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.bankml.jobs.LedgerEntry;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.workflow.settings.RunSettings;

/**
 * Whether a cycle trains: when there is no champion, when asked, when the label or the feature set
 * changed, when an out-of-time or drift alarm fired since the last training, or when enough labelled
 * rows arrived since it (a count, or a share of the rows it read). Otherwise the training step is
 * skipped, with its reason, and the cycle goes on to scoring. Pure.
 *
 * @param minNewRows  labelled rows that make a training due
 * @param minNewShare share of the last training's rows that makes it due
 */
public record RetrainPolicy(long minNewRows, double minNewShare) {

    /**
     * The decision and its reason.
     *
     * @param newLabelledRows labelled rows not read by the last training
     * @param lastTrainedRows rows the last training read (0 without one)
     */
    public record Decision(boolean train, String reason, long newLabelledRows, long lastTrainedRows) {
    }

    /**
     * What the last training read: the versions of the outcome deliveries, and their rows.
     *
     * @param at when it ran (ISO-8601)
     */
    public record LastTraining(String runId, String at, List<String> versions, long rows) {
        public static Optional<LastTraining> of(List<MonitoringRecord> history, Optional<ChampionPointer> champion) {
            Optional<MonitoringRecord> last = history.stream()
                    .filter(r -> MonitoringRecord.TRAINING.equals(r.record()) && MonitoringRecord.TRAINED.equals(r.decision()))
                    .reduce((a, b) -> b);
            if (last.isPresent()) {
                MonitoringRecord r = last.get();
                return Optional.of(new LastTraining(r.runId(), r.at(), r.trainedOn() == null ? List.of() : r.trainedOn(),
                        r.trainedOnRows() == null ? 0 : r.trainedOnRows()));
            }
            return champion.filter(c -> !c.trainedOn().isEmpty())
                    .map(c -> new LastTraining(c.runId(), c.createdAt(), c.trainedOn(), 0));
        }
    }

    /**
     * @param champion        the label's champion, if any
     * @param settingChange   how this run's label or features differ from the champion's (empty: the same)
     * @param asked           {@code --retrain true}
     * @param outcomes        the ledger's outcome deliveries now (only published ones count: a resend or a
     *                        refused delivery has no rows in the table)
     * @param last            what the last training read
     * @param history         the monitoring history (for the alarms since the last training)
     */
    public Decision decide(Optional<ChampionPointer> champion, Optional<String> settingChange, boolean asked,
                           List<LedgerEntry> outcomes, Optional<LastTraining> last, List<MonitoringRecord> history) {
        Set<String> seen = new HashSet<>(last.map(LastTraining::versions).orElse(List.of()));
        long newRows = outcomes.stream().filter(e -> e.published() && !seen.contains(e.version()))
                .mapToLong(LedgerEntry::rowsWritten).sum();
        long lastRows = last.map(LastTraining::rows).orElse(0L);
        if (champion.isEmpty()) {
            return new Decision(true, "no champion yet for this label", newRows, lastRows);
        }
        if (asked) {
            return new Decision(true, "asked for (" + RunSettings.RETRAIN.flag() + " true)", newRows, lastRows);
        }
        if (settingChange.isPresent()) {
            return new Decision(true, settingChange.get(), newRows, lastRows);
        }
        String since = last.map(LastTraining::at).orElse(champion.get().createdAt());
        Optional<MonitoringRecord> alarm = history.stream()
                .filter(r -> MonitoringRecord.DELIVERY.equals(r.record()) && r.alarm() && r.at().compareTo(since) > 0)
                .reduce((a, b) -> b);
        if (alarm.isPresent()) {
            return new Decision(true, "alarm on delivery " + alarm.get().batchId() + " since the last training: "
                    + alarmWords(alarm.get()), newRows, lastRows);
        }
        if (newRows == 0) {
            return new Decision(false, "no new labelled rows since the last training"
                    + last.map(l -> " (run " + l.runId() + ")").orElse(""), 0, lastRows);
        }
        double share = lastRows == 0 ? Double.POSITIVE_INFINITY : (double) newRows / lastRows;
        String amount = String.format(Locale.ROOT, "%,d new labelled rows since the last training (%s of the %,d it read)",
                newRows, Double.isInfinite(share) ? "all" : String.format(Locale.ROOT, "%.0f%%", 100 * share), lastRows);
        if (newRows >= minNewRows || share >= minNewShare) {
            return new Decision(true, amount, newRows, lastRows);
        }
        return new Decision(false, amount + ", below the thresholds (" + String.format(Locale.ROOT, "%,d rows or %.0f%%",
                minNewRows, 100 * minNewShare) + ")", newRows, lastRows);
    }

    static String alarmWords(MonitoringRecord r) {
        StringBuilder b = new StringBuilder();
        if (Boolean.TRUE.equals(r.aucAlarm())) {
            b.append(String.format(Locale.ROOT, "out-of-time AUC-ROC %.4f, %.4f below the champion's test AUC-ROC",
                    r.aucRoc(), r.aucDrop()));
        }
        if (Boolean.TRUE.equals(r.psiAlarm())) {
            b.append(b.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "PSI of %s %.3f", r.maxPsiOf(),
                    r.maxPsi()));
        }
        return b.toString();
    }
}
