package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Json;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;

/**
 * Reading through a real catalog (Hive metastore), in one run with the other label, the rare {@code default}. Writing every output to s3a:// on a
 * real S3 API server is tested end to end, by {@code bin/pipeline run} on one ({@code S3WorkflowTest}).
 */
class TrainingSourcesTest {
    @Test
    void readsTheCleanedTableThroughTheCatalogForTheRareDefaultLabelAndReportsAMissingTableAsAFailedRun() throws Exception {
        TrainingFixtures.spark().sql("CREATE DATABASE IF NOT EXISTS bankml_test");
        TrainingFixtures.spark().sql("DROP TABLE IF EXISTS bankml_test.cleaned_bank");
        TrainingFixtures.spark().sql("CREATE TABLE bankml_test.cleaned_bank USING parquet LOCATION '"
                + TrainingFixtures.cleanedSample().toUri() + "'");
        TrainingFixtures.spark().sql("MSCK REPAIR TABLE bankml_test.cleaned_bank");
        TrainingFixtures.Outputs out = TrainingFixtures.outputs("catalog");
        List<String> argv = new ArrayList<>(List.of("--source_table", "bankml_test.cleaned_bank", "--tuning", "fast",
                "--label", "default", "--models", "lr"));
        argv.addAll(out.args());
        TrainingOutcome o = TrainingJob.run(TrainingFixtures.spark(), TrainingConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
        assertEquals(8_929 + 2_233, o.champion().trainRows() + o.champion().testRows());
        // The rare label, with class weights.
        ModelMetrics c = o.champion();
        assertEquals(34.0 / 2_233, c.baseRate(), 1e-9, "168 yes of 11,162: 34 in the stratified test split");
        assertTrue(c.aucPr() > c.baseRate(), "AUC-PR " + c.aucPr() + " vs base rate " + c.baseRate());
        assertTrue(c.tp() + c.fp() > 0, "the chosen threshold predicts some yes despite the imbalance");

        List<String> missing = new ArrayList<>(List.of("--source_table", "bankml_test.nope"));
        TrainingFixtures.Outputs failed = TrainingFixtures.outputs("missing-table");
        missing.addAll(failed.args());
        JobConfigurationException e = assertThrows(JobConfigurationException.class, () -> TrainingJob.run(
                TrainingFixtures.spark(), TrainingConfig.from(GlueArgs.parse(missing.toArray(String[]::new)))));
        assertTrue(e.getMessage().contains("not in the catalog"), e.getMessage());
        JsonNode report = Json.read(Files.readString(Path.of(failed.metrics(), "deposit/latest-run-report.json")));
        assertEquals("FAILED", report.get("status").asText());
        assertEquals(e.getMessage(), report.get("message").asText());
        assertEquals("bankml_test.nope", report.get("source").asText());
        assertEquals("", report.get("champion").asText());
    }
}
