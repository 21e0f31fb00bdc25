package dev.bankml.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import dev.bankml.jobs.Storage;
import dev.bankml.training.history.MonitoringHistory;
import dev.bankml.training.history.MonitoringRecord;

/**
 * {@code bin/pipeline history}'s second table: the monitoring history of a warehouse, a line per
 * record (per delivery measured, per training decision, per scoring and per cycle), oldest first.
 */
final class MonitoringLog {
    private MonitoringLog() {
    }

    static void print(PrintStream out, Storage storage, String monitoringRoot, String label) {
        MonitoringHistory history = new MonitoringHistory(storage, monitoringRoot, label);
        List<MonitoringRecord> records = history.records();
        if (records.isEmpty()) {
            out.println("No monitoring record yet for label '" + label + "' under " + monitoringRoot
                    + " (records come from cycles: bin/pipeline run, cycle or replay).");
            return;
        }
        out.printf(Locale.ROOT, "%nMonitoring history, label %s (%s)%n", label, history.reportFile());
        out.printf(Locale.ROOT, "%-19s %-9s %-34s %8s %15s %-18s %s%n", "at", "record", "delivery", "rows",
                "AUC new / test", "largest PSI", "decision, scoring, unseen values");
        for (MonitoringRecord r : records) {
            out.printf(Locale.ROOT, "%-19s %-9s %-34s %8s %15s %-18s %s%n", shortTime(r.at()), r.record(),
                    r.batchId() == null ? "" : r.kind() + " " + r.batchId(),
                    r.rows() == null ? "" : String.format(Locale.ROOT, "%,d", r.rows()),
                    r.aucRoc() == null ? "" : String.format(Locale.ROOT, "%.4f / %.4f", r.aucRoc(),
                            r.championTestAucRoc() == null ? Double.NaN : r.championTestAucRoc()),
                    r.maxPsi() == null ? "" : String.format(Locale.ROOT, "%.3f %s%s", r.maxPsi(), r.maxPsiOf(),
                            r.alarm() ? " !" : ""),
                    what(r));
        }
    }

    private static String what(MonitoringRecord r) {
        StringBuilder b = new StringBuilder();
        if (r.decision() != null) {
            b.append(r.decision()).append(": ").append(r.reason());
        }
        if (r.rowsScored() != null) {
            b.append(b.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "%,d scored", r.rowsScored()));
        }
        if (r.unseen() != null && !r.unseen().isEmpty()) {
            b.append(b.length() > 0 ? "; " : "").append("unseen ").append(r.unseen());
        }
        if (r.deliveriesNew() != null) {
            b.append(b.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "deliveries: %d new, %d changed, %d unchanged",
                    r.deliveriesNew(), r.deliveriesChanged(), r.deliveriesUnchanged()));
        }
        return b.toString();
    }

    /** "2026-03-01 10:00:00" of an ISO-8601 instant. */
    static String shortTime(String iso) {
        return iso == null ? "" : iso.replace('T', ' ').substring(0, Math.min(19, iso.length()));
    }
}
