package dev.bankml.training.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** PNG charts (XChart, headless) as {@code data:} URIs, so the HTML report needs no other file. */
public final class Charts {
    private Charts() {
    }

    /** Distinct colours for up to eight series (colour-blind friendly, Okabe-Ito). */
    static final Color[] PALETTE = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
        new Color(213, 94, 0), new Color(204, 121, 167), new Color(86, 180, 233), new Color(240, 228, 66), Color.BLACK};

    /** The colour of the {@code i}-th series a chart draws. */
    public static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** One named curve. */
    record Curve(String name, List<double[]> points) {
    }

    static XYChart curves(String title, String xTitle, String yTitle, List<Curve> curves, double[][] reference,
                          String referenceName, Styler.LegendPosition legend) {
        XYChart chart = new XYChartBuilder().width(560).height(420).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        for (Curve c : curves) {
            double[] x = c.points().stream().mapToDouble(p -> p[0]).toArray();
            double[] y = c.points().stream().mapToDouble(p -> p[1]).toArray();
            if (x.length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(c.name(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[(chart.getSeriesMap().size() - 1) % PALETTE.length]);
        }
        if (reference != null) {
            XYSeries ref = chart.addSeries(referenceName, reference[0], reference[1]);
            ref.setMarker(SeriesMarkers.NONE);
            ref.setLineColor(Color.GRAY);
            ref.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        }
        return chart;
    }

    /**
     * A reliability diagram: mean predicted probability against the observed rate of yes, per bin, one
     * series of points per named set of bins, with the diagonal of perfect calibration.
     */
    static XYChart reliability(String title, Map<String, List<double[]>> series) {
        XYChart chart = new XYChartBuilder().width(560).height(420).title(title).xAxisTitle("mean predicted P(yes)")
                .yAxisTitle("observed rate of yes").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(e.getKey(), e.getValue().stream().mapToDouble(p -> p[0]).toArray(),
                    e.getValue().stream().mapToDouble(p -> p[1]).toArray());
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineColor(PALETTE[i % PALETTE.length]);
            s.setMarkerColor(PALETTE[i % PALETTE.length]);
            i++;
        }
        XYSeries ref = chart.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        ref.setMarker(SeriesMarkers.NONE);
        ref.setLineColor(Color.GRAY);
        ref.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        return chart;
    }

    static CategoryChart bars(String title, String yTitle, List<String> names, List<Double> values) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(420).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(50);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries(yTitle, names, values);
        return chart;
    }

    /**
     * Lines over categories (the deliveries, in order): one series per name; a missing value is a gap.
     */
    public static CategoryChart lines(String title, String yTitle, List<String> categories,
                                      Map<String, List<Double>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(860).height(380).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        // Every series on the categories themselves: side by side, as for bars, one delivery would put each
        // series' marker at a position of its own on a one-category axis.
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(40);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAntiAlias(true);
        int i = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> values = e.getValue().stream().map(v -> v == null ? Double.NaN : v).toList();
            if (values.stream().allMatch(v -> v.isNaN())) {
                continue;
            }
            CategorySeries s = chart.addSeries(e.getKey(), categories, values);
            s.setLineColor(PALETTE[i % PALETTE.length]);
            s.setMarkerColor(PALETTE[i % PALETTE.length]);
            i++;
        }
        return chart;
    }

    public static String dataUri(ChartRenderer renderer, Chart<?, ?> chart) {
        try {
            byte[] png = renderer.png(chart);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + chart.getTitle() + "': " + e.getMessage(), e);
        }
    }
}
