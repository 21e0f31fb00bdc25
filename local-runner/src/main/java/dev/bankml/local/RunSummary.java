package dev.bankml.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.bankml.cleaning.CleaningReport;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.DeploymentSettings;

/**
 * The end-of-run summary a person reads: the deliveries set aside, the models, the champion, the gate, and
 * where everything went; and the cycle's exit status.
 */
final class RunSummary {
    /** The exit status of a cycle in which the cleaning refused a delivery (the others were done). */
    static final int REFUSED = 3;

    private RunSummary() {
    }

    /** 0, or {@link #REFUSED} when the cleaning refused a delivery this cycle. */
    static int exitStatus(LocalWorkflow.Results r) {
        return r.cleaning() != null && !r.cleaning().publication().refused().isEmpty() ? REFUSED : 0;
    }

    static void print(PrintStream out, LocalWorkflow run, LocalWorkflow.Results r, double seconds) {
        WorkflowDefinition wf = run.workflow();
        out.println();
        if (r.cleaning() != null) {
            deliveries(out, r.cleaning().publication());
        }
        if (r.training() != null && r.training().trained()) {
            models(out, r.training());
            out.println();
            out.println("Training: " + r.training().decision());
            out.println("Quality gate: " + (r.training().gate().promoted() ? "PROMOTED " : "") + r.training().gate().reason());
        } else if (r.training() != null) {
            out.println("Training skipped: " + r.training().decision());
        }
        if (r.evaluation() != null) {
            out.println("Champion on new outcomes: " + r.evaluation().message());
        }
        if (r.scoring() != null) {
            out.println("Scoring: " + r.scoring().message());
            if (r.scoring().rowsScored() > 0) {
                out.println();
                ContactList.print(out, run.spark(), r.scoring(), run.resolve(wf.layout().cleaned(DeliveryKind.LEADS)), 10);
            }
        }
        StorageLayout l = wf.layout();
        out.println();
        out.println("Outputs");
        row(out, "cleaned data", l.cleaned(DeliveryKind.OUTCOMES) + ", " + l.cleaned(DeliveryKind.LEADS)
                + "  (Parquet, partitioned by batch_id; ledger " + l.ledger() + ")");
        row(out, "quarantine", l.quarantine() + "  (rejected rows with reasons)");
        row(out, "cleaning report", r.cleaning() == null ? l.cleaningReports()
                : l.cleaningReports() + "cleaning-" + r.cleaning().runId() + ".json");
        if (r.training() != null && r.training().trained()) {
            TrainingOutcome t = r.training();
            row(out, "champion model", t.modelDir());
            row(out, "metrics", t.runDir() + "/metrics.json  (history: " + l.metrics() + "history/)");
            row(out, "report", t.runDir() + "/report.html   <- open this in a browser");
            row(out, "test predictions", l.testPredictions() + "label=" + t.label() + "/run_id=" + t.runId() + "/");
        }
        if (r.scoring() != null) {
            row(out, "scored data", r.scoring().outputPath());
        }
        row(out, "monitoring", l.monitoring() + wf.settings().get(DeploymentSettings.LABEL)
                + "/report.html  (history: records/ as JSON, history/ as Parquet)");
        out.printf(Locale.ROOT, "%nDone in %s.%n", duration(seconds));
    }

    /** The deliveries the cleaning set aside or found odd: which, why, and what to do. */
    static void deliveries(PrintStream out, CleaningReport.Publication p) {
        for (CleaningReport.SetAside s : p.refused()) {
            out.println("REFUSED delivery " + s.sourceFile() + ": " + s.reason());
            out.println("  set aside (the other deliveries went on); what to do: " + s.whatToDo());
        }
        for (CleaningReport.SetAside s : p.refusedEarlier()) {
            out.println("Refused earlier, unchanged since (not read again): " + s.sourceFile() + ": " + s.reason());
        }
        for (CleaningReport.SetAside s : p.resends()) {
            out.println("Resend: " + s.sourceFile() + " is " + s.reason() + "; nothing of it cleaned, evaluated, "
                    + "trained on or scored");
        }
        for (CleaningReport.SetAside s : p.held()) {
            out.println("Held back until the next cycle: " + s.sourceFile() + ": " + s.reason());
        }
        p.incomplete().stream().filter(s -> p.held().stream().noneMatch(h -> h.batchId().equals(s.batchId())))
                .forEach(s -> out.println("Looks incomplete: " + s.sourceFile() + ": " + s.reason()));
        if (!p.refused().isEmpty() || !p.resends().isEmpty() || !p.held().isEmpty() || !p.incomplete().isEmpty()
                || !p.refusedEarlier().isEmpty()) {
            out.println();
        }
    }

    static void models(PrintStream out, TrainingOutcome t) {
        ModelMetrics c = t.champion();
        out.printf(Locale.ROOT, "Models (label %s; test split %,d rows, base rate %.3f; * = champion by validation AUC-PR)%n",
                t.label(), c.testRows(), c.baseRate());
        out.printf(Locale.ROOT, "  %-24s %8s %8s %8s %8s %9s %9s %9s%n", "model", "AUC-ROC", "AUC-PR", "ALIFT", "F1",
                "threshold", "Brier cal", "seconds");
        List<ModelMetrics> sorted = new ArrayList<>(t.metrics());
        sorted.sort(Comparator.comparingDouble(ModelMetrics::validationAucPr).reversed());
        for (ModelMetrics m : sorted) {
            out.printf(Locale.ROOT, "  %-24s %8.4f %8.4f %8.4f %8.4f %9.3f %9.4f %9.1f%n",
                    m.model() + (m.isChampion() ? " *" : ""), m.aucRoc(), m.aucPr(), m.alift(), m.f1(), m.threshold(),
                    m.brier(), m.trainSeconds());
        }
    }

    private static void row(PrintStream out, String what, String where) {
        out.printf("  %-17s %s%n", what, where);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
