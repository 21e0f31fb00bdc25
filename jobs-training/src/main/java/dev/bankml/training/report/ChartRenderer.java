package dev.bankml.training.report;

import java.io.IOException;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Draws a chart of the report as PNG bytes (Java2D through XChart); a seam for tests. */
@FunctionalInterface
public interface ChartRenderer {

    byte[] png(Chart<?, ?> chart) throws IOException;

    /** XChart's bitmap encoder: needs a working Java2D (fonts), which a minimal image may lack. */
    static ChartRenderer xchart() {
        return chart -> BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
