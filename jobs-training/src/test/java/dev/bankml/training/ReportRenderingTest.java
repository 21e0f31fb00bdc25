package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.AWTError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.training.report.ChartRenderer;
import dev.bankml.training.report.TrainingOutcome;

/**
 * Charts are decoration: on a machine where Java2D cannot draw (no fonts: AWT throws an Error, not an
 * IOException) the run still promotes its champion and writes its metrics and predictions, and the
 * report is written without images, saying why.
 */
class ReportRenderingTest {
    private static final ChartRenderer NO_FONTS = chart -> {
        throw new AWTError("Fontconfig head is null, check your fonts or fonts configuration");
    };
    private static TrainingFixtures.Outputs out;
    private static TrainingOutcome outcome;

    @BeforeAll
    static void trainWhereChartsCannotBeDrawn() {
        out = TrainingFixtures.outputs("no-fonts");
        List<String> argv = new ArrayList<>(List.of("--source_path", TrainingFixtures.cleanedSample().toString(),
                "--tuning", "fast", "--models", "nb", "--run_id", "nofonts"));
        argv.addAll(out.args());
        outcome = TrainingJob.run(TrainingFixtures.spark(), TrainingConfig.from(GlueArgs.parse(argv.toArray(String[]::new))),
                NO_FONTS);
    }

    @Test
    void theChampionIsPromotedAndTheMetricsAndPredictionsAreWritten() {
        assertTrue(outcome.gate().promoted());
        assertTrue(Files.exists(Path.of(out.models(), "deposit/champion.json")));
        assertTrue(Files.exists(Path.of(out.metrics(), "deposit/runs/nofonts/metrics.json")));
        assertEquals(2_233, TrainingFixtures.spark().read().parquet(out.predictions()).filter("run_id = 'nofonts'").count());
    }

    @Test
    void theReportHasNoImageAndSaysWhy() throws Exception {
        String html = Files.readString(Path.of(out.metrics(), "deposit/runs/nofonts/report.html"));
        assertFalse(html.contains("data:image/png"), "no image");
        assertTrue(html.contains("could not be drawn on this machine"), "the report says the charts are missing");
        assertTrue(html.contains("java.awt.AWTError: Fontconfig head is null"), "and why");
        assertTrue(html.contains("Champion: " + outcome.champion().model()), "the rest of the report is there");
    }
}
