package dev.bankml.local;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.DeploymentSettings;

/** The end-of-run summary a person reads: the models, the champion, the gate, and where everything went. */
final class RunSummary {
    private RunSummary() {
    }

    static void print(PrintStream out, LocalWorkflow run, LocalWorkflow.Results r, double seconds) {
        WorkflowDefinition wf = run.workflow();
        out.println();
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
