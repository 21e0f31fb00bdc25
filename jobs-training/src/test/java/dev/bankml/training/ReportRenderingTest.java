package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.AWTError;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bankml.training.report.ChartRenderer;
import dev.bankml.training.report.RunParameters;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.training.report.TrainingReport;

/**
 * Charts are decoration: on a machine where Java2D cannot draw (no fonts: AWT throws an Error, not an
 * IOException) the report of {@link TrainedSample}'s run is still rendered, without images, saying why,
 * with every table; rendering does not throw, so the training job, which renders last, still has its
 * champion promoted and its metrics and predictions written ({@code TrainingJobTest} checks those).
 */
class ReportRenderingTest {
    private static final ChartRenderer NO_FONTS = chart -> {
        throw new AWTError("Fontconfig head is null, check your fonts or fonts configuration");
    };

    @Test
    void withoutFontsTheReportHasNoImageSaysWhyAndKeepsEveryTable() {
        TrainingOutcome outcome = TrainedSample.outcome();
        RunParameters run = new RunParameters("the sample", outcome.label(), List.of("age", "job"), List.of(),
                List.of("all seven"), "fast", 42, 0.2, 0.005);
        String html = TrainingReport.render(outcome, run, Optional.empty(), NO_FONTS);
        assertFalse(html.contains("data:image/png"), "no image");
        assertTrue(html.contains("could not be drawn on this machine"), "the report says the charts are missing");
        assertTrue(html.contains("java.awt.AWTError: Fontconfig head is null"), "and why");
        assertTrue(html.contains("Champion: " + outcome.champion().model()), "the rest of the report is there");
        for (var m : outcome.metrics()) {
            assertTrue(html.contains(m.model()), m.model() + " in the metrics table");
        }
        assertTrue(TrainingReport.render(outcome, run, Optional.empty()).contains("data:image/png"),
                "with fonts, the same report has its charts");
    }
}
