package dev.bankml.training;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Json;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;

/** One fast training run of all seven candidates on the sample, and everything it wrote. */
class TrainingJobTest {
    private static TrainingFixtures.Outputs out;
    private static TrainingOutcome outcome;

    @BeforeAll
    static void train() {
        out = TrainingFixtures.outputs("train-all");
        outcome = TrainingFixtures.train(TrainingFixtures.cleanedSample(), out, "--run_id", "r1");
    }

    @Test
    void everyAlgorithmIsEvaluatedOnTheUntouchedTestSplit() {
        assertEquals(Set.of("logistic_regression", "decision_tree", "random_forest", "gradient_boosted_trees",
                "naive_bayes", "linear_svm", "xgboost"),
                outcome.metrics().stream().map(ModelMetrics::model).collect(Collectors.toSet()));
        for (ModelMetrics m : outcome.metrics()) {
            assertEquals(2_233, m.testRows(), m.model());
            assertEquals(8_929, m.trainRows(), m.model());
            assertEquals(m.testRows(), m.tp() + m.fp() + m.tn() + m.fn(), m.model());
            assertTrue(m.aucRoc() > 0.80 && m.aucRoc() < 0.98, m.model() + " AUC-ROC " + m.aucRoc());
            assertTrue(m.aucPr() > m.baseRate(), m.model() + " beats a random ranking");
        }
        ModelMetrics champion = outcome.champion();
        ModelMetrics bestOnValidation = outcome.metrics().stream()
                .max(Comparator.comparingDouble(ModelMetrics::validationAucPr)).orElseThrow();
        assertEquals(bestOnValidation.model(), champion.model(), "the champion is chosen on validation, not on test");
        assertEquals(1, outcome.metrics().stream().filter(ModelMetrics::isChampion).count());
    }

    @Test
    void reportedAucIsTheAucOfThePredictedProbabilities() {
        Dataset<Row> preds = TrainingFixtures.spark().read().parquet(out.predictions()).filter("run_id = 'r1'");
        assertEquals(2_233, preds.count());
        List<Row> rows = preds.select("score", "actual").collectAsList();
        double auc = mannWhitneyAuc(rows);
        assertEquals(outcome.champion().aucRoc(), auc, 1e-9);
    }

    /** AUC-ROC computed independently: the share of (yes, no) pairs ranked right, ties counting half. */
    static double mannWhitneyAuc(List<Row> scoreAndActual) {
        List<Row> sorted = scoreAndActual.stream().sorted(Comparator.comparingDouble(r -> r.getDouble(0))).toList();
        double rankSumPos = 0;
        long pos = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).getDouble(0) == sorted.get(i).getDouble(0)) {
                j++;
            }
            double avgRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (sorted.get(k).getBoolean(1)) {
                    rankSumPos += avgRank;
                    pos++;
                }
            }
            i = j;
        }
        long neg = sorted.size() - pos;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    @Test
    void predictionsJoinBackToTheInputByRecordId() {
        Dataset<Row> preds = TrainingFixtures.spark().read().parquet(out.predictions()).filter("run_id = 'r1'");
        Dataset<Row> input = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString());
        Dataset<Row> joined = preds.join(input, BankSchema.RECORD_ID);
        assertEquals(2_233, joined.count());
        assertEquals(0, joined.filter(col("actual").notEqual(col(BankSchema.DEPOSIT))).count());
    }

    @Test
    void metricsAreWrittenAsJsonAndParquetHistory() throws Exception {
        JsonNode json = Json.read(Files.readString(Path.of(out.metrics(), "deposit/runs/r1/metrics.json")));
        assertEquals(7, json.size());
        for (String field : List.of("run_id", "label", "model", "is_champion", "auc_roc", "auc_pr", "accuracy",
                "precision", "recall", "f1", "tp", "fp", "tn", "fn", "threshold", "train_rows", "test_rows",
                "train_seconds", "hyper_parameters")) {
            assertTrue(json.get(0).has(field), "metrics.json lacks " + field);
        }
        Dataset<Row> history = TrainingFixtures.spark().read().parquet(Path.of(out.metrics(), "history").toString());
        assertEquals(7, history.filter("run_id = 'r1' and label = 'deposit'").count());
        String html = Files.readString(Path.of(out.metrics(), "deposit/runs/r1/report.html"));
        assertTrue(html.contains("Champion: " + outcome.champion().model()), "report names the champion");
        assertTrue(html.contains("data:image/png;base64,"), "report embeds its charts");
    }

    @Test
    void theSavedChampionLoadsAndPredictsExactlyTheSame() {
        ModelStore store = new ModelStore(new dev.bankml.jobs.Storage(TrainingFixtures.spark().sparkContext().hadoopConfiguration()),
                out.models());
        ChampionPointer pointer = store.champion("deposit").orElseThrow();
        assertEquals("r1", pointer.runId());
        assertEquals(outcome.champion().model(), pointer.model());
        PipelineModel loaded = store.load(pointer, true);
        Dataset<Row> preds = TrainingFixtures.spark().read().parquet(out.predictions()).filter("run_id = 'r1'")
                .select(BankSchema.RECORD_ID, "score");
        Dataset<Row> input = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString());
        Algorithm algorithm = Algorithm.parseList(List.of(pointer.model())).get(0);
        Dataset<Row> rescored = loaded.transform(input.join(preds.select(BankSchema.RECORD_ID), BankSchema.RECORD_ID))
                .select(col(BankSchema.RECORD_ID), Scores.of(algorithm).alias("rescored"));
        Dataset<Row> both = preds.join(rescored, BankSchema.RECORD_ID);
        assertEquals(2_233, both.count());
        assertEquals(0, both.filter("abs(score - rescored) > 1e-12").count());
    }
}
