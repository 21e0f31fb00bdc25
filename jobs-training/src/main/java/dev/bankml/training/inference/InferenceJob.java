package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobMain;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.PartitionPublisher;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.PipelineMetrics;
import dev.bankml.jobs.Storage;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.data.PredictionColumns;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Settings;

/**
 * Scores cleaned data with a stored model (the label's champion, or a named run's). The label
 * column is optional; unseen category values still get a prediction; rows missing a feature the
 * model reads are quarantined with a reason instead of being dropped. Output partitions
 * ({@code label=L/batch_id=B}) are replaced per run, so scoring the same data twice gives the same
 * output.
 */
public final class InferenceJob {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceJob.class);
    static final String NO_BATCH = "none";

    private InferenceJob() {
    }

    /** The job, as its main, the local runner and the benchmark call it. */
    public static final PipelineJob<InferenceConfig, InferenceReport> JOB = PipelineJob.of(JobKind.INFERENCE,
            InferenceConfig.USAGE, InferenceConfig::from, config -> config.source().table().isPresent(), InferenceJob::run,
            InferenceJob::summary);

    public static void main(String[] argv) throws Exception {
        JobMain.run(JOB, argv);
    }

    private static String summary(InferenceReport r) {
        return String.format(java.util.Locale.ROOT, "%,d rows scored (%.1f%% predicted yes), %,d not scorable",
                r.rowsScored(), 100 * r.positiveShare(), r.rowsRejected());
    }

    public static InferenceReport run(SparkSession spark, InferenceConfig config) {
        config.context().applyTo(spark);
        long t0 = System.nanoTime();
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        ModelStore store = new ModelStore(storage, config.modelPath());
        ChampionPointer model = config.modelRun().map(r -> store.ofRun(config.label(), r))
                .orElseGet(() -> store.champion(config.label()).orElseThrow(() -> new JobConfigurationException(
                        "no champion model for label '" + config.label() + "' under " + store.labelRoot(config.label())
                                + ": run the training job first (or give " + Settings.MODEL_RUN.flag() + ")")));
        LOG.info("Scoring {} with {} of run {} (threshold {})", config.source().describe(), model.model(), model.runId(),
                model.threshold());
        PipelineModel pipeline = store.load(model, config.modelRun().isEmpty());

        Dataset<Row> input = load(spark, storage, config, model);
        Dataset<Row> checked = withMissingFeatureReasons(input, model.features()).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> scorable = checked.filter(size(col(BankSchema.REASONS)).equalTo(0));
        Dataset<Row> rejected = checked.filter(size(col(BankSchema.REASONS)).gt(0))
                .select(col(BankSchema.RECORD_ID), col(BankSchema.REASONS), col(BankSchema.BATCH_ID));

        Algorithm algorithm = Algorithm.parseList(List.of(model.model())).get(0);
        Dataset<Row> scored = pipeline.transform(scorable)
                .withColumn(TrainingColumns.SCORE, Scores.of(algorithm))
                .select(predictionColumns(config, model, algorithm, List.of(input.columns()).contains(config.label())))
                .persist(StorageLevel.MEMORY_AND_DISK());

        Map<String, Long> scoredPerBatch = new LinkedHashMap<>();
        long yes = 0;
        for (Row r : scored.groupBy(BankSchema.BATCH_ID)
                .agg(count(lit(1)), sum(when(col(PredictionColumns.PREDICTED), 1L).otherwise(0L)))
                .orderBy(BankSchema.BATCH_ID).collectAsList()) {
            scoredPerBatch.put(r.getString(0), r.getLong(1));
            yes += r.getLong(2);
        }
        Map<String, Long> rejectedPerBatch = countsPerBatch(rejected);
        Set<String> batches = new java.util.TreeSet<>(scoredPerBatch.keySet());
        batches.addAll(rejectedPerBatch.keySet());
        long rowsScored = scoredPerBatch.values().stream().mapToLong(Long::longValue).sum();
        long rowsRejected = rejectedPerBatch.values().stream().mapToLong(Long::longValue).sum();

        String outputRoot = Storage.join(storage.resolve(config.outputPath()), "label=" + config.label());
        String rejectedRoot = Storage.join(storage.resolve(config.rejectedPath()), "label=" + config.label());
        PartitionPublisher.replacePartitions(scored, outputRoot, batches, scoredPerBatch.keySet(), rowsScored,
                BankSchema.RECORD_ID, storage);
        PartitionPublisher.replacePartitions(rejected, rejectedRoot, batches, rejectedPerBatch.keySet(), rowsRejected,
                BankSchema.RECORD_ID, storage);
        checked.unpersist();
        scored.unpersist();

        InferenceReport report = new InferenceReport("inference", config.runId(), config.label(), model.runId(),
                model.model(), model.threshold(), config.source().describe(), outputRoot, rejectedRoot, rowsScored + rowsRejected,
                rowsScored, rowsRejected, yes, rowsScored == 0 ? 0.0 : (double) yes / rowsScored,
                (System.nanoTime() - t0) / 1e9);
        String json = Json.write(report);
        String reports = Storage.join(storage.resolve(config.outputPath()), "_reports");
        storage.writeString(Storage.join(reports, "inference-" + config.label() + "-" + config.runId() + ".json"), json);
        storage.writeString(Storage.join(reports, "latest-" + config.label() + ".json"), json);
        config.context().metrics().publish(PipelineMetrics.values(
                MetricNames.ROWS_SCORED, rowsScored,
                MetricNames.POSITIVE_SHARE, report.positiveShare(),
                MetricNames.SCORING_REJECTED, rowsRejected), true);
        LOG.info("Scored {} rows ({} predicted yes, {}%), {} could not be scored; predictions at {}", rowsScored, yes,
                String.format(java.util.Locale.ROOT, "%.1f", 100 * report.positiveShare()), rowsRejected, outputRoot);
        return report;
    }

    /** Adds {@code reasons}: one {@code MISSING_FEATURE:col} per feature the model reads that is null. */
    static Dataset<Row> withMissingFeatureReasons(Dataset<Row> input, List<String> features) {
        List<Column> checks = new ArrayList<>();
        for (String f : features) {
            checks.add(when(col(f).isNull(), lit("MISSING_FEATURE:" + f)));
        }
        Column reasons = filter(array(checks.toArray(Column[]::new)), Column::isNotNull);
        return input.withColumn(BankSchema.REASONS, reasons);
    }

    private static Column[] predictionColumns(InferenceConfig config, ChampionPointer model, Algorithm algorithm,
                                              boolean hasLabel) {
        return new Column[] {
            col(BankSchema.RECORD_ID),
            algorithm.hasProbability() ? col(TrainingColumns.SCORE).alias(PredictionColumns.PROBABILITY_YES)
                    : lit(null).cast(DataTypes.DoubleType).alias(PredictionColumns.PROBABILITY_YES),
            col(TrainingColumns.SCORE),
            col(TrainingColumns.SCORE).geq(model.threshold()).alias(PredictionColumns.PREDICTED),
            (hasLabel ? col(config.label()) : lit(null).cast(DataTypes.BooleanType)).alias(PredictionColumns.ACTUAL),
            lit(model.model()).alias(PredictionColumns.MODEL),
            lit(model.runId()).alias(PredictionColumns.MODEL_RUN_ID),
            lit(config.runId()).alias(PredictionColumns.SCORING_RUN_ID),
            col(BankSchema.BATCH_ID)
        };
    }

    private static Dataset<Row> load(SparkSession spark, Storage storage, InferenceConfig config, ChampionPointer model) {
        List<String> needed = new ArrayList<>(model.features());
        needed.add(BankSchema.RECORD_ID);
        Dataset<Row> data = config.source().read(spark, storage, needed);
        List<String> have = List.of(data.columns());
        if (!have.contains(BankSchema.BATCH_ID)) {
            data = data.withColumn(BankSchema.BATCH_ID, lit(NO_BATCH));
        }
        return data;
    }

    private static Map<String, Long> countsPerBatch(Dataset<Row> rows) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : rows.groupBy(BankSchema.BATCH_ID).count().orderBy(BankSchema.BATCH_ID).collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }
}
