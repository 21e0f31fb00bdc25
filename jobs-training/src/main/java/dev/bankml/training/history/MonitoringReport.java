package dev.bankml.training.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.knowm.xchart.internal.chartpart.Chart;

import dev.bankml.training.report.ChartRenderer;
import dev.bankml.training.report.Charts;
import dev.bankml.training.report.Html;
import dev.bankml.workflow.settings.CampaignSettings;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The monitoring report: one self-contained HTML page over the history of a label, delivery by
 * delivery: the champion's out-of-time AUC-ROC next to its test AUC-ROC and the base rate (a chart
 * and a table), the population stability index of every feature and of the score (a heat table), the
 * unseen category values, the training decisions with their reasons, and the leads scored. Pure
 * (the charts are drawn by the renderer it is given; without them if they cannot be drawn).
 */
public final class MonitoringReport {
    private MonitoringReport() {
    }

    public static String render(String label, List<MonitoringRecord> records, double aucDropAlarm, double psiAlarm,
                                ChartRenderer charts) {
        List<MonitoringRecord> deliveries = of(records, MonitoringRecord.DELIVERY);
        List<MonitoringRecord> outcomes = deliveries.stream().filter(r -> "outcomes".equals(r.kind())).toList();
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Monitoring ").append(Html.esc(label))
                .append("</title><style>").append(CSS).append("</style></head><body>");
        h.append("<h1>Monitoring: predict <code>").append(Html.esc(label)).append("</code></h1>");
        h.append("<p class=\"sub\">").append(of(records, MonitoringRecord.CYCLE).size()).append(" cycle(s), ")
                .append(deliveries.size()).append(" delivery measurement(s), ")
                .append(of(records, MonitoringRecord.TRAINING).stream().filter(r -> MonitoringRecord.TRAINED.equals(r.decision())).count())
                .append(" training(s). Alarms: AUC-ROC drop above ").append(fmt(aucDropAlarm)).append(", PSI above ")
                .append(fmt(psiAlarm)).append(".</p>");

        h.append("<h2>The champion on new outcomes (out-of-time)</h2>");
        if (outcomes.isEmpty()) {
            h.append("<p>No outcome delivery has been scored by a champion that had not seen it yet.</p>");
        } else {
            List<String> names = outcomes.stream().map(MonitoringReport::shortName).toList();
            Map<String, List<Double>> series = new LinkedHashMap<>();
            series.put("out-of-time AUC-ROC", outcomes.stream().map(MonitoringRecord::aucRoc).toList());
            series.put("champion's test AUC-ROC", outcomes.stream().map(MonitoringRecord::championTestAucRoc).toList());
            series.put("base rate", outcomes.stream().map(MonitoringRecord::baseRate).toList());
            image(h, charts, Charts.lines("Out-of-time AUC-ROC by delivery", "value", names, series));
            h.append("<table><tr><th>measured</th><th>delivery</th><th>rows</th><th>base rate</th><th>AUC-ROC</th>"
                    + "<th>AUC-PR</th><th>precision</th><th>recall</th><th>Brier</th><th>champion test AUC-ROC</th>"
                    + "<th>drop</th><th>champion</th></tr>");
            for (MonitoringRecord r : outcomes) {
                boolean alarm = Boolean.TRUE.equals(r.aucAlarm());
                h.append("<tr><td>").append(Html.esc(day(r.at()))).append("</td><td>").append(Html.esc(shortName(r)))
                        .append("</td><td class=\"num\">").append(r.rows()).append("</td>").append(num(r.baseRate()))
                        .append(num(r.aucRoc())).append(num(r.aucPr())).append(num(r.precision())).append(num(r.recall()))
                        .append(num(r.brier())).append(num(r.championTestAucRoc())).append("<td class=\"num ")
                        .append(alarm ? "bad" : "").append("\">").append(fmt(r.aucDrop())).append(alarm ? " alarm" : "")
                        .append("</td><td>").append(Html.esc(r.championModel())).append(" (").append(Html.esc(r.championRunId()))
                        .append(")</td></tr>");
            }
            h.append("</table>");
        }
        shadow(h, records);

        h.append("<h2>Drift: population stability index per feature</h2>");
        if (deliveries.isEmpty()) {
            h.append("<p>No delivery measured yet.</p>");
        } else {
            TreeSet<String> features = new TreeSet<>();
            deliveries.forEach(r -> {
                if (r.psi() != null) {
                    features.addAll(r.psi().keySet());
                }
            });
            List<String> cols = new ArrayList<>(features);
            h.append("<div class=\"wide\"><table class=\"psi\"><tr><th>delivery</th><th>kind</th>");
            cols.forEach(c -> h.append("<th>").append(Html.esc(c).replace("_", "_<wbr>")).append("</th>"));
            h.append("<th>score</th></tr>");
            for (MonitoringRecord r : deliveries) {
                h.append("<tr><td>").append(Html.esc(shortName(r))).append("</td><td>").append(Html.esc(r.kind())).append("</td>");
                for (String c : cols) {
                    h.append(psiCell(r.psi() == null ? null : r.psi().get(c), psiAlarm));
                }
                h.append(psiCell(r.scorePsi(), psiAlarm)).append("</tr>");
            }
            h.append("</table></div>");
            List<MonitoringRecord> withUnseen = deliveries.stream().filter(r -> !unseen(r.unseen()).isEmpty()).toList();
            if (!withUnseen.isEmpty()) {
                h.append("<p>Category values the champion never saw (scored with the unknown-category encoding):</p><ul>");
                withUnseen.forEach(r -> h.append("<li>").append(Html.esc(shortName(r))).append(": ")
                        .append(Html.esc(unseen(r.unseen()))).append("</li>"));
                h.append("</ul>");
            }
            h.append("<p class=\"sub\">Below 0.1 stable; 0.1 to 0.25 a moderate shift; above ").append(fmt(psiAlarm))
                    .append(" the alarm. The score's index needs the delivery scored: outcomes when evaluated, leads when scored. "
                            + "A delivery is one month, so the calendar columns (month, day) always move: they are shown, and "
                            + "left out of the largest index and its alarm.</p>");
        }

        h.append("<h2>Training decisions</h2><table><tr><th>when</th><th>cycle</th><th>decision</th><th>reason</th>"
                + "<th>new labelled rows</th><th>promoted</th></tr>");
        for (MonitoringRecord r : of(records, MonitoringRecord.TRAINING)) {
            h.append("<tr><td>").append(Html.esc(day(r.at()))).append("</td><td>").append(Html.esc(r.cycleId())).append("</td><td>")
                    .append(Html.esc(r.decision())).append("</td><td>").append(Html.esc(r.reason())).append("</td><td class=\"num\">")
                    .append(r.newLabelledRows() == null ? "" : r.newLabelledRows()).append("</td><td>")
                    .append(r.promoted() == null ? "" : r.promoted() ? "yes" : "no").append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>Leads scored</h2><table><tr><th>when</th><th>delivery</th><th>rows scored</th><th>not scorable</th>"
                + "<th>predicted yes</th><th>by</th><th>unseen values</th></tr>");
        for (MonitoringRecord r : of(records, MonitoringRecord.SCORING)) {
            h.append("<tr><td>").append(Html.esc(day(r.at()))).append("</td><td>").append(Html.esc(shortName(r)))
                    .append("</td><td class=\"num\">").append(r.rowsScored()).append("</td><td class=\"num\">")
                    .append(r.rowsNotScorable()).append("</td><td class=\"num\">").append(r.predictedYes())
                    .append("</td><td>").append(Html.esc(r.championModel())).append(" (").append(Html.esc(r.championRunId()))
                    .append(")</td><td>").append(Html.esc(unseen(r.unseen()))).append("</td></tr>");
        }
        h.append("</table></body></html>");
        return h.toString();
    }

    private static List<MonitoringRecord> of(List<MonitoringRecord> records, String kind) {
        return records.stream().filter(r -> kind.equals(r.record())).toList();
    }

    private static void image(StringBuilder h, ChartRenderer charts, Chart<?, ?> chart) {
        try {
            h.append("<p><img alt=\"").append(Html.esc(chart.getTitle())).append("\" src=\"")
                    .append(Charts.dataUri(charts, chart)).append("\"></p>");
        } catch (RuntimeException | Error e) {
            h.append("<p class=\"sub\">(The chart could not be drawn on this machine: ").append(Html.esc(e.toString()))
                    .append("; the table below has every value.)</p>");
        }
    }

    /** A delivery's short name: its file name. */
    static String shortName(MonitoringRecord r) {
        String f = r.sourceFile() == null ? r.batchId() : r.sourceFile();
        return f == null ? "" : f.substring(f.lastIndexOf('/') + 1);
    }

    private static String psiCell(Double v, double alarm) {
        if (v == null) {
            return "<td></td>";
        }
        String cls = v > alarm ? "bad" : v > 0.1 ? "warn" : "ok";
        return "<td class=\"num " + cls + "\">" + String.format(Locale.ROOT, "%.3f", v) + "</td>";
    }

    public static String unseen(Map<String, Map<String, Long>> unseen) {
        if (unseen == null || unseen.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        unseen.forEach((col, values) -> values.forEach((v, n) -> parts.add(col + "=" + v + " (" + n + ")")));
        return String.join(", ", parts);
    }

    private static String day(String at) {
        return at == null ? "" : at.replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    private static String num(Double v) {
        return "<td class=\"num\">" + fmt(v) + "</td>";
    }

    static String fmt(Double d) {
        return d == null || d.isNaN() ? "&ndash;" : String.format(Locale.ROOT, "%.4f", d);
    }

    /**
     * The challenger in the shadow: for each candidate, the outcome deliveries measured beside the champion,
     * per delivery and summed, and the lead deliveries it scored in the shadow.
     */
    private static void shadow(StringBuilder h, List<MonitoringRecord> records) {
        h.append("<h2>The challenger in the shadow</h2>");
        Map<String, ShadowEvidence> evidence = ShadowEvidence.of(records);
        if (evidence.isEmpty()) {
            h.append("<p>No candidate has been scored beside the champion yet. (With <code>" + TrainingSettings.APPROVAL.flag()
                    + " " + TrainingSettings.MANUAL + "</code> a "
                    + "model that passes the quality gate waits as a candidate: each later lead delivery is scored by it "
                    + "in the shadow, and each later outcome delivery by both, here.)</p>");
            return;
        }
        for (ShadowEvidence e : evidence.values()) {
            String share = e.sum().contactShare() == null ? "" : ShadowEvidence.percent(e.sum().contactShare()) + "%";
            h.append("<h3>Candidate <code>").append(Html.esc(e.challengerRunId())).append("</code></h3><p>")
                    .append(Html.esc(e.describe())).append(".</p>");
            if (e.deliveries().isEmpty()) {
                continue;
            }
            h.append("<table><tr><th rowspan=\"2\">delivery</th><th rowspan=\"2\">rows</th><th rowspan=\"2\">yes</th>"
                    + "<th colspan=\"2\">AUC-ROC</th><th colspan=\"2\">AUC-PR</th><th colspan=\"2\">Brier</th>"
                    + "<th colspan=\"2\">yes in the top ").append(share).append("</th></tr><tr>")
                    .append("<th>champion</th><th>challenger</th>".repeat(4)).append("</tr>");
            for (MonitoringRecord r : e.deliveries()) {
                MonitoringRecord.Challenger c = r.challenger();
                h.append("<tr><td>").append(Html.esc(shortName(r))).append("</td><td class=\"num\">").append(r.rows())
                        .append("</td><td class=\"num\">").append(Math.round(r.baseRate() == null ? 0 : r.baseRate() * r.rows()))
                        .append("</td>").append(num(r.aucRoc())).append(num(c.aucRoc())).append(num(r.aucPr()))
                        .append(num(c.aucPr())).append(num(r.brier())).append(num(c.brier()))
                        .append(count(r.capturedYes())).append(count(c.capturedYes())).append("</tr>");
            }
            ShadowEvidence.Sum s = e.sum();
            h.append("<tr class=\"sum\"><td>summed (means weighted by rows)</td><td class=\"num\">").append(s.rows())
                    .append("</td><td class=\"num\">").append(s.yes()).append("</td>").append(num(s.champion().aucRoc()))
                    .append(num(s.challenger().aucRoc())).append(num(s.champion().aucPr())).append(num(s.challenger().aucPr()))
                    .append(num(s.champion().brier())).append(num(s.challenger().brier())).append(count(s.championCaptured()))
                    .append(count(s.challengerCaptured())).append("</tr></table>");
        }
        h.append("<p class=\"sub\">Out of time: each delivery is measured before either model trains on it (a "
                + "delivery the challenger learnt from is not shown for it). The yes answers in the top share are the "
                + "ones a campaign calling that share of the delivery, best scores first, would have reached "
                + "(<code>" + CampaignSettings.CONTACT_SHARE.flag() + "</code>, 20% unless set). The challenger's scores of the lead deliveries are in "
                + "<code>predictions/shadow/</code>: never the contact list.</p>");
    }

    private static String count(Long v) {
        return "<td class=\"num\">" + (v == null ? "&ndash;" : String.format(Locale.ROOT, "%,d", v)) + "</td>";
    }

    private static final String CSS = Html.baseCss(1180) + "td.bad{background:#ffcdd2}"
            + "td.warn{background:#fff3e0}td.ok{background:#e8f5e9}table.psi td,table.psi th{font-size:.8em;padding:3px 4px}"
            + "table.psi th{word-break:normal;overflow-wrap:normal;white-space:normal}div.wide{max-width:100%;overflow-x:auto}"
            + "tr.sum td{font-weight:600;background:#fafafa}img{max-width:100%}code{font-size:.9em}";
}
