package dev.bankml.training.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.knowm.xchart.style.Styler;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.Json;
import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.evaluation.FeatureWeights;
import dev.bankml.workflow.settings.Settings;

/**
 * The run report: one self-contained HTML page (inline CSS, charts as embedded PNG) with the metrics
 * of every model, ROC and PR curves, the champion's confusion matrix and feature weights, the quality
 * gate's decision, the data-quality summary of the cleaning run, and the run's parameters.
 */
public final class TrainingReport {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingReport.class);

    private TrainingReport() {
    }

    public static String render(TrainingOutcome outcome, RunParameters config, Optional<String> cleaningReportJson) {
        return render(outcome, config, cleaningReportJson, ChartRenderer.xchart());
    }

    /**
     * The report, with charts drawn by {@code charts}. Charts are decoration: when one cannot be drawn
     * (on an image without fonts Java2D throws an Error, not an IOException) the report is written
     * without any image and says why; the metrics tables are all there.
     */
    public static String render(TrainingOutcome outcome, RunParameters config, Optional<String> cleaningReportJson,
                                ChartRenderer charts) {
        Images images = Images.draw(outcome, charts);
        ModelMetrics champ = outcome.champion();
        ModelResult champResult = outcome.championResult();
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Training report ")
                .append(esc(outcome.label())).append(' ').append(esc(outcome.runId())).append("</title><style>")
                .append(CSS).append("</style></head><body>");
        h.append("<h1>Training report: predict <code>").append(esc(outcome.label())).append("</code></h1>");
        h.append("<p class=\"sub\">Run <b>").append(esc(outcome.runId())).append("</b> &middot; source <code>")
                .append(esc(config.source())).append("</code> &middot; ").append(fmt1(outcome.seconds()))
                .append(" s</p>");

        h.append("<div class=\"box ").append(outcome.gate().promoted() ? "ok" : "warn").append("\"><b>Champion: ")
                .append(esc(champ.model())).append("</b> &mdash; test AUC-ROC ").append(fmt(champ.aucRoc()))
                .append(", AUC-PR ").append(fmt(champ.aucPr())).append(" (base rate ").append(fmt(champ.baseRate()))
                .append("), F1 ").append(fmt(champ.f1())).append(" at threshold ").append(fmt(champ.threshold()))
                .append(".<br>").append(outcome.gate().promoted() ? "Promoted: " : "").append(esc(outcome.gate().reason()))
                .append("</div>");

        if (images.failure() != null) {
            h.append("<div class=\"box warn\">The charts of this report could not be drawn on this machine, so it has "
                    + "none: <code>").append(esc(images.failure())).append("</code>. Every figure is in the tables; the "
                    + "curves' points are in <code>curves.json</code>.</div>");
        }
        metricsTable(h, outcome.metrics());
        curves(h, images);
        confusion(h, champ);
        weights(h, champResult, images);
        dataQuality(h, cleaningReportJson);
        parameters(h, outcome, config);
        h.append("<p class=\"sub\">Champion chosen by validation AUC-PR (held-out part of the training split); test "
                + "metrics come from the untouched test split. AUCs are computed from probabilities (LinearSVC: "
                + "margins), never from 0/1 predictions.</p>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void metricsTable(StringBuilder h, List<ModelMetrics> metrics) {
        h.append("<h2>Models</h2><table><tr><th>model</th><th>AUC-ROC</th><th>AUC-PR</th><th>F1</th><th>precision</th>"
                + "<th>recall</th><th>accuracy</th><th>threshold</th><th>validation AUC-PR</th><th>seconds</th>"
                + "<th>hyper-parameters</th></tr>");
        List<ModelMetrics> sorted = new ArrayList<>(metrics);
        sorted.sort((a, b) -> Double.compare(b.validationAucPr(), a.validationAucPr()));
        for (ModelMetrics m : sorted) {
            h.append("<tr").append(m.isChampion() ? " class=\"champ\"" : "").append("><td>").append(esc(m.model()))
                    .append(m.isChampion() ? " &#9733;" : "").append("</td>");
            for (double v : new double[] {m.aucRoc(), m.aucPr(), m.f1(), m.precision(), m.recall(), m.accuracy(),
                    m.threshold(), m.validationAucPr()}) {
                h.append("<td class=\"num\">").append(fmt(v)).append("</td>");
            }
            h.append("<td class=\"num\">").append(fmt1(m.trainSeconds())).append("</td><td><code>")
                    .append(esc(m.hyperParameters().toString())).append("</code></td></tr>");
        }
        h.append("</table>");
    }

    /**
     * The report's PNGs as data URIs, all drawn before any HTML is written, or none and the reason.
     *
     * @param weights null when the champion has no weights to draw
     */
    record Images(String roc, String pr, String weights, String failure) {

        static Images draw(TrainingOutcome outcome, ChartRenderer renderer) {
            try {
                List<Charts.Curve> roc = new ArrayList<>();
                List<Charts.Curve> pr = new ArrayList<>();
                for (ModelResult r : outcome.results()) {
                    BinaryMetrics.Curves c = r.curves();
                    roc.add(new Charts.Curve(r.algorithm().id() + String.format(Locale.ROOT, " (%.3f)", r.test().aucRoc()),
                            c.roc()));
                    pr.add(new Charts.Curve(r.algorithm().id() + String.format(Locale.ROOT, " (%.3f)", r.test().aucPr()),
                            c.pr()));
                }
                double base = outcome.champion().baseRate();
                String rocUri = Charts.dataUri(renderer, Charts.curves("ROC", "false positive rate", "true positive rate",
                        roc, new double[][] {{0, 1}, {0, 1}}, "random", Styler.LegendPosition.InsideSE));
                String prUri = Charts.dataUri(renderer, Charts.curves("Precision-recall", "recall", "precision", pr,
                        new double[][] {{0, 1}, {base, base}}, "base rate", Styler.LegendPosition.InsideNE));
                ModelResult champ = outcome.championResult();
                List<FeatureWeights.FeatureWeight> w = champ.weights();
                String weightsUri = w.isEmpty() ? null : Charts.dataUri(renderer, Charts.bars(
                        "Top " + w.size() + " features: " + champ.algorithm().id(), champ.weightKind(),
                        w.stream().map(FeatureWeights.FeatureWeight::feature).toList(),
                        w.stream().map(FeatureWeights.FeatureWeight::weight).toList()));
                return new Images(rocUri, prUri, weightsUri, null);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Exception | Error e) { // AWTError, InternalError, UnsatisfiedLinkError... from Java2D without fonts
                LOG.warn("The report's charts cannot be drawn ({}); writing the report without them", describe(e));
                return new Images(null, null, null, describe(e));
            }
        }

        private static String describe(Throwable e) {
            return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    private static void curves(StringBuilder h, Images images) {
        if (images.failure() != null) {
            return;
        }
        h.append("<h2>Curves on the test split</h2><div class=\"row\"><img alt=\"ROC curves\" src=\"")
                .append(images.roc())
                .append("\"><img alt=\"Precision-recall curves\" src=\"")
                .append(images.pr())
                .append("\"></div>");
    }

    private static void confusion(StringBuilder h, ModelMetrics m) {
        h.append("<h2>Confusion matrix of the champion (").append(esc(m.model())).append(", threshold ")
                .append(fmt(m.threshold())).append(")</h2><table class=\"cm\"><tr><th></th><th>predicted no</th>"
                        + "<th>predicted yes</th></tr><tr><th>actual no</th><td class=\"num good\">").append(m.tn())
                .append("</td><td class=\"num bad\">").append(m.fp()).append("</td></tr><tr><th>actual yes</th>"
                        + "<td class=\"num bad\">").append(m.fn()).append("</td><td class=\"num good\">").append(m.tp())
                .append("</td></tr></table>");
    }

    private static void weights(StringBuilder h, ModelResult champ, Images images) {
        List<FeatureWeights.FeatureWeight> w = champ.weights();
        h.append("<h2>What the champion leans on (").append(esc(champ.weightKind())).append(")</h2>");
        if (w.isEmpty()) {
            h.append("<p>Not available for this model.</p>");
            return;
        }
        if (images.weights() != null) {
            h.append("<img alt=\"feature weights\" src=\"").append(images.weights()).append("\">");
        }
        h.append("<table><tr><th>feature</th><th>").append(esc(champ.weightKind())).append("</th></tr>");
        for (FeatureWeights.FeatureWeight f : w) {
            h.append("<tr><td><code>").append(esc(f.feature())).append("</code></td><td class=\"num\">")
                    .append(fmt(f.weight())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void dataQuality(StringBuilder h, Optional<String> json) {
        h.append("<h2>Data quality of the cleaning run</h2>");
        if (json.isEmpty()) {
            h.append("<p>No cleaning report was given (<code>" + Settings.CLEANING_REPORT.flag() + "</code>).</p>");
            return;
        }
        JsonNode r = Json.read(json.get());
        h.append("<p>Run <b>").append(esc(r.path(Settings.RUN_ID.name()).asText())).append("</b> (").append(esc(r.path("status").asText()))
                .append("): ").append(r.path("rows_read").asLong()).append(" rows read, ")
                .append(r.path("rows_written").asLong()).append(" cleaned, ").append(r.path("rows_rejected").asLong())
                .append(" quarantined, ").append(r.path("blank_or_header_lines").asLong())
                .append(" blank or header lines.</p>");
        JsonNode reasons = r.path("rejected_by_reason");
        if (reasons.size() > 0) {
            h.append("<table><tr><th>rejection reason</th><th>rows</th></tr>");
            for (Iterator<Map.Entry<String, JsonNode>> it = reasons.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                h.append("<tr><td><code>").append(esc(e.getKey())).append("</code></td><td class=\"num\">")
                        .append(e.getValue().asLong()).append("</td></tr>");
            }
            h.append("</table>");
        }
        int pass = 0;
        StringBuilder other = new StringBuilder();
        for (JsonNode c : r.path("data_quality")) {
            if ("PASS".equals(c.path("status").asText())) {
                pass++;
            } else {
                other.append("<tr><td>").append(esc(c.path("check").asText())).append("</td><td>")
                        .append(esc(c.path("column").asText())).append("</td><td>").append(esc(c.path("status").asText()))
                        .append("</td><td class=\"num\">").append(fmt(c.path("value").asDouble())).append("</td><td>")
                        .append(esc(c.path("expectation").asText())).append("</td></tr>");
            }
        }
        h.append("<p>").append(pass).append(" data-quality checks passed").append(other.length() == 0 ? "." : "; these did not:")
                .append("</p>");
        if (other.length() > 0) {
            h.append("<table><tr><th>check</th><th>column</th><th>status</th><th>value</th><th>expected</th></tr>")
                    .append(other).append("</table>");
        }
    }

    private static void parameters(StringBuilder h, TrainingOutcome outcome, RunParameters config) {
        ModelMetrics c = outcome.champion();
        h.append("<h2>Run parameters</h2><table>");
        row(h, "label", config.label());
        row(h, "features", String.join(", ", config.features()));
        row(h, "excluded features", config.excluded().isEmpty() ? "(none)" : String.join(", ", config.excluded()));
        row(h, "models", config.models().toString());
        row(h, "tuning", config.tuning());
        row(h, "seed", Long.toString(config.seed()));
        row(h, "test fraction", Double.toString(config.testFraction()));
        row(h, "train rows / test rows", c.trainRows() + " / " + c.testRows());
        row(h, "promotion margin (AUC-PR)", Double.toString(config.promotionMargin()));
        row(h, "champion model", outcome.modelDir());
        h.append("</table>");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    static String fmt(double d) {
        return Double.isNaN(d) ? "&ndash;" : String.format(Locale.ROOT, "%.4f", d);
    }

    static String fmt1(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = "body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;"
            + "margin:2em auto;max-width:1200px;color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.2em;"
            + "margin-top:1.8em;border-bottom:1px solid #ddd}.sub{color:#666}table{border-collapse:collapse;margin:.5em 0}"
            + "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f5f5f5}"
            + "td.num{text-align:right;font-variant-numeric:tabular-nums}tr.champ{background:#fff8dc;font-weight:600}"
            + ".box{padding:.8em 1em;border-radius:6px;margin:1em 0}.ok{background:#e8f5e9;border:1px solid #a5d6a7}"
            + ".warn{background:#fff3e0;border:1px solid #ffcc80}.row img{margin-right:1em}img{max-width:100%}"
            + "table.cm td{min-width:6em}td.good{background:#e8f5e9}td.bad{background:#ffebee}code{font-size:.9em}";
}
