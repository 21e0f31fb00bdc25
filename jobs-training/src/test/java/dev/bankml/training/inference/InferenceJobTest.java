package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.TrainingFixtures;

/** Scoring new data with the stored champion. */
class InferenceJobTest {
    private static TrainingFixtures.Outputs trained;
    private static Path newData;

    @BeforeAll
    static void trainAndPrepareNewData() {
        trained = TrainingFixtures.outputs("infer-train");
        TrainingFixtures.train(TrainingFixtures.cleanedSample(), trained, "--models", "lr,xgb", "--run_id", "m1");
        // 200 customers without a label: 3 with never-seen categories, 2 missing a feature.
        Dataset<Row> rows = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString())
                .orderBy(BankSchema.RECORD_ID).limit(200).drop(BankSchema.DEPOSIT)
                .withColumn("_n", org.apache.spark.sql.functions.monotonically_increasing_id())
                .withColumn(BankSchema.JOB, when(col("_n").lt(3), lit("astronaut")).otherwise(col(BankSchema.JOB)))
                .withColumn(BankSchema.BALANCE, when(col("_n").between(3, 4), lit(null)).otherwise(col(BankSchema.BALANCE)))
                .withColumn(BankSchema.BATCH_ID, lit("new_customers"))
                .drop("_n");
        newData = TestSpark.workDir("new-data").resolve("bank");
        rows.write().mode(SaveMode.Overwrite).parquet(newData.toString());
    }

    private static InferenceReport score(Path output, String... extra) {
        List<String> argv = new ArrayList<>(List.of("--source_path", newData.toString(), "--model_path", trained.models(),
                "--output_path", output.toString()));
        argv.addAll(List.of(extra));
        return InferenceJob.run(TrainingFixtures.spark(), InferenceConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
    }

    @Test
    void scoresNewDataWithoutALabelAndQuarantinesWhatItCannotScore() {
        Path output = TestSpark.workDir("scored");
        InferenceReport r = score(output);
        assertEquals(200, r.rowsRead());
        assertEquals(198, r.rowsScored());
        assertEquals(2, r.rowsRejected());
        assertEquals("m1", r.modelRunId());

        Dataset<Row> preds = TrainingFixtures.spark().read().parquet(output.toString());
        assertEquals(198, preds.count());
        assertEquals(198, preds.filter("label = 'deposit' and batch_id = 'new_customers'").count());
        assertEquals(0, preds.filter(col("probability_yes").isNull().or(col("probability_yes").lt(0))
                .or(col("probability_yes").gt(1))).count());
        assertEquals(198, preds.filter(col("actual").isNull()).count(), "no label in new data");

        Dataset<Row> rejected = TrainingFixtures.spark().read().parquet(output.resolve("_rejected").toString());
        assertEquals(List.of("[MISSING_FEATURE:balance]", "[MISSING_FEATURE:balance]"),
                rejected.select(BankSchema.REASONS).collectAsList().stream().map(x -> x.getList(0).toString()).toList());

        Dataset<Row> astronauts = preds.join(TrainingFixtures.spark().read().parquet(newData.toString())
                .filter(col(BankSchema.JOB).equalTo("astronaut")).select(BankSchema.RECORD_ID), BankSchema.RECORD_ID);
        assertEquals(3, astronauts.count(), "an unseen job still gets a prediction");
    }

    @Test
    void scoringTwiceGivesTheSameOutputAndANamedRunCanBeUsed() {
        Path output = TestSpark.workDir("scored-twice");
        score(output, "--run_id", "s1");
        List<String> first = rows(output);
        score(output, "--run_id", "s1");
        assertEquals(first, rows(output));
        assertEquals(198, first.size());
        assertEquals("m1", score(output, "--model_run", "m1").modelRunId());
        JobConfigurationException e = assertThrows(JobConfigurationException.class, () -> score(output, "--model_run", "nope"));
        assertTrue(e.getMessage().contains("no model saved by run 'nope'"), e.getMessage());
    }

    @Test
    void withoutAChampionItSaysToTrainFirst() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class, () -> InferenceJob.run(
                TrainingFixtures.spark(), InferenceConfig.from(GlueArgs.parse("--source_path", newData.toString(),
                        "--model_path", TestSpark.workDir("empty-models").toString(), "--output_path", "x", "--label", "loan"))));
        assertTrue(e.getMessage().contains("run the training job first"), e.getMessage());
    }

    private static List<String> rows(Path output) {
        return TrainingFixtures.spark().read().parquet(output.toString()).drop("scoring_run_id").collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }
}
