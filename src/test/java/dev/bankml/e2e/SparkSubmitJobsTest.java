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
 * The packaged job jars, run as a cluster runs them: through Spark's real spark-submit entry point
 * on a {@code local-cluster} master (a driver and two executor JVMs), with Glue's own arguments
 * mixed in, the cleaning jar on the sample, then the training jar and the inference jar on its
 * output; their outputs must equal those of the same jobs in one local JVM. Metrics go to a local
 * CloudWatch endpoint through the AWS SDK that is shaded and relocated inside the jars.
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
        clean = submit("dev.bankml.cleaning.CleaningJob", "jobs-cleaning", args(metrics, cleanArgs(work).toArray(String[]::new)));
        train = submit("dev.bankml.training.TrainingJob", "jobs-training", args(metrics, trainArgs(work).toArray(String[]::new)));
        score = submit(dev.bankml.workflow.settings.JobKind.INFERENCE.mainClass(), "jobs-training", args(metrics, scoreArgs(work).toArray(String[]::new)));
        // The same jobs in this JVM's local session: what the cluster's outputs must equal.
        Path local = work.resolve("local");
        CleaningJob.JOB.run(TestSpark.session(), CleaningJob.JOB.configure(GlueArgs.parse(cleanArgs(local).toArray(String[]::new))));
        TrainingJob.JOB.run(TestSpark.session(), TrainingJob.JOB.configure(GlueArgs.parse(trainArgs(local).toArray(String[]::new))));
        InferenceJob.JOB.run(TestSpark.session(), InferenceJob.JOB.configure(GlueArgs.parse(scoreArgs(local).toArray(String[]::new))));
    }

    /**
     * Spark's {@code local-cluster[2,1,1024]} master: two executor JVMs, as on Glue, so that a task's
     * code, its closures and the files it writes run outside the driver, from the job jar only.
     */
    private static SparkSubmitProcess.Result submit(String mainClass, String module, List<String> args) throws Exception {
        return SparkSubmitProcess.run(work, "local-cluster[2,1,1024]", mainClass, SparkSubmitProcess.jobJar(module), args);
    }

    private static List<String> cleanArgs(Path dir) {
        return List.of("--source_path", TestSpark.sampleCsv().toString(), "--target_path", dir.resolve("cleaned").toString(),
                "--rejected_path", dir.resolve("quarantine").toString());
    }

    private static List<String> trainArgs(Path dir) {
        return List.of("--source_path", dir.resolve("cleaned").toString(), "--tuning", "fast", "--models", "lr",
                "--run_id", "submitted", "--model_path", dir.resolve("models").toString(),
                "--metrics_path", dir.resolve("metrics").toString(), "--predictions_path", dir.resolve("predictions").toString());
    }

    private static List<String> scoreArgs(Path dir) {
        return List.of("--source_path", dir.resolve("cleaned").toString(), "--model_path", dir.resolve("models").toString(),
                "--output_path", dir.resolve("scored").toString());
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
    }

    private static List<String> args(List<String> common, String... own) {
        List<String> out = new ArrayList<>(GLUE_ARGS);
        out.addAll(common);
        out.addAll(List.of(own));
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
        assertTrue(clean.output().contains("Granted executor ID"), "executors were started: " + clean.output());
        Path local = work.resolve("local");
        assertEquals(sortedRows(local.resolve("cleaned")), sortedRows(work.resolve("cleaned")), "the same cleaned table");
        JsonNode inJvm = Json.read(Files.readString(local.resolve("metrics/deposit/runs/submitted/metrics.json")));
        JsonNode cluster = Json.read(Files.readString(work.resolve("metrics/deposit/runs/submitted/metrics.json")));
        assertEquals(inJvm.size(), cluster.size());
        for (int i = 0; i < inJvm.size(); i++) {
            assertEquals(inJvm.get(i).get("model").asText(), cluster.get(i).get("model").asText());
            assertEquals(inJvm.get(i).get("train_rows").asLong(), cluster.get(i).get("train_rows").asLong());
            assertEquals(inJvm.get(i).get("auc_roc").asDouble(), cluster.get(i).get("auc_roc").asDouble(), 1e-6,
                    inJvm.get(i).get("model").asText());
        }
        Dataset<Row> a = TestSpark.session().read().parquet(local.resolve("scored").toString());
        Dataset<Row> b = TestSpark.session().read().parquet(work.resolve("scored").toString());
        assertEquals(a.count(), b.count());
        Row worst = a.join(b.withColumnRenamed("probability_yes", "p2").select("record_id", "p2"), "record_id")
                .selectExpr("count(*)", "max(abs(probability_yes - p2))").first();
        assertEquals(a.count(), worst.getLong(0), "every record scored in both");
        assertTrue(worst.getDouble(1) < 1e-6, "same probabilities, max difference " + worst.getDouble(1));
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
