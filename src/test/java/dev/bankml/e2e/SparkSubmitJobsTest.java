package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.cleaning.CleaningJob;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.testing.FakeCloudWatch;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.inference.InferenceJob;

/**
 * The packaged job jars, run as a cluster runs them: through Spark's real spark-submit entry point,
 * with Glue's own arguments mixed in. The cleaning jar cleans the sample and the inference job scores
 * it on a {@code local-cluster} master (a driver JVM and an executor JVM, as on Glue), so the tasks'
 * code runs outside the driver, from the jar alone; the training jar trains in a spark-submit JVM of
 * its own (its tasks are MLlib's and XGBoost's). The cluster's cleaned rows and scores must equal those
 * of the same jobs in this one JVM. Metrics go to a local CloudWatch endpoint through the AWS SDK that is
 * shaded and relocated inside the jars.
 */
class SparkSubmitJobsTest {
    private static final List<String> GLUE_ARGS = List.of("--JOB_NAME", "bankml-job", "--JOB_ID", "j_123",
            "--job-bookmark-option", "job-bookmark-disable", "--enable-glue-datacatalog", "true");
    private static Path work;
    private static FakeCloudWatch cloudWatch;
    private static SparkSubmitProcess.Result clean;
    private static SparkSubmitProcess.Result train;
    private static SparkSubmitProcess.Result score;

    @BeforeAll
    static void submitTheThreeJobs() throws Exception {
        work = TestSpark.workDir("submit");
        cloudWatch = FakeCloudWatch.start();
        List<String> metrics = List.of("--publish_metrics", "true", "--cloudwatch_endpoint", cloudWatch.endpoint(),
                "--environment", "e2e", "--TempDir", work.resolve("tmp").toString());
        clean = SparkSubmitProcess.run(work, CLUSTER, CleaningJob.class.getName(),
                SparkSubmitProcess.jobJar("jobs-cleaning"), args(metrics, cleanArgs(work)));
        train = SparkSubmitProcess.run(work, TrainingJob.class.getName(), SparkSubmitProcess.jobJar("jobs-training"),
                args(metrics, trainArgs(work)));
        score = SparkSubmitProcess.run(work, CLUSTER, InferenceJob.class.getName(),
                SparkSubmitProcess.jobJar("jobs-training"), args(metrics, scoreArgs(work, work.resolve("scored"))));
        // The same cleaning and the same scoring (with the model the cluster trained) in this JVM.
        Path local = work.resolve("local");
        CleaningJob.JOB.run(TestSpark.session(), CleaningJob.JOB.configure(GlueArgs.parse(cleanArgs(local).toArray(String[]::new))));
        InferenceJob.JOB.run(TestSpark.session(), InferenceJob.JOB.configure(GlueArgs.parse(
                scoreArgs(work, local.resolve("scored")).toArray(String[]::new))));
    }

    /**
     * Spark's {@code local-cluster[1,1,1024]} master: an executor JVM besides the driver, as on Glue, so
     * that a task's code, its closures and the files it writes run outside the driver, from the job jar only.
     */
    private static final String CLUSTER = "local-cluster[1,1,1024]";

    private static List<String> cleanArgs(Path dir) {
        return List.of("--source_path", TestSpark.sampleCsv().toString(), "--target_path", dir.resolve("cleaned").toString(),
                "--rejected_path", dir.resolve("quarantine").toString());
    }

    private static List<String> trainArgs(Path dir) {
        return List.of("--source_path", dir.resolve("cleaned").toString(), "--tuning", "fast", "--models", "lr",
                "--run_id", "submitted", "--model_path", dir.resolve("models").toString(),
                "--metrics_path", dir.resolve("metrics").toString(), "--predictions_path", dir.resolve("predictions").toString());
    }

    /** Scoring {@code dir}'s cleaned sample with {@code dir}'s champion into {@code output}. */
    private static List<String> scoreArgs(Path dir, Path output) {
        return List.of("--source_path", dir.resolve("cleaned").toString(), "--model_path", dir.resolve("models").toString(),
                "--output_path", output.toString());
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
    }

    private static List<String> args(List<String> common, List<String> own) {
        List<String> out = new ArrayList<>(GLUE_ARGS);
        out.addAll(common);
        out.addAll(own);
        return out;
    }

    @Test
    void theCleaningJarAccountsForEveryRowOfTheSample() throws Exception {
        assertEquals(0, clean.exitCode(), clean.output());
        JsonNode report = Json.read(Files.readString(work.resolve("cleaned/_reports/latest.json")));
        assertEquals("SUCCEEDED", report.get("status").asText());
        assertEquals(11_163, report.get("lines_read").asLong());
        assertEquals(1, report.get("blank_or_header_lines").asLong());
        assertEquals(11_162, report.get("rows_read").asLong());
        assertEquals(11_162, report.get("rows_written").asLong() + report.get("rows_rejected").asLong());
        Dataset<Row> cleaned = TestSpark.session().read().parquet(work.resolve("cleaned").toString());
        assertEquals(11_162, cleaned.count());
        assertEquals(11_162, cleaned.select(BankSchema.RECORD_ID).distinct().count());
        assertEquals(5_289, cleaned.filter("deposit").count(), "yes labels of the sample");
        assertTrue(clean.output().contains("Published 11162 cleaned rows"), clean.output());
    }

    @Test
    void theTrainingJarTrainsAndTheInferenceJarScoresWithItsChampion() throws Exception {
        assertEquals(0, train.exitCode(), train.output());
        assertEquals(0, score.exitCode(), score.output());
        JsonNode champion = Json.read(Files.readString(work.resolve("models/deposit/champion.json")));
        assertEquals("submitted", champion.get("run_id").asText());
        assertTrue(Files.exists(work.resolve("metrics/deposit/runs/submitted/report.html")), "XChart works from the jar");
        assertEquals(11_162, TestSpark.session().read().parquet(work.resolve("scored").toString()).count());
    }

    @Test
    void eachJarPublishedItsMetricsThroughTheRelocatedSdk() {
        Map<String, List<String>> byJob = cloudWatch.data().stream().collect(Collectors.groupingBy(
                d -> d.get("Dimensions").get(1).get("Value").asText(),
                Collectors.mapping(d -> d.get("MetricName").asText(), Collectors.toList())));
        assertEquals(List.of("RowsRead", "RowsWritten", "RowsRejected", "RejectedFraction", "RunSucceeded"),
                byJob.get("cleaning"));
        assertEquals(List.of("Trained", "ChampionAucRoc", "ChampionAucPr", "ChampionMarginOverPrevious", "ModelPromoted",
                "TrainingRows", "TrainingSeconds", "RunSucceeded"), byJob.get("training"));
        assertEquals(List.of("RowsScored", "PositiveShare", "ScoringRowsRejected", "RunSucceeded"), byJob.get("inference"));
    }

    @Test
    void onAClusterOfExecutorJvmsTheJobsWriteWhatTheyWriteInOneLocalJvm() throws Exception {
        assertTrue(clean.output().contains("Granted executor ID"), "an executor was started: " + clean.output());
        assertTrue(score.output().contains("Granted executor ID"), "an executor was started: " + score.output());
        Path local = work.resolve("local");
        assertEquals(sortedRows(local.resolve("cleaned")), sortedRows(work.resolve("cleaned")), "the same cleaned table");
        Dataset<Row> a = TestSpark.session().read().parquet(local.resolve("scored").toString());
        Dataset<Row> b = TestSpark.session().read().parquet(work.resolve("scored").toString());
        assertEquals(a.count(), b.count());
        Row worst = a.join(b.withColumnRenamed("probability_yes", "p2").withColumnRenamed("rank", "rank2")
                        .select("record_id", "p2", "rank2"), "record_id")
                .selectExpr("count(*)", "max(abs(probability_yes - p2))", "sum(cast(rank != rank2 as int))").first();
        assertEquals(a.count(), worst.getLong(0), "every record scored in both");
        assertTrue(worst.getDouble(1) < 1e-6, "same probabilities, max difference " + worst.getDouble(1));
        assertEquals(0L, worst.getLong(2), "the same ranks");
    }

    private static List<String> sortedRows(Path table) {
        return TestSpark.session().read().parquet(table.toString()).collectAsList().stream().map(Row::toString).sorted()
                .toList();
    }

    @Test
    void aMissingArgumentFailsAtOnceNamingIt() throws Exception {
        Path bad = TestSpark.workDir("submit-bad");
        SparkSubmitProcess.Result r = SparkSubmitProcess.run(bad, "dev.bankml.cleaning.CleaningJob",
                SparkSubmitProcess.jobJar("jobs-cleaning"),
                List.of("--source_path", TestSpark.sampleCsv().toString(), "--rejected_path", bad.resolve("q").toString()));
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("missing required argument --target_path"), r.output());
        assertTrue(r.output().contains("Required:"), r.output());
    }
}
