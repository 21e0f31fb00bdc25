package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
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

/**
 * On a synthetic set where one feature decides the label (the sample's rows, {@code deposit} = a job
 * in {management, retired, student}, 8% of the labels flipped so that no model is perfect), that
 * feature is every customer's top reason, for XGBoost's tree SHAP values and for logistic
 * regression's coefficient × value; and the campaign options mark the top of the ranking.
 */
class CampaignAndReasonsTest {
    private static final int ROWS = 1_500;
    /** 8% of the labels, flipped (a label decided by one column alone would trip the leakage guard). */
    private static final Column FLIPPED =
            pmod(xxhash64(col(BankSchema.RECORD_ID), lit(7L)), lit(100L)).lt(8);
    private static Path data;
    private static TrainingFixtures.Outputs xgboost;
    private static TrainingFixtures.Outputs logistic;
    /** XGBoost's scores with the top 20% contacted, and logistic regression's: read by more than one test. */
    private static Path xgboostShare;
    private static InferenceReport xgboostShareReport;
    private static Path logisticScored;
    private static InferenceReport logisticReport;

    @BeforeAll
    static void trainOnAJobDecidedLabel() {
        Dataset<Row> rows = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString())
                .orderBy(BankSchema.RECORD_ID).limit(ROWS);
        Column decided = col(BankSchema.JOB).isin("management", "retired", "student");
        data = TestSpark.workDir("job-decides").resolve("bank");
        rows.withColumn(BankSchema.DEPOSIT, decided.notEqual(FLIPPED)).write().mode(SaveMode.Overwrite)
                .parquet(data.toString());
        xgboost = TrainingFixtures.outputs("job-decides-xgb");
        TrainingFixtures.train(data, xgboost, "--models", "xgb", "--run_id", "x1");
        logistic = TrainingFixtures.outputs("job-decides-lr");
        TrainingFixtures.train(data, logistic, "--models", "lr", "--run_id", "l1");
        xgboostShare = TestSpark.workDir("campaign-share");
        xgboostShareReport = score(xgboost, xgboostShare, "--contact_share", "0.2");
        logisticScored = TestSpark.workDir("job-decides-scored-lr");
        logisticReport = score(logistic, logisticScored);
    }

    private static InferenceReport score(TrainingFixtures.Outputs models, Path output, String... extra) {
        List<String> argv = new ArrayList<>(List.of("--source_path", data.toString(), "--model_path", models.models(),
                "--output_path", output.toString()));
        argv.addAll(List.of(extra));
        return InferenceJob.run(TrainingFixtures.spark(), InferenceConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
    }

    private static List<String> reasonsOfTopTen(Path output) {
        return scored(output).filter("rank <= 10").orderBy("rank").select(BankSchema.RECORD_ID, "probability_yes",
                "top_reasons").collectAsList().stream().map(Row::toString).toList();
    }

    private static Dataset<Row> scored(Path output) {
        return TrainingFixtures.spark().read().parquet(output.toString());
    }

    @Test
    void theDecidingFeatureIsEveryCustomersTopReasonWithTheCustomersValue() {
        List<String> methods = new ArrayList<>();
        // The reasons do not depend on the campaign rule: XGBoost's run with a contact share serves here too.
        for (Path output : List.of(xgboostShare, logisticScored)) {
            InferenceReport r = output == xgboostShare ? xgboostShareReport : logisticReport;
            methods.add(r.reasonsMethod());
            assertEquals(ROWS, r.rowsScored());
            Dataset<Row> top = scored(output).join(TrainingFixtures.spark().read().parquet(data.toString())
                            .select(col(BankSchema.RECORD_ID), col(BankSchema.JOB), FLIPPED.alias("flipped")),
                            BankSchema.RECORD_ID)
                    .selectExpr("top_reasons[0].feature as feature", "top_reasons[0].value as value", "job", "flipped",
                            "exists(top_reasons, x -> x.feature = 'job' and x.value = job) as among");
            // XGBoost: every customer whose label the job decides has it as the top reason; a flipped label the
            // trees learnt from other columns still has the job among its three. Logistic regression leans on the
            // job too, but a customer with an extreme number (pdays 761: eight standard deviations) can have that
            // number's coefficient x value first: its true contribution in that model.
            long notTop = top.filter("not flipped and not (feature = 'job' and value = job)").count();
            String which = r.model() + " (" + r.reasonsMethod() + "): rows whose top reason is not their job: "
                    + top.filter("not flipped and not (feature = 'job' and value = job)").limit(8).collectAsList();
            if (r.model().equals("xgboost")) {
                assertEquals(0, notTop, which);
            } else {
                assertTrue(notTop <= ROWS / 100, which);
            }
            assertEquals(ROWS, top.filter("among").count(), r.model());
            assertTrue(top.filter("not flipped").count() > 0.9 * ROWS);
        }
        assertEquals(List.of("tree_shap_log_odds", "coefficient_x_value_log_odds"), methods);
    }

    @Test
    void aContactShareMarksTheTopOfTheRankingAndExpectsYesFromTheCalibratedProbabilities() {
        Path output = xgboostShare;
        InferenceReport r = xgboostShareReport;
        Dataset<Row> s = scored(output);
        List<Row> byRank = s.orderBy("rank").select("rank", "score", "contact", "probability_yes").collectAsList();
        assertEquals(ROWS, byRank.size());
        double contactedP = 0;
        double allP = 0;
        for (int i = 0; i < byRank.size(); i++) {
            Row row = byRank.get(i);
            assertEquals(i + 1, row.getLong(0), "ranks are 1..n");
            if (i > 0) {
                assertTrue(byRank.get(i - 1).getDouble(1) >= row.getDouble(1), "a lower rank never has a lower score");
            }
            assertEquals(i < 300, row.getBoolean(2), "the top 20% (300 of 1,500) are contacted");
            contactedP += row.getBoolean(2) ? row.getDouble(3) : 0;
            allP += row.getDouble(3);
        }
        assertEquals(300, r.campaign().contacted());
        assertEquals(contactedP, r.campaign().expectedYes(), 1e-6);
        assertEquals(300 * allP / ROWS, r.campaign().expectedYesAtRandom(), 1e-6);
        assertTrue(r.campaign().expectedYes() > 1.5 * r.campaign().expectedYesAtRandom(), r.message());
        assertTrue(r.message().contains("contact 300 of 1,500 (top 20% by score): "), r.message());

        // The same rows scored again rank the same (ties are broken by the record id, not by chance).
        List<String> before = s.select(BankSchema.RECORD_ID, "rank").collectAsList().stream().map(Row::toString)
                .sorted().toList();
        Path again = TestSpark.workDir("campaign-share-again");
        score(xgboost, again, "--contact_share", "0.2");
        assertEquals(before, scored(again).select(BankSchema.RECORD_ID, "rank").collectAsList().stream()
                .map(Row::toString).sorted().toList());
    }

    @Test
    void aCountOrAnExpectedValueMarksTheOthersReasonsMayBeForTheContactedOnlyAndBadCombinationsAreRefused() {
        Path output = TestSpark.workDir("campaign-count");
        // With reasons for the contacted only: the ten called have their three, no one else has any.
        InferenceReport count = score(xgboost, output, "--contact_count", "10", "--reasons_for", "contacted");
        assertEquals(10, count.campaign().contacted());
        assertEquals(10, scored(output).filter("contact").filter("rank <= 10").count());
        assertEquals(10, scored(output).filter("contact and size(top_reasons) = 3").count());
        assertEquals(0, scored(output).filter("not contact and top_reasons is not null").count());
        assertTrue(count.message().contains("reasons for the customers marked for a call only"), count.message());
        // XGBoost's reasons come from a second pass over the ten: the same as those of the run that gave every row its
        // reasons (the same model and rows: the same ranking).
        assertEquals(reasonsOfTopTen(xgboostShare), reasonsOfTopTen(output));

        InferenceReport ev = score(xgboost, output, "--value_per_yes", "100", "--cost_per_call", "30");
        Dataset<Row> s = scored(output);
        assertEquals(0, s.filter(col("contact").notEqual(col("probability_yes").multiply(100).gt(30))).count());
        assertEquals(s.filter("contact").count(), ev.campaign().contacted());
        assertTrue(ev.message().contains("expected net value"), ev.message());

        JobConfigurationException both = assertThrows(JobConfigurationException.class,
                () -> score(xgboost, output, "--contact_share", "0.2", "--contact_count", "5"));
        assertEquals("argument --contact_count is '5': give one campaign rule: --contact_share, --contact_count, or "
                + "--value_per_yes with --cost_per_call", both.getMessage());
        JobConfigurationException half = assertThrows(JobConfigurationException.class,
                () -> score(xgboost, output, "--value_per_yes", "100"));
        assertTrue(half.getMessage().contains("give --cost_per_call with it"), half.getMessage());
        assertEquals(0, s.filter(abs(col("probability_yes")).gt(1)).count());
    }
}
