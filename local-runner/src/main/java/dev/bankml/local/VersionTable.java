package dev.bankml.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.bankml.training.history.ShadowEvidence;
import dev.bankml.training.versions.ModelStatus;
import dev.bankml.training.versions.ModelVersion;

/**
 * {@code bin/pipeline models}' table: a line per model version of a label, oldest first (its run, algorithm,
 * features, status, test AUC-ROC, who approved it and when), its last decision, and for a challenger the
 * side-by-side record the monitoring history holds. Pure.
 */
final class VersionTable {
    private static final String ROW = "%-26s %-20s %-24s %-9s %8s  %s%n";

    private VersionTable() {
    }

    static void print(PrintStream out, String label, List<ModelVersion> versions, Map<String, ShadowEvidence> evidence) {
        out.printf(Locale.ROOT, ROW, "run", "model", "features", "status", "test AUC", "approved by, when");
        for (ModelVersion v : versions) {
            out.printf(Locale.ROOT, ROW, v.runId(), v.model(), features(v), v.status().id(),
                    v.test().aucRoc() == null ? "-" : String.format(Locale.ROOT, "%.4f", v.test().aucRoc()),
                    v.last(ModelStatus.APPROVED).map(e -> e.who() + ", " + MonitoringLog.shortTime(e.at())).orElse("-"));
            ModelVersion.Event last = v.last();
            if (last != null) {
                out.printf(Locale.ROOT, "    %s by %s: %s%n", last.status().id(), last.who(), last.reason());
            }
            ShadowEvidence e = evidence.get(v.runId());
            if (e != null) {
                out.printf(Locale.ROOT, "    in the shadow: %s%n", e.describe());
            }
        }
        if (versions.isEmpty()) {
            out.println("(no model version of label '" + label + "' yet: a training run records one)");
        }
    }

    /** "pre-call (16)", or the columns known only after the call that keep it from scoring leads. */
    static String features(ModelVersion v) {
        return v.preCall() ? "pre-call (" + v.inputs().features().size() + ")"
                : "after-call: " + String.join(",", v.inputs().afterCall());
    }
}
