package dev.bankml.training;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.GlueJob;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.JobMain;
import dev.bankml.jobs.PipelineMetrics;
import dev.bankml.jobs.SparkSessions;
import dev.bankml.jobs.Storage;
import dev.bankml.training.report.ChartRenderer;
import dev.bankml.workflow.Arg;
import dev.bankml.workflow.MetricNames;

/**
 * Glue job 2: trains, tunes and evaluates the candidates (six MLlib classifiers and XGBoost) on the
 * cleaned data, keeps the best as champion (by validation AUC-PR), and writes the model, the metrics
 * (JSON, Parquet history, HTML report) and the champion's test-split predictions.
 */
public final class TrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);
    /** A test AUC-ROC this high on this kind of data means the label leaked into the features. */
    public static final double LEAKAGE_AUC = 0.999;

    private TrainingJob() {
    }

    /** The job, as its main, the local runner and the benchmark call it. */
    public static final GlueJob<TrainingOutcome> JOB = GlueJob.of("training", TrainingConfig.USAGE, TrainingConfig::from,
            args -> args.has(Arg.SOURCE_TABLE), TrainingJob::execute, TrainingJob::summary);

    public static void main(String[] argv) throws Exception {
        JobMain.run(JOB, "bankml-training", argv);
    }

    private static String summary(TrainingOutcome r) {
        return String.format(java.util.Locale.ROOT, "%d models; champion %s (%s)", r.metrics().size(),
                r.champion().model(), r.gate().promoted() ? "promoted" : "NOT promoted");
    }

    public static TrainingOutcome execute(SparkSession spark, GlueArgs args) {
        TrainingConfig config = TrainingConfig.from(args);
        SparkSessions.configureS3(spark.sparkContext().hadoopConfiguration(), args);
        // On a cluster, GBT checkpoints must go to shared storage: Glue's --TempDir.
        args.optional("TempDir").ifPresent(tmp -> spark.sparkContext().setCheckpointDir(
                Storage.join(new Storage(spark.sparkContext().hadoopConfiguration()).resolve(tmp),
                        "bankml-checkpoints/" + config.runId())));
        return run(spark, config);
    }

    public static TrainingOutcome run(SparkSession spark, TrainingConfig config) {
        return run(spark, config, ChartRenderer.xchart());
    }

    /** The job: read, split, encode, train every candidate, guard, choose, gate, save, write, promote, report. */
    static TrainingOutcome run(SparkSession spark, TrainingConfig config, ChartRenderer charts) {
        long t0 = System.nanoTime();
        StageTimes times = new StageTimes();
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        String label = config.label();
        ensureCheckpointDir(spark);
        LOG.info("Training run {} on {}: label '{}', features {}{}, models {}, tuning {}", config.runId(),
                config.source().describe(), label, config.features().inputColumns(),
                config.features().excluded().isEmpty() ? "" : " (excluded: " + config.features().excluded() + ")",
                config.algorithms().stream().map(Algorithm::id).toList(), tuningName(config));

        TrainingSplit split = TrainingSplit.of(load(spark, storage, config), label, config.testFraction(), config.seed(),
                config.tuning());
        double[] weights = split.classWeights();
        LOG.info("Split {} labelled rows: train {} ({} yes), test {} ({} yes); class weights no={} yes={}; tuning "
                        + "validation {}", split.trainRows() + split.testRows(), split.trainRows(), split.trainYes(),
                split.testRows(), split.testYes(), round(weights[0]), round(weights[1]), split.scheme().name());
        times.lap("read and split");

        Map<FeatureView, EncodedData> encoded = EncodedData.encode(config.features(), config.algorithms(),
                split.train(), split.test(), split.trainRows(), spark.sparkContext().defaultParallelism());
        times.lap("encode");
        List<ModelResult> results = new ParallelTrainer(config.tuning(), split.trainRows(), split.scheme(),
                config.seed(), config.parallelism()).trainAll(config.algorithms(), encoded);
        times.lap("tune, fit and evaluate");
        guardAgainstLeakage(label, results);

        ModelResult champion = results.stream()
                .max(Comparator.comparingDouble(r -> r.tuning().validationAucPr())).orElseThrow();
        EncodedData championData = encoded.get(champion.algorithm().view());
        ModelStore store = new ModelStore(storage, config.modelPath());
        GateDecision gate = new QualityGate(store, label, config.promotionMargin())
                .decide(champion.test().aucPr(), championData.rawTest());
        LOG.info("Champion: {} (validation AUC-PR {}, test AUC-ROC {}, test AUC-PR {}); {}", champion.algorithm().id(),
                round(champion.tuning().validationAucPr()), round(champion.test().aucRoc()),
                round(champion.test().aucPr()), gate.reason());
        times.lap("quality gate");

        String createdAt = Instant.now().toString();
        ChampionPointer descriptor = new ChampionPointer(config.runId(), label, champion.algorithm().id(),
                store.runDir(label, config.runId(), champion.algorithm().id()), champion.algorithm().scoreType(),
                champion.test().threshold(), config.features().inputColumns(), config.features().excluded(),
                champion.test().aucRoc(), champion.test().aucPr(), champion.tuning().validationAucPr(), createdAt);
        store.save(champion.pipeline(), descriptor);
        times.lap("save model");

        ModelMetrics.Run run = new ModelMetrics.Run(config.runId(), label, split.trainRows(), tuningName(config),
                split.scheme().name(), config.seed(), config.features().inputColumns(), config.features().excluded(),
                createdAt);
        List<ModelMetrics> metrics = results.stream()
                .map(r -> ModelMetrics.of(run, r, ModelMetrics.Role.of(r == champion, gate.promoted())))
                .toList();
        TrainingOutputs outputs = new TrainingOutputs(storage, config);
        outputs.writePredictions(spark, champion, championData.test());
        outputs.writeMetrics(spark, metrics);
        if (gate.promoted()) {
            store.promote(descriptor);
        }
        split.unpersist();
        encoded.values().forEach(EncodedData::unpersist);
        times.lap("predictions, metrics, promotion");

        TrainingOutcome outcome = new TrainingOutcome(config.runId(), label, metrics, results, gate,
                Storage.join(store.labelRoot(label), descriptor.modelDir()), outputs.runDir(),
                (System.nanoTime() - t0) / 1e9);
        // The report comes last: the model, the metrics and the pointer never wait for (or fail with) it.
        outputs.writeCurvesAndReport(outcome, config.cleaningReport(), charts);
        times.lap("report");
        config.metrics().publish(PipelineMetrics.values(
                MetricNames.CHAMPION_AUC_ROC, outcome.champion().aucRoc(),
                MetricNames.CHAMPION_AUC_PR, outcome.champion().aucPr(),
                MetricNames.CHAMPION_MARGIN, gate.margin(),
                MetricNames.MODEL_PROMOTED, gate.promoted() ? 1 : 0,
                MetricNames.TRAINING_ROWS, split.trainRows(),
                MetricNames.TRAINING_SECONDS, outcome.seconds()), true);
        LOG.info("Training run {} done in {} s ({}): model {}, metrics {}, report {}", config.runId(),
                round(outcome.seconds()), times, outcome.modelDir(), outputs.runDir(), outputs.reportFile());
        return outcome;
    }

    /** Wall time of each stage of the job, for the log: where the seconds go. */
    private static final class StageTimes {
        private final Map<String, Double> seconds = new LinkedHashMap<>();
        private long last = System.nanoTime();

        void lap(String stage) {
            long now = System.nanoTime();
            seconds.put(stage, (now - last) / 1e9);
            last = now;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            seconds.forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f s", v)));
            return b.toString();
        }
    }

    private static String tuningName(TrainingConfig config) {
        return config.tuning().name().toLowerCase(Locale.ROOT);
    }

    /** Refuses results that only leakage can explain, before anything is written. */
    static void guardAgainstLeakage(String label, List<ModelResult> results) {
        for (ModelResult r : results) {
            if (r.test().aucRoc() >= LEAKAGE_AUC) {
                throw new JobFailedException(String.format(Locale.ROOT,
                        "%s reached a test AUC-ROC of %.4f for label '%s'. Real bank data does not allow that: the label "
                                + "(or something derived from it) has most likely leaked into the features. Nothing was "
                                + "saved or promoted; check --exclude_features and the input columns.",
                        r.algorithm().id(), r.test().aucRoc(), label));
            }
        }
    }

    /**
     * The rows a run with this configuration trains and tests on: the source's columns plus {@code label}
     * (1.0 = yes) and {@code is_test}. Peer benchmarks fit on exactly these rows (bench/peer_models.sh).
     */
    public static Dataset<Row> splitRows(SparkSession spark, TrainingConfig config) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        return TrainingSplit.marked(load(spark, storage, config), config.label(), config.testFraction(), config.seed());
    }

    private static Dataset<Row> load(SparkSession spark, Storage storage, TrainingConfig config) {
        List<String> needed = new ArrayList<>(config.features().inputColumns());
        needed.add(config.label());
        needed.add(BankSchema.RECORD_ID);
        Dataset<Row> data = config.source().read(spark, storage, needed);
        List<String> have = List.of(data.columns());
        // Keep every bank column, excluded ones too: the previous champion may read them when the quality
        // gate scores it on this run's test rows. Exclusion is the feature set's business, not the data's.
        List<String> kept = new ArrayList<>(List.of(BankSchema.RECORD_ID));
        BankSchema.columnNames().stream().filter(have::contains).forEach(kept::add);
        return data.select(kept.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
    }

    private static void ensureCheckpointDir(SparkSession spark) {
        if (spark.sparkContext().getCheckpointDir().isEmpty()) {
            try {
                spark.sparkContext().setCheckpointDir(Files.createTempDirectory("bankml-checkpoints").toUri().toString());
            } catch (IOException e) {
                LOG.warn("No checkpoint directory ({}); long GBT runs may overflow the stack", e.getMessage());
            }
        }
    }

    static String round(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }

}
