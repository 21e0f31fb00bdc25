package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Json;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.workflow.catalog.OutputTables;

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
        // The analysts' metrics history, declared as the stack declares it: the run registers its partition there.
        String metricsTable = OutputTableContract.createAsDeclared(TrainingFixtures.spark(), OutputTables.METRICS_HISTORY,
                "bankml_test", Path.of(out.metrics(), "history").toUri().toString());
        List<String> argv = new ArrayList<>(List.of("--source_table", "bankml_test.cleaned_bank", "--tuning", "fast",
                "--label", "default", "--models", "lr", "--run_id", "catalog-run", "--metrics_table", metricsTable,
                "--worker_count", "2", "--dpu_per_worker", "1"));
        argv.addAll(out.args());
        long t0 = System.nanoTime();
        TrainingOutcome o = TrainingJob.run(TrainingFixtures.spark(), TrainingConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
        double wall = (System.nanoTime() - t0) / 1e9;
        // What the run cost on Glue's terms: 2 workers x 1 DPU x its seconds, one minute at least.
        double dpuSeconds = Json.read(Files.readString(Path.of(out.metrics(), "default/latest-run-report.json")))
                .get("dpu_seconds").asDouble();
        assertTrue(dpuSeconds >= 120 && dpuSeconds <= 2 * Math.max(60, wall) + 1, dpuSeconds + " DPU-s for " + wall + " s");
        assertEquals(List.of("label=default/run_id=catalog-run"), TrainingFixtures.spark().sql("SHOW PARTITIONS "
                + metricsTable).as(Encoders.STRING()).collectAsList(), "the run's partition, registered");
        // The declared types read the files: the run's model, its figures, through the table.
        Row row = TrainingFixtures.spark().sql("SELECT model, is_champion, auc_roc, size(lift) FROM " + metricsTable
                + " WHERE run_id = 'catalog-run'").first();
        assertEquals(o.champion().model(), row.getString(0));
        assertTrue(row.getBoolean(1));
        assertEquals(o.champion().aucRoc(), row.getDouble(2), 1e-12);
        assertEquals(10, row.getInt(3), "ten deciles in the gains table");
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
