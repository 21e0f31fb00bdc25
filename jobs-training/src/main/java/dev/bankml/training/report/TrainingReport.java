package dev.bankml.training.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.knowm.xchart.style.Styler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.Json;
import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.evaluation.Calibration;
import dev.bankml.training.evaluation.CalibrationMetrics;
import dev.bankml.training.evaluation.FeatureWeights;
import dev.bankml.training.evaluation.GroupMetrics;
import dev.bankml.training.evaluation.Lift;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The run report: one self-contained HTML page (inline CSS, charts as embedded PNG) with the metrics
 * of every model, ROC and PR curves, the champion's confusion matrix and feature weights, the quality
 * gate's decision, the data-quality summary of the cleaning run, and the run's parameters.
 */
public final class TrainingReport {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingReport.class);

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
                .append(Html.esc(outcome.label())).append(' ').append(Html.esc(outcome.runId())).append("</title><style>")
                .append(CSS).append("</style></head><body>");
        h.append("<h1>Training report: predict <code>").append(Html.esc(outcome.label())).append("</code></h1>");
        h.append("<p class=\"sub\">Run <b>").append(Html.esc(outcome.runId())).append("</b> &middot; source <code>")
                .append(Html.esc(config.source())).append("</code> &middot; ").append(fmt1(outcome.seconds()))
                .append(" s</p>");

        h.append("<div class=\"box ").append(outcome.gate().promoted() ? "ok" : "warn").append("\"><b>Champion: ")
                .append(Html.esc(champ.model())).append("</b> &mdash; test AUC-ROC ").append(fmt(champ.aucRoc()))
                .append(", AUC-PR ").append(fmt(champ.aucPr())).append(" (base rate ").append(fmt(champ.baseRate()))
                .append("), F1 ").append(fmt(champ.f1())).append(" at threshold ").append(fmt(champ.threshold()))
                .append(".<br>").append(outcome.gate().promoted() ? "Promoted: " : "").append(Html.esc(outcome.gate().reason()))
                .append("</div>");

        if (images.failure() != null) {
            h.append("<div class=\"box warn\">The charts of this report could not be drawn on this machine, so it has "
                    + "none: <code>").append(Html.esc(images.failure())).append("</code>. Every figure is in the tables; the "
                    + "curves' points are in <code>curves.json</code>.</div>");
        }
        metricsTable(h, outcome.metrics());
        curves(h, images);
        lift(h, outcome, images);
        calibration(h, outcome, images);
        confusion(h, champ);
        weights(h, champResult, images);
        modelCard(h, ModelCard.of(outcome, config));
        dataQuality(h, cleaningReportJson);
        parameters(h, outcome, config);
        h.append("<p class=\"sub\">Champion chosen by validation AUC-PR (held-out part of the training split); test "
                + "metrics come from the untouched test split. AUCs are computed from probabilities (LinearSVC: "
                + "margins), never from 0/1 predictions.</p>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void metricsTable(StringBuilder h, List<ModelMetrics> metrics) {
        h.append("<h2>Models</h2><div class=\"wide\"><table class=\"models\"><tr><th>model</th><th>AUC-ROC</th><th>AUC-PR</th><th>ALIFT</th><th>F1</th>"
                + "<th>precision</th><th>recall</th><th>accuracy</th><th>threshold</th><th>Brier (calibrated)</th>"
                + "<th>validation AUC-PR</th><th>seconds</th><th>hyper-parameters</th></tr>");
        List<ModelMetrics> sorted = new ArrayList<>(metrics);
        sorted.sort((a, b) -> Double.compare(b.validationAucPr(), a.validationAucPr()));
        for (ModelMetrics m : sorted) {
            h.append("<tr").append(m.isChampion() ? " class=\"champ\"" : "").append("><td>").append(Html.esc(m.model()))
                    .append(m.isChampion() ? " &#9733;" : "").append("</td>");
            for (double v : new double[] {m.aucRoc(), m.aucPr(), m.alift(), m.f1(), m.precision(), m.recall(),
                    m.accuracy(), m.threshold(), m.brier(), m.validationAucPr()}) {
                h.append("<td class=\"num\">").append(fmt(v)).append("</td>");
            }
            h.append("<td class=\"num\">").append(fmt1(m.trainSeconds())).append("</td><td class=\"hp\"><code>")
                    .append(Html.esc(m.hyperParameters().toString())).append("</code></td></tr>");
        }
        h.append("</table></div>");
    }

    /**
     * The report's PNGs as data URIs, all drawn before any HTML is written, or none and the reason.
     *
     * @param weights null when the champion has no weights to draw
     */
    record Images(String roc, String pr, String weights, String gains, String reliability, String failure) {

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
                List<Charts.Curve> gains = new ArrayList<>();
                for (ModelResult r : outcome.results()) {
                    gains.add(new Charts.Curve(r.algorithm().id() + String.format(Locale.ROOT, " (ALIFT %.3f)",
                            r.lift().alift()), r.lift().gains()));
                }
                String gainsUri = Charts.dataUri(renderer, Charts.curves("Cumulative gains", "share of customers called "
                        + "(highest scores first)", "share of all yes captured", gains, new double[][] {{0, 1}, {0, 1}},
                        "random", Styler.LegendPosition.InsideSE));
                Map<String, List<double[]>> bins = new LinkedHashMap<>();
                bins.put("raw P(yes)", points(champ.calibration().before()));
                bins.put("calibrated (" + champ.calibration().calibrator().method() + ")",
                        points(champ.calibration().after()));
                String reliabilityUri = Charts.dataUri(renderer, Charts.reliability("Reliability: "
                        + champ.algorithm().id() + " on the test split", bins));
                return new Images(rocUri, prUri, weightsUri, gainsUri, reliabilityUri, null);
            } catch (OutOfMemoryError e) {
                throw e;
            } catch (Exception | Error e) { // AWTError, InternalError, UnsatisfiedLinkError... from Java2D without fonts
                LOG.warn("The report's charts cannot be drawn ({}); writing the report without them", describe(e));
                return new Images(null, null, null, null, null, describe(e));
            }
        }

        private static List<double[]> points(CalibrationMetrics m) {
            return m.bins().stream().map(b -> new double[] {b.meanPredicted(), b.observedRate()}).toList();
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

    private static void lift(StringBuilder h, TrainingOutcome outcome, Images images) {
        ModelResult champ = outcome.championResult();
        h.append("<h2>Lift and gains on the test split</h2><p>Customers ranked by score, highest first: the share of all "
                + "yes answers captured by calling the top of the ranking. ALIFT is the area under this curve (0.5 at "
                + "random; Moro et al. 2014).</p>");
        if (images.failure() == null) {
            h.append("<img alt=\"Cumulative gains curves\" src=\"").append(images.gains()).append("\">");
        }
        h.append("<h3>Deciles of the champion (").append(Html.esc(champ.algorithm().id())).append(")</h3>");
        liftTable(h, champ.lift());
    }

    static void liftTable(StringBuilder h, Lift lift) {
        h.append("<table><tr><th>decile</th><th>rows</th><th>yes</th><th>rate of yes</th><th>share of all yes "
                + "captured (cumulative)</th><th>cumulative lift</th></tr>");
        for (Lift.Decile d : lift.deciles()) {
            h.append("<tr><td class=\"num\">").append(d.decile()).append("</td><td class=\"num\">").append(d.rows())
                    .append("</td><td class=\"num\">").append(d.positives()).append("</td><td class=\"num\">")
                    .append(fmt(d.rows() == 0 ? Double.NaN : (double) d.positives() / d.rows()))
                    .append("</td><td class=\"num\">").append(pct(d.captured())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.2f", d.cumulativeLift())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void calibration(StringBuilder h, TrainingOutcome outcome, Images images) {
        ModelResult champ = outcome.championResult();
        h.append("<h2>Calibration on the test split</h2><p>Each model's calibrator is chosen and fitted on its "
                + "validation rows; the test split measures it. Brier score: mean squared error of P(yes); ECE: "
                + "expected calibration error over ten bins. A margin (linear SVM) has no raw probability.</p>");
        h.append("<table><tr><th>model</th><th>calibrator</th><th>Brier raw</th><th>Brier calibrated</th>"
                + "<th>ECE raw</th><th>ECE calibrated</th><th>cross-validated Brier on validation rows: Platt / "
                + "isotonic</th></tr>");
        for (ModelResult r : outcome.results()) {
            Calibration c = r.calibration();
            h.append("<tr").append(r == champ ? " class=\"champ\"" : "").append("><td>").append(Html.esc(r.algorithm().id()))
                    .append("</td><td>").append(Html.esc(c.calibrator().method())).append("</td>");
            for (double v : new double[] {c.before().brier(), c.after().brier(), c.before().ece(), c.after().ece()}) {
                h.append("<td class=\"num\">").append(fmt(v)).append("</td>");
            }
            h.append("<td class=\"num\">").append(fmt(c.plattCvBrier())).append(" / ").append(fmt(c.isotonicCvBrier()))
                    .append("</td></tr>");
        }
        h.append("</table>");
        if (images.failure() == null) {
            h.append("<img alt=\"Reliability diagram of the champion\" src=\"").append(images.reliability())
                    .append("\">");
        }
    }

    private static void modelCard(StringBuilder h, ModelCard card) {
        h.append("<h2 id=\"model-card\">Model card: ").append(Html.esc(card.model())).append("</h2>");
        h.append("<p><b>Intended use.</b> ").append(Html.esc(card.intendedUse())).append("</p><table>");
        ModelCard.Data d = card.data();
        row(h, "data", d.source() + ": " + d.trainRows() + " training rows, " + d.testRows() + " test rows ("
                + d.testYes() + " yes, base rate " + String.format(Locale.ROOT, "%.3f", d.testBaseRate()) + ")");
        row(h, "test split", d.split());
        row(h, "validation", d.validation());
        row(h, "feature set", card.features().set());
        row(h, "features", String.join(", ", card.features().used()));
        row(h, "derived features", card.features().derived().isEmpty() ? "(none)"
                : String.join(", ", card.features().derived()));
        StringBuilder ex = new StringBuilder();
        for (ModelCard.Exclusion e : card.features().excluded()) {
            ex.append(ex.length() == 0 ? "" : "; ").append(e.column()).append(": ").append(e.why());
        }
        row(h, "not features", ex.toString());
        ModelCard.Metrics m = card.metrics();
        row(h, "AUC-ROC (95% interval)", String.format(Locale.ROOT, "%.4f (%.4f to %.4f; standard error %.4f, Hanley "
                + "and McNeil)", m.aucRoc(), m.aucRoc95()[0], m.aucRoc95()[1], m.aucRocSe()));
        row(h, "AUC-PR, ALIFT", String.format(Locale.ROOT, "%.4f, %.4f", m.aucPr(), m.alift()));
        row(h, "at the threshold", String.format(Locale.ROOT, "%.4f: F1 %.4f, precision %.4f, recall %.4f, accuracy "
                + "%.4f", m.threshold(), m.f1(), m.precision(), m.recall(), m.accuracy()));
        row(h, "calibration", card.calibration().choice() + String.format(Locale.ROOT, "; test Brier %s -> %.4f, ECE "
                        + "%s -> %.4f", plain(card.calibration().before().brier()), card.calibration().after().brier(),
                plain(card.calibration().before().ece()), card.calibration().after().ece()));
        row(h, "reasons per customer", card.reasons());
        h.append("</table>");
        groupTable(h, "By age band", card.byAgeBand());
        groupTable(h, "By job", card.byJob());
        h.append("<h3>Known limits</h3><ul>");
        card.knownLimits().forEach(l -> h.append("<li>").append(Html.esc(l)).append("</li>"));
        h.append("</ul><p class=\"sub\">The same card is in <code>model-card.json</code> beside the metrics and the "
                + "model.</p>");
    }

    private static void groupTable(StringBuilder h, String title, List<GroupMetrics> groups) {
        h.append("<h3>").append(Html.esc(title)).append(" (test split)</h3><table><tr><th>group</th><th>rows</th><th>yes</th>"
                + "<th>rate of yes</th><th>mean calibrated P(yes)</th><th>AUC-ROC &plusmn; 1.96 SE</th><th>Brier</th>"
                + "<th>predicted yes</th><th>precision</th><th>recall</th></tr>");
        for (GroupMetrics g : groups) {
            h.append("<tr><td>").append(Html.esc(g.value())).append("</td><td class=\"num\">").append(g.rows())
                    .append("</td><td class=\"num\">").append(g.positives()).append("</td><td class=\"num\">")
                    .append(fmt(g.baseRate())).append("</td><td class=\"num\">").append(fmt(g.meanProbability()))
                    .append("</td><td class=\"num\">").append(fmt(g.aucRoc()))
                    .append(Double.isNaN(g.aucRocSe()) ? "" : " &plusmn; " + fmt(1.96 * g.aucRocSe()))
                    .append("</td><td class=\"num\">").append(fmt(g.brier())).append("</td><td class=\"num\">")
                    .append(pct(g.predictedYes())).append("</td><td class=\"num\">").append(fmt(g.precision()))
                    .append("</td><td class=\"num\">").append(fmt(g.recall())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static String plain(double d) {
        return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4f", d);
    }

    static String pct(double d) {
        return Double.isNaN(d) ? "&ndash;" : String.format(Locale.ROOT, "%.1f%%", 100 * d);
    }

    private static void confusion(StringBuilder h, ModelMetrics m) {
        h.append("<h2>Confusion matrix of the champion (").append(Html.esc(m.model())).append(", threshold ")
                .append(fmt(m.threshold())).append(")</h2><table class=\"cm\"><tr><th></th><th>predicted no</th>"
                        + "<th>predicted yes</th></tr><tr><th>actual no</th><td class=\"num good\">").append(m.tn())
                .append("</td><td class=\"num bad\">").append(m.fp()).append("</td></tr><tr><th>actual yes</th>"
                        + "<td class=\"num bad\">").append(m.fn()).append("</td><td class=\"num good\">").append(m.tp())
                .append("</td></tr></table>");
    }

    private static void weights(StringBuilder h, ModelResult champ, Images images) {
        List<FeatureWeights.FeatureWeight> w = champ.weights();
        h.append("<h2>What the champion leans on (").append(Html.esc(champ.weightKind())).append(")</h2>");
        if (w.isEmpty()) {
            h.append("<p>Not available for this model.</p>");
            return;
        }
        if (images.weights() != null) {
            h.append("<img alt=\"feature weights\" src=\"").append(images.weights()).append("\">");
        }
        h.append("<table><tr><th>feature</th><th>").append(Html.esc(champ.weightKind())).append("</th></tr>");
        for (FeatureWeights.FeatureWeight f : w) {
            h.append("<tr><td><code>").append(Html.esc(f.feature())).append("</code></td><td class=\"num\">")
                    .append(fmt(f.weight())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void dataQuality(StringBuilder h, Optional<String> json) {
        h.append("<h2>Data quality of the cleaning run</h2>");
        if (json.isEmpty()) {
            h.append("<p>No cleaning report was given (<code>" + WiringSettings.CLEANING_REPORT.flag() + "</code>).</p>");
            return;
        }
        JsonNode r = Json.read(json.get());
        h.append("<p>Run <b>").append(Html.esc(r.path(RunSettings.RUN_ID.name()).asText())).append("</b> (").append(Html.esc(r.path("status").asText()))
                .append("): ").append(r.path("rows_read").asLong()).append(" rows read, ")
                .append(r.path("rows_written").asLong()).append(" cleaned, ").append(r.path("rows_rejected").asLong())
                .append(" quarantined, ").append(r.path("blank_or_header_lines").asLong())
                .append(" blank or header lines.</p>");
        JsonNode reasons = r.path("rejected_by_reason");
        if (reasons.size() > 0) {
            h.append("<table><tr><th>rejection reason</th><th>rows</th></tr>");
            for (Iterator<Map.Entry<String, JsonNode>> it = reasons.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                h.append("<tr><td><code>").append(Html.esc(e.getKey())).append("</code></td><td class=\"num\">")
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
                other.append("<tr><td>").append(Html.esc(c.path("check").asText())).append("</td><td>")
                        .append(Html.esc(c.path("column").asText())).append("</td><td>").append(Html.esc(c.path("status").asText()))
                        .append("</td><td class=\"num\">").append(fmt(c.path("value").asDouble())).append("</td><td>")
                        .append(Html.esc(c.path("expectation").asText())).append("</td></tr>");
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
        h.append("<tr><th>").append(Html.esc(k)).append("</th><td>").append(Html.esc(v)).append("</td></tr>");
    }

    static String fmt(double d) {
        return Double.isNaN(d) ? "&ndash;" : String.format(Locale.ROOT, "%.4f", d);
    }

    static String fmt1(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static final String CSS = Html.baseCss(1200) + "tr.champ{background:#fff8dc;font-weight:600}"
            + ".box{padding:.8em 1em;border-radius:6px;margin:1em 0}.ok{background:#e8f5e9;border:1px solid #a5d6a7}"
            + ".warn{background:#fff3e0;border:1px solid #ffcc80}.row img{margin-right:1em}img{max-width:100%}"
            + "div.wide{overflow-x:auto}table.models{font-size:.85em}table.models td,table.models th{padding:.3em .45em}td.hp{min-width:10em;max-width:13em}td.hp code{white-space:normal;word-break:break-word}"
            + "table.cm td{min-width:6em}td.good{background:#e8f5e9}td.bad{background:#ffebee}code{font-size:.9em}";
}
