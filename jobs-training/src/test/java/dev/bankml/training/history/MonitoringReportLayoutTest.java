package dev.bankml.training.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.bankml.training.report.ChartRenderer;
import dev.bankml.training.report.Charts;

/**
 * The monitoring report an approver reads fits a 1280-pixel window: the wide PSI table scrolls inside its own
 * box, and with one delivery the out-of-time chart draws its three values at the one delivery, not at three
 * positions of a one-category axis. Pure (the chart is drawn with XChart, no Spark).
 */
class MonitoringReportLayoutTest {
    /** One outcome delivery, measured for drift on many features, with a challenger beside the champion. */
    static List<MonitoringRecord> oneDelivery() {
        Map<String, Double> psi = new TreeMap<>();
        for (String f : List.of("age", "job", "marital", "education", "default", "balance", "housing", "loan",
                "contact", "day", "month", "campaign", "pdays", "previous", "poutcome", "age_bucket", "balance_log",
                "contacted_before", "days_since_previous_contact", "campaign_intensity")) {
            psi.put(f, 0.01 + f.length() / 100.0);
        }
        return List.of(MonitoringRecord.of(MonitoringRecord.DELIVERY, "c1", "m1", "deposit")
                .delivery("outcomes", "2026_03_csv-1a2b3c4d", "outcomes/outcomes-2026-03-with-a-long-name.csv", "v1")
                .champion("20260101T000000Z-aaaaaa", "xgboost", 0.79).rows(4521)
                .outOfTime(0.117, 0.775, 0.41, 0.5, 0.3, 0.081, 0.5, 0.015, false).captured(0.2, 310)
                .drift(psi, 0.3, "month", 0.04, true, Map.of())
                .challenger(MonitoringRecord.Challenger.outOfTime("20260201T000000Z-bbbbbb", "random_forest", 0.781,
                        0.43, 0.079, 322))
                .build());
    }

    @Test
    void theWidePsiTableScrollsInItsOwnBoxAndTheReportIsWrittenForAPersonToOpen() throws IOException {
        String html = MonitoringReport.render("deposit", oneDelivery(), 0.05, 0.25, ChartRenderer.xchart());
        int psi = html.indexOf("<table class=\"psi\">");
        assertTrue(psi > 0, "the PSI table");
        assertTrue(html.substring(0, psi).endsWith("<div class=\"wide\">"), "inside the scrolling box");
        assertTrue(html.contains("div.wide{max-width:100%;overflow-x:auto}"), "which scrolls sideways");
        assertTrue(html.contains("<th>days_<wbr>since_<wbr>previous_<wbr>contact</th>"), "long names break at '_'");
        assertTrue(!html.contains("&lt;wbr&gt;"), "the break is a tag, not text on the page");
        assertTrue(html.contains("table.psi th{word-break:normal;overflow-wrap:normal"),
                "a header breaks at '_' or not at all, never inside a word (the box scrolls instead)");
        Path out = Path.of("target", "monitoring-report-one-delivery.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html); // for a look in a browser: chromium --window-size=1280,900
    }

    @Test
    void withOneDeliveryTheOutOfTimeChartDrawsEveryValueAtThatDelivery() throws IOException {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("out-of-time AUC-ROC", List.of(0.775));
        series.put("champion's test AUC-ROC", List.of(0.79));
        series.put("base rate", List.of(0.117));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(ChartRenderer.xchart().png(Charts.lines(
                "Out-of-time AUC-ROC by delivery", "value", List.of("outcomes-2026-03.csv"), series))));
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            xs.add(meanX(png, Charts.color(i), png.getWidth() * 3 / 4));
        }
        double spread = xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(spread < 4, "the markers' x positions " + xs);
        assertEquals(3, xs.stream().filter(x -> x > 0).count(), "every series drawn: " + xs);
    }

    /** The mean x of the pixels of this colour left of {@code limit} (the plot, not the legend); 0 when none. */
    private static double meanX(BufferedImage png, Color color, int limit) {
        long sum = 0;
        long n = 0;
        for (int x = 0; x < limit; x++) {
            for (int y = 0; y < png.getHeight(); y++) {
                if ((png.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    sum += x;
                    n++;
                }
            }
        }
        return n == 0 ? 0 : (double) sum / n;
    }
}
