package dev.bankml.training;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.evaluation.Reasons;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.workflow.catalog.OutputTables;

/** One fast training run of all seven candidates on the sample ({@link TrainedSample}), and everything it wrote. */
class TrainingJobTest {
    private static TrainingFixtures.Outputs out;
    private static TrainingOutcome outcome;

    @BeforeAll
    static void train() {
        outcome = TrainedSample.outcome();
        out = TrainedSample.outputs();
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
            // What the bank knows before it dials (the sample's published figures: 0.74 to 0.79 on these rows).
            assertTrue(m.aucRoc() > 0.70 && m.aucRoc() < 0.85, m.model() + " AUC-ROC " + m.aucRoc());
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
        OutputTableContract.assertWritesTable(OutputTables.METRICS_HISTORY, history.schema());
        assertEquals(7, history.filter("run_id = 'r1' and label = 'deposit'").count());
        String html = Files.readString(Path.of(out.metrics(), "deposit/runs/r1/report.html"));
        assertTrue(html.contains("Champion: " + outcome.champion().model()), "report names the champion");
        assertTrue(html.contains("data:image/png;base64,"), "report embeds its charts");
    }

    @Test
    void theRunReportGivesEachStagesSecondsCpuAndSparkJobs() throws Exception {
        JsonNode report = Json.read(Files.readString(Path.of(out.metrics(), "deposit/runs/r1/run-report.json")));
        assertEquals("SUCCEEDED", report.get("status").asText());
        assertEquals(outcome.champion().model(), report.get("champion").asText());
        List<String> stages = List.of("read and split", "encode", "tune, fit and evaluate", "quality gate", "save model",
                "predictions, metrics, promotion", "report");
        for (String field : List.of("stage_seconds", "stage_cpu_seconds", "stage_spark_jobs")) {
            List<String> names = new ArrayList<>();
            report.get(field).fieldNames().forEachRemaining(names::add);
            assertEquals(stages, names, field);
        }
        assertTrue(report.get("stage_spark_jobs").get("read and split").asInt() >= 1, report.toString());
        assertTrue(report.get("stage_spark_jobs").get("tune, fit and evaluate").asInt() > 7, report.toString());
        assertTrue(report.get("stage_cpu_seconds").get("tune, fit and evaluate").asDouble() > 0, report.toString());
    }

    @Test
    void theSavedChampionLoadsAndPredictsExactlyTheSame() {
        ModelStore store = new ModelStore(new Storage(TrainingFixtures.spark().sparkContext().hadoopConfiguration()),
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

    /** The test split's raw rows (the rows the written predictions are of). */
    private static Dataset<Row> rawTestRows() {
        Dataset<Row> preds = TrainingFixtures.spark().read().parquet(out.predictions()).filter("run_id = 'r1'")
                .select(BankSchema.RECORD_ID);
        return TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString())
                .join(preds, BankSchema.RECORD_ID);
    }

    @Test
    void contributionsPlusBiasAreTheMarginOnEveryTestRow() {
        Dataset<Row> raw = rawTestRows();
        Set<String> withReasons = new TreeSet<>();
        for (ModelResult r : outcome.results()) {
            Model<?> classifier = (Model<?>) r.tuning().model().copy(new ParamMap());
            if (!Reasons.available(classifier)) {
                assertEquals(Reasons.UNAVAILABLE, r.reasonsMethod(), r.algorithm().id());
                continue;
            }
            withReasons.add(r.algorithm().id());
            Reasons.prepare(classifier);
            Dataset<Row> t = classifier.transform(r.pipeline().stages()[0].transform(raw));
            Row worst = t.select(Reasons.contributions(classifier, t.schema(), r.reasonsBaseline()).orElseThrow()
                            .alias("c"), Reasons.margin(classifier).alias("m"))
                    .selectExpr("aggregate(c, 0D, (a, x) -> a + x) - m as d", "m", "size(c) as n")
                    .selectExpr("count(*)", "max(abs(d) / greatest(1D, abs(m)))", "min(n)", "max(n)",
                            "count_if(abs(d) > 1e-6)")
                    .first();
            assertEquals(2_233, worst.getLong(0), r.algorithm().id());
            int slots = AttributeGroup.fromStructField(
                    t.schema().apply(TrainingColumns.FEATURES)).size();
            assertEquals(slots + 1, worst.getInt(2), r.algorithm().id() + ": one per slot and the bias");
            assertEquals(slots + 1, worst.getInt(3), r.algorithm().id());
            if (r.algorithm() == Algorithm.XGBOOST) {
                // XGBoost computes and returns both in float32 (about 7 significant digits, each contribution a sum
                // over 100 trees): every row within 2e-6 of its margin (of 1 below a margin of 1), most within 1e-6.
                assertTrue(worst.getDouble(1) < 2e-6, "xgboost: contributions + bias - margin up to "
                        + worst.getDouble(1) + " of the margin");
                assertTrue(worst.getLong(4) < 2_233 / 4, "xgboost: rows off by more than 1e-6: " + worst.getLong(4));
            } else {
                assertTrue(worst.getDouble(1) < 1e-9, r.algorithm().id() + ": contributions + bias - margin up to "
                        + worst.getDouble(1));
            }
        }
        assertEquals(Set.of("xgboost", "logistic_regression", "linear_svm", "naive_bayes"), withReasons);
    }

    @Test
    void testPredictionsCarryCalibratedProbabilitiesAndReasonsNamedAfterTheRawColumns() {
        Dataset<Row> preds = TrainingFixtures.spark().read().parquet(out.predictions()).filter("run_id = 'r1'");
        ModelResult champ = outcome.championResult();
        List<Row> rows = preds.select("score", "probability_yes").collectAsList();
        for (Row r : rows) {
            assertEquals(champ.calibration().calibrator().apply(r.getDouble(0)), r.getDouble(1), 1e-12);
        }
        if (!Reasons.available(champ.tuning().model())) {
            assertEquals(0, preds.filter("top_reasons is not null").count());
            return;
        }
        Dataset<Row> reasons = preds.selectExpr(BankSchema.RECORD_ID, "posexplode(top_reasons) as (pos, reason)")
                .select(col(BankSchema.RECORD_ID), col("pos"), col("reason.feature").alias("feature"),
                        col("reason.value").alias("value"), col("reason.contribution").alias("contribution"));
        assertEquals(3 * 2_233, reasons.count(), "three reasons a row");
        Dataset<Row> input = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString());
        Set<String> sources = new HashSet<>(BankSchema.columnNames());
        sources.addAll(List.of("was_contacted", "day_of_year"));
        long checked = 0;
        for (Row r : reasons.join(input, BankSchema.RECORD_ID).collectAsList()) {
            String feature = r.getString(r.fieldIndex("feature"));
            assertTrue(sources.contains(feature), "named after a column: " + feature);
            if (BankSchema.columnNames().contains(feature)) {
                Object v = r.get(r.fieldIndex(feature));
                String expected = v instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(v);
                assertEquals(expected, r.getString(r.fieldIndex("value")), feature);
                checked++;
            }
        }
        assertTrue(checked > 2_233, "the values of bank columns were compared: " + checked);
        // Largest first, in size.
        for (Row r : preds.select("top_reasons").collectAsList()) {
            List<Row> top = r.getList(0);
            for (int i = 1; i < top.size(); i++) {
                assertTrue(Math.abs(top.get(i - 1).getDouble(2)) >= Math.abs(top.get(i).getDouble(2)));
            }
        }
    }

    @Test
    void liftCalibrationAndTheModelCardAreInTheMetricsTheHistoryAndTheReport() throws Exception {
        JsonNode json = Json.read(Files.readString(Path.of(out.metrics(), "deposit/runs/r1/metrics.json")));
        for (JsonNode m : json) {
            JsonNode lift = m.get("lift");
            assertEquals(10, lift.size(), m.get("model").asText());
            long rows = 0;
            long yes = 0;
            for (JsonNode d : lift) {
                rows += d.get("rows").asLong();
                yes += d.get("positives").asLong();
            }
            assertEquals(2_233, rows);
            assertEquals(m.get("tp").asLong() + m.get("fn").asLong(), yes);
            assertEquals(1.0, lift.get(9).get("captured").asDouble(), 1e-12);
            assertTrue(lift.get(0).get("cumulative_lift").asDouble() > 1.5, m.get("model").asText() + " top decile lift");
            double base = m.get("base_rate").asDouble();
            assertEquals(base / 2 + (1 - base) * m.get("auc_roc").asDouble(), m.get("alift").asDouble(), 1e-9);
            assertTrue(m.get("brier").asDouble() > 0.05 && m.get("brier").asDouble() < 0.25, m.toString());
            assertTrue(m.get("ece").asDouble() < 0.1, m.get("model").asText() + " ECE " + m.get("ece"));
            assertTrue(Set.of("platt", "isotonic").contains(m.get("calibration").asText()));
            assertTrue(m.get("auc_roc_se").asDouble() > 0.003 && m.get("auc_roc_se").asDouble() < 0.015, m.toString());
        }
        Row h = TrainingFixtures.spark().read().parquet(Path.of(out.metrics(), "history").toString())
                .filter("run_id = 'r1' and is_champion").select("alift", "brier", "ece", "calibration", "lift").first();
        ModelMetrics champ = outcome.champion();
        assertEquals(champ.alift(), h.getDouble(0), 1e-12);
        assertEquals(champ.brier(), h.getDouble(1), 1e-12);
        assertEquals(10, h.getList(4).size());

        JsonNode card = Json.read(Files.readString(Path.of(out.metrics(), "deposit/runs/r1/model-card.json")));
        assertEquals(champ.model(), card.get("model").asText());
        assertEquals(List.of("<25", "25-60", ">60"), StreamSupport.stream(card.get("by_age_band")
                .spliterator(), false).map(g -> g.get("value").asText()).toList());
        for (String groups : List.of("by_age_band", "by_job")) {
            long rows = 0;
            for (JsonNode g : card.get(groups)) {
                rows += g.get("rows").asLong();
            }
            assertEquals(2_233, rows, groups + " share out the test rows");
        }
        assertEquals(12, card.get("by_job").size(), "the sample's twelve jobs");
        double se = card.get("metrics").get("auc_roc_se").asDouble();
        assertEquals(champ.aucRoc() - 1.96 * se, card.get("metrics").get("auc_roc95").get(0).asDouble(), 1e-12);
        assertTrue(card.get("features").get("set").asText().startsWith("pre_call"), card.get("features").toString());
        assertTrue(card.get("features").get("excluded").toString().contains("\"column\":\"duration\",\"why\":\"the "
                + "length of the last call, known only after the call"), card.get("features").toString());
        assertFalse(card.get("known_limits").toString().contains("analysis model"), "it may score leads");
        assertTrue(Files.exists(Path.of(out.models(), "deposit",
                new ModelStore(new Storage(TrainingFixtures.spark().sparkContext().hadoopConfiguration()),
                        out.models()).champion("deposit").orElseThrow().modelDir(), "model-card.json")));

        String html = Files.readString(Path.of(out.metrics(), "deposit/runs/r1/report.html"));
        for (String section : List.of("Lift and gains on the test split", "Calibration on the test split",
                "Model card: " + champ.model(), "By age band", "By job", "Known limits", "alt=\"Cumulative gains curves\"",
                "alt=\"Reliability diagram of the champion\"", "<th>ALIFT</th>")) {
            assertTrue(html.contains(section), "the report has " + section);
        }
    }
}
