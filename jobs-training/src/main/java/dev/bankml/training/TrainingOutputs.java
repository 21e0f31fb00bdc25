package dev.bankml.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Failures;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;
import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.data.PredictionColumns;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.evaluation.FeatureWeights;
import dev.bankml.training.evaluation.Reasons;
import dev.bankml.training.features.EncodedData;
import dev.bankml.training.features.FeaturePipelines;
import dev.bankml.training.report.ChartRenderer;
import dev.bankml.training.report.ModelCard;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.training.report.TrainingReport;
import dev.bankml.training.report.TrainingRunReport;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The output edge of the training job. Layout under the roots given as arguments:
 * <pre>
 * metrics_path/history/label=L/run_id=R/*.parquet      one row per model per run (history, queryable)
 * metrics_path/L/runs/R/metrics.json                   the same rows as a JSON array
 * metrics_path/L/runs/R/curves.json, report.html       ROC/PR points; the HTML report
 * metrics_path/L/runs/R/model-card.json                the champion's model card (also beside the model)
 * metrics_path/L/metrics.json, report.html             copies of the latest run's
 * predictions_path/label=L/run_id=R/*.parquet          the champion's test-split predictions
 * </pre>
 * Parquet partitions are replaced per run (dynamic overwrite), so re-running a run id never
 * duplicates rows.
 */
final class TrainingOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingOutputs.class);
    private final Storage storage;
    private final TrainingConfig config;
    private final String metricsRoot;
    private final String predictionsRoot;

    TrainingOutputs(Storage storage, TrainingConfig config) {
        this.storage = storage;
        this.config = config;
        this.metricsRoot = storage.resolve(config.metricsPath());
        this.predictionsRoot = storage.resolve(config.predictionsPath());
    }

    String runDir() {
        return Storage.join(metricsRoot, config.label() + "/runs/" + config.runId());
    }

    String reportFile() {
        return Storage.join(runDir(), "report.html");
    }

    static final StructType METRICS_SCHEMA = new StructType()
            .add("model", DataTypes.StringType)
            .add("is_champion", DataTypes.BooleanType)
            .add("promoted", DataTypes.BooleanType)
            .add("auc_roc", DataTypes.DoubleType)
            .add("auc_pr", DataTypes.DoubleType)
            .add("accuracy", DataTypes.DoubleType)
            .add("precision", DataTypes.DoubleType)
            .add("recall", DataTypes.DoubleType)
            .add("f1", DataTypes.DoubleType)
            .add("tp", DataTypes.LongType)
            .add("fp", DataTypes.LongType)
            .add("tn", DataTypes.LongType)
            .add("fn", DataTypes.LongType)
            .add("threshold", DataTypes.DoubleType)
            .add("score_type", DataTypes.StringType)
            .add("base_rate", DataTypes.DoubleType)
            .add("alift", DataTypes.DoubleType)
            .add("auc_roc_se", DataTypes.DoubleType)
            .add("calibration", DataTypes.StringType)
            .add("brier_raw", DataTypes.DoubleType)
            .add("ece_raw", DataTypes.DoubleType)
            .add("brier", DataTypes.DoubleType)
            .add("ece", DataTypes.DoubleType)
            .add("reasons_method", DataTypes.StringType)
            .add("lift", DataTypes.createArrayType(new StructType()
                    .add("decile", DataTypes.IntegerType)
                    .add("rows", DataTypes.LongType)
                    .add("positives", DataTypes.LongType)
                    .add("captured", DataTypes.DoubleType)
                    .add("cumulative_lift", DataTypes.DoubleType)))
            .add("validation_auc_pr", DataTypes.DoubleType)
            .add("validation_auc_roc", DataTypes.DoubleType)
            .add("train_rows", DataTypes.LongType)
            .add("test_rows", DataTypes.LongType)
            .add("train_seconds", DataTypes.DoubleType)
            .add("tuning", DataTypes.StringType)
            .add("validation_scheme", DataTypes.StringType)
            .add("seed", DataTypes.LongType)
            .add("hyper_parameters", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
            .add("features", DataTypes.createArrayType(DataTypes.StringType))
            .add("excluded_features", DataTypes.createArrayType(DataTypes.StringType))
            .add("feature_set", DataTypes.StringType)
            .add("created_at", DataTypes.StringType)
            .add(PredictionColumns.LABEL_PARTITION, DataTypes.StringType)
            .add(PredictionColumns.RUN_ID, DataTypes.StringType);

    void writeMetrics(SparkSession spark, List<ModelMetrics> metrics) {
        List<Row> rows = metrics.stream().map(m -> RowFactory.create(m.model(), m.isChampion(), m.promoted(), m.aucRoc(),
                m.aucPr(), m.accuracy(), m.precision(), m.recall(), m.f1(), m.tp(), m.fp(), m.tn(), m.fn(),
                m.threshold(), m.scoreType(), m.baseRate(), m.alift(), m.aucRocSe(), m.calibration(), m.brierRaw(),
                m.eceRaw(), m.brier(), m.ece(), m.reasonsMethod(),
                m.lift().stream().map(d -> RowFactory.create(d.decile(), d.rows(), d.positives(), d.captured(),
                        d.cumulativeLift())).toArray(Row[]::new),
                m.validationAucPr(), m.validationAucRoc(), m.trainRows(),
                m.testRows(), m.trainSeconds(), m.tuning(), m.validationScheme(), m.seed(),
                JavaConverters.mapAsScalaMap(m.hyperParameters()), m.features().toArray(String[]::new),
                m.excludedFeatures().toArray(String[]::new), m.featureSet(), m.createdAt(), m.label(), m.runId())).toList();
        String history = Storage.join(metricsRoot, "history");
        spark.createDataFrame(rows, METRICS_SCHEMA).coalesce(1).write()
                .mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
                .partitionBy(PredictionColumns.LABEL_PARTITION, PredictionColumns.RUN_ID)
                .parquet(history);
        config.context().partitions().add(spark, WiringSettings.METRICS_TABLE, history,
                PredictionColumns.LABEL_PARTITION, config.label(), PredictionColumns.RUN_ID, List.of(config.runId()));
        String json = Json.write(metrics);
        storage.writeString(Storage.join(runDir(), "metrics.json"), json);
        storage.writeString(Storage.join(metricsRoot, config.label() + "/metrics.json"), json);
    }

    /**
     * The champion's predictions on the test split: record id, actual label, calibrated P(yes), score,
     * prediction and the row's top reasons.
     */
    void writePredictions(ModelResult champion, EncodedData data) {
        // A copy asks for the reasons' contributions, so the saved model is left as it was.
        Model<?> classifier = (Model<?>) champion.tuning().model().copy(new ParamMap());
        Reasons.prepare(classifier);
        // The raw test rows through the fitted stages: the reasons' values are the raw columns beside the features.
        Dataset<Row> scored = classifier.transform(data.featureModel().transform(data.rawTest()))
                .withColumn(TrainingColumns.SCORE, Scores.of(champion.algorithm()));
        String[] sources = FeaturePipelines.sourceColumns(config.features(), FeatureWeights.names(
                scored.schema().apply(TrainingColumns.FEATURES), AttributeGroup.fromStructField(
                        scored.schema().apply(TrainingColumns.FEATURES)).size()));
        Dataset<Row> out = scored.select(
                col(BankSchema.RECORD_ID),
                col(TrainingColumns.LABEL).equalTo(1.0).alias(PredictionColumns.ACTUAL),
                champion.calibration().calibrator().column(col(TrainingColumns.SCORE)).alias(PredictionColumns.PROBABILITY_YES),
                col(TrainingColumns.SCORE),
                col(TrainingColumns.SCORE).geq(champion.test().threshold()).alias(PredictionColumns.PREDICTED),
                Reasons.top(classifier, sources, scored.schema(), champion.reasonsBaseline()).alias(PredictionColumns.TOP_REASONS),
                lit(champion.reasonsMethod()).alias(PredictionColumns.REASONS_METHOD),
                lit(champion.algorithm().id()).alias(PredictionColumns.MODEL),
                lit(config.label()).alias(PredictionColumns.LABEL_PARTITION),
                lit(config.runId()).alias(PredictionColumns.RUN_ID));
        // repartition, not coalesce: the reasons are computed on every core, then written as one file.
        out.repartition(1).write().mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
                .partitionBy(PredictionColumns.LABEL_PARTITION, PredictionColumns.RUN_ID).parquet(predictionsRoot);
    }

    /**
     * The run report, to the run's folder and as the label's latest. It must not hide the run's own
     * outcome: a report that cannot be written is logged, not thrown.
     */
    void writeRunReport(TrainingRunReport report) {
        String json = Json.write(report);
        try {
            storage.writeString(Storage.join(runDir(), "run-report.json"), json);
            storage.writeString(Storage.join(metricsRoot, config.label() + "/latest-run-report.json"), json);
        } catch (RuntimeException e) {
            LOG.error("Could not write the training run report to {} ({}); it follows:\n{}", runDir(),
                    Failures.summary(e), json);
        }
    }

    /** curves.json and the HTML report (charts drawn by {@code charts}; without them if they cannot be drawn). */
    void writeCurvesAndReport(TrainingOutcome outcome, Optional<String> cleaningReportPath, ChartRenderer charts) {
        Map<String, Object> curves = new LinkedHashMap<>();
        for (ModelResult r : outcome.results()) {
            curves.put(r.algorithm().id(), Map.of("roc", r.curves().roc(), "pr", r.curves().pr()));
        }
        storage.writeString(Storage.join(runDir(), "curves.json"), Json.write(curves));
        String card = Json.write(ModelCard.of(outcome, config.parameters()));
        storage.writeString(Storage.join(runDir(), ModelCard.FILE), card);
        storage.writeString(Storage.join(metricsRoot, config.label() + "/" + ModelCard.FILE), card);
        Optional<String> cleaning = cleaningReportPath.flatMap(p -> storage.readString(storage.resolve(p)));
        String html = TrainingReport.render(outcome, config.parameters(), cleaning, charts);
        storage.writeString(reportFile(), html);
        storage.writeString(Storage.join(metricsRoot, config.label() + "/report.html"), html);
    }
}
