package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.testing.S3TestServer;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;

/** Reading through a real catalog (Hive metastore), writing to s3a:// on a real S3 API server, other labels. */
class TrainingSourcesTest {
    private static S3TestServer s3;

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket("artifacts");
    }

    @AfterAll
    static void stop() {
        s3.close();
        TestSpark.session().sparkContext().hadoopConfiguration().unset("fs.s3a.endpoint");
    }

    @Test
    void readsTheCleanedTableThroughTheCatalog() {
        TrainingFixtures.spark().sql("CREATE DATABASE IF NOT EXISTS bankml_test");
        TrainingFixtures.spark().sql("DROP TABLE IF EXISTS bankml_test.cleaned_bank");
        TrainingFixtures.spark().sql("CREATE TABLE bankml_test.cleaned_bank USING parquet LOCATION '"
                + TrainingFixtures.cleanedSample().toUri() + "'");
        TrainingFixtures.spark().sql("MSCK REPAIR TABLE bankml_test.cleaned_bank");
        TrainingFixtures.Outputs out = TrainingFixtures.outputs("catalog");
        List<String> argv = new ArrayList<>(List.of("--source_table", "bankml_test.cleaned_bank", "--tuning", "fast",
                "--models", "lr"));
        argv.addAll(out.args());
        TrainingOutcome o = TrainingJob.run(TrainingFixtures.spark(), TrainingConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
        assertEquals(8_929 + 2_233, o.champion().trainRows() + o.champion().testRows());

        List<String> missing = new ArrayList<>(List.of("--source_table", "bankml_test.nope"));
        missing.addAll(TrainingFixtures.outputs("missing-table").args()); // its FAILED run report lands there
        JobConfigurationException e = assertThrows(JobConfigurationException.class, () -> TrainingJob.run(
                TrainingFixtures.spark(), TrainingConfig.from(GlueArgs.parse(missing.toArray(String[]::new)))));
        assertTrue(e.getMessage().contains("not in the catalog"), e.getMessage());
    }

    @Test
    void writesItsOutputsToS3() {
        List<String> argv = new ArrayList<>(List.of("--source_path", TrainingFixtures.cleanedSample().toString(),
                "--tuning", "fast", "--models", "nb,lr", "--run_id", "s3run",
                "--model_path", "s3://artifacts/models/", "--metrics_path", "s3://artifacts/metrics/",
                "--predictions_path", "s3://artifacts/predictions/test/"));
        argv.addAll(s3.jobArgs());
        TrainingOutcome o = TrainingJob.run(TrainingFixtures.spark(),
                TrainingConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
        List<String> keys = s3.keys("artifacts", "");
        assertTrue(keys.contains("models/deposit/champion.json"), keys.toString());
        assertTrue(keys.contains("metrics/deposit/runs/s3run/metrics.json"), keys.toString());
        assertTrue(keys.contains("metrics/deposit/runs/s3run/report.html"), keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("predictions/test/label=deposit/run_id=s3run/part-")), keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("models/deposit/runs/s3run/" + o.champion().model() + "/stages/")),
                keys.toString());
        assertEquals(o.champion().model(), Json.read(s3.read("artifacts", "models/deposit/champion.json")).get("model").asText());
    }

    @Test
    void predictsTheRareDefaultLabelWithClassWeightsAndReportsItsBaseRate() {
        TrainingOutcome o = TrainingFixtures.train(TrainingFixtures.cleanedSample(), TrainingFixtures.outputs("default"),
                "--label", "default", "--models", "lr,xgb");
        ModelMetrics c = o.champion();
        assertEquals(34.0 / 2_233, c.baseRate(), 1e-9, "168 yes of 11,162: 34 in the stratified test split");
        assertTrue(c.aucPr() > c.baseRate(), "AUC-PR " + c.aucPr() + " vs base rate " + c.baseRate());
        assertTrue(c.tp() + c.fp() > 0, "the chosen threshold predicts some yes despite the imbalance");
    }
}
