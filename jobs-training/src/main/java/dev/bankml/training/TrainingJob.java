package dev.bankml.training;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
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
import dev.bankml.workflow.Arg;
import dev.bankml.workflow.MetricNames;

/**
 * Glue job 2: trains, tunes and evaluates the six classifiers on the cleaned data, keeps the best as
 * champion (by validation AUC-PR), and writes the model, the metrics (JSON, Parquet history, HTML
 * report) and the champion's test-split predictions.
 */
public final class TrainingJob implements GlueJob<TrainingOutcome> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);
    /** A test AUC-ROC this high on this kind of data means the label leaked into the features. */
    public static final double LEAKAGE_AUC = 0.999;

    private TrainingJob() {
    }

    /** The job, as callers that take any job see it. */
    public static final TrainingJob JOB = new TrainingJob();

    public static void main(String[] argv) throws Exception {
        JobMain.run(JOB, "bankml-training", argv);
    }

    @Override
    public String name() {
        return "training";
    }

    @Override
    public String usage() {
        return TrainingConfig.USAGE;
    }

    @Override
    public void validate(GlueArgs args) {
        TrainingConfig.from(args);
    }

    @Override
    public boolean usesCatalog(GlueArgs args) {
        return args.has(Arg.SOURCE_TABLE);
    }

    @Override
    public TrainingOutcome run(SparkSession spark, GlueArgs args) {
        return execute(spark, args);
    }

    @Override
    public String summary(TrainingOutcome t) {
        return String.format(java.util.Locale.ROOT, "%d models; champion %s (%s)", t.metrics().size(),
                t.champion().model(), t.gate().promoted() ? "promoted" : "NOT promoted");
    }

    /** The job body for a caller that already has a session (the local runner): arguments as on Glue. */
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
        long t0 = System.nanoTime();
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        String label = config.label();
        ensureCheckpointDir(spark);
        LOG.info("Training run {} on {}: label '{}', features {}{}, models {}, tuning {}", config.runId(), config.source().describe(), label,
                config.features().inputColumns(),
                config.features().excluded().isEmpty() ? "" : " (excluded: " + config.features().excluded() + ")",
                config.algorithms().stream().map(Algorithm::id).toList(), config.tuning().name().toLowerCase(Locale.ROOT));

        Dataset<Row> source = load(spark, storage, config);
        Dataset<Row> split = LabeledData.markTestSplit(LabeledData.withLabel(source, label), config.testFraction(),
                config.seed()).cache();
        Map<String, Long> counts = splitCounts(split);
        long trainNeg = counts.getOrDefault("train/0", 0L);
        long trainPos = counts.getOrDefault("train/1", 0L);
        long testRows = counts.getOrDefault("test/0", 0L) + counts.getOrDefault("test/1", 0L);
        requireBothClasses(label, trainNeg, trainPos, counts.getOrDefault("test/1", 0L));
        double[] classWeights = LabeledData.classWeights(trainNeg, trainPos);
        ValidationScheme scheme = ValidationScheme.choose(config.tuning(), Math.min(trainNeg, trainPos));
        LOG.info("Split {} labelled rows: train {} ({} yes), test {} ({} yes); class weights no={} yes={}; tuning "
                        + "validation {}", trainNeg + trainPos + testRows, trainNeg + trainPos, trainPos, testRows,
                counts.getOrDefault("test/1", 0L), round(classWeights[0]), round(classWeights[1]), scheme.name());

        Dataset<Row> train = LabeledData.withWeights(
                LabeledData.withFolds(split.filter(col(LabeledData.IS_TEST).equalTo(false)), scheme.folds(),
                        config.seed()), classWeights);
        Dataset<Row> test = split.filter(col(LabeledData.IS_TEST).equalTo(true));

        Map<FeatureView, EncodedData> encoded = encode(spark, config, train, test);
        List<ModelResult> results = trainAll(config, scheme, encoded);
        split.unpersist();
        guardAgainstLeakage(label, results);

        ModelResult champion = results.stream()
                .max(Comparator.comparingDouble(r -> r.tuning().validationAucPr())).orElseThrow();
        ModelStore store = new ModelStore(storage, config.modelPath());
        GateDecision gate = gate(store, config, champion, encoded.get(champion.algorithm().view()));
        LOG.info("Champion: {} (validation AUC-PR {}, test AUC-ROC {}, test AUC-PR {}); {}", champion.algorithm().id(),
                round(champion.tuning().validationAucPr()), round(champion.test().aucRoc()), round(champion.test().aucPr()),
                gate.reason());

        String createdAt = Instant.now().toString();
        ChampionPointer descriptor = new ChampionPointer(config.runId(), label, champion.algorithm().id(),
                store.runDir(label, config.runId(), champion.algorithm().id()),
                champion.algorithm().hasProbability() ? "probability" : "margin", champion.test().threshold(),
                config.features().inputColumns(), config.features().excluded(), champion.test().aucRoc(),
                champion.test().aucPr(), champion.tuning().validationAucPr(), createdAt);
        store.save(champion.pipeline(), descriptor);

        long trainRows = trainNeg + trainPos;
        List<ModelMetrics> metrics = results.stream()
                .map(r -> metrics(config, scheme, r, r == champion, r == champion && gate.promoted(), trainRows, createdAt))
                .toList();
        TrainingOutputs outputs = new TrainingOutputs(storage, config);
        outputs.writePredictions(spark, champion, encoded.get(champion.algorithm().view()).test());
        outputs.writeMetrics(spark, metrics);
        TrainingOutcome outcome = new TrainingOutcome(config.runId(), label, metrics, results, gate,
                Storage.join(store.labelRoot(label), descriptor.modelDir()), outputs.runDir(),
                (System.nanoTime() - t0) / 1e9);
        outputs.writeCurvesAndReport(outcome, config.cleaningReport());
        if (gate.promoted()) {
            store.promote(descriptor);
        }
        encoded.values().forEach(EncodedData::unpersist);
        ModelMetrics best = outcome.champion();
        config.metrics().publish(PipelineMetrics.values(
                MetricNames.CHAMPION_AUC_ROC, best.aucRoc(),
                MetricNames.CHAMPION_AUC_PR, best.aucPr(),
                MetricNames.CHAMPION_MARGIN, gate.margin(),
                MetricNames.MODEL_PROMOTED, gate.promoted() ? 1 : 0,
                MetricNames.TRAINING_ROWS, trainRows,
                MetricNames.TRAINING_SECONDS, outcome.seconds()), true);
        LOG.info("Training run {} done in {} s: model {}, metrics {}, report {}", config.runId(),
                round(outcome.seconds()), outcome.modelDir(), outputs.runDir(), outputs.reportFile());
        return outcome;
    }

    /** The encoded training and test rows of one feature view, with the fitted feature pipeline. */
    record EncodedData(PipelineModel featureModel, Dataset<Row> train, Dataset<Row> test, Dataset<Row> rawTest) {
        void unpersist() {
            train.unpersist();
            test.unpersist();
        }
    }

    private static Map<FeatureView, EncodedData> encode(SparkSession spark, TrainingConfig config, Dataset<Row> train,
                                                        Dataset<Row> test) {
        int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
        Map<FeatureView, EncodedData> out = new EnumMap<>(FeatureView.class);
        for (Algorithm a : config.algorithms()) {
            out.computeIfAbsent(a.view(), view -> {
                PipelineModel fm = FeaturePipelines.build(config.features(), view).fit(train);
                Dataset<Row> tr = fm.transform(train)
                        .select(col(BankSchema.RECORD_ID), col(FeaturePipelines.FEATURES), col(LabeledData.LABEL),
                                col(Tuning.WEIGHT), col(LabeledData.FOLD))
                        .repartition(partitions).cache();
                Dataset<Row> te = fm.transform(test)
                        .select(col(BankSchema.RECORD_ID), col(FeaturePipelines.FEATURES), col(LabeledData.LABEL))
                        .repartition(partitions).cache();
                tr.count();
                te.count();
                return new EncodedData(fm, tr, te, test);
            });
        }
        return out;
    }

    /** Tunes, refits and evaluates every algorithm, the slow ones first, {@code parallelism} at a time. */
    private static List<ModelResult> trainAll(TrainingConfig config, ValidationScheme scheme,
                                              Map<FeatureView, EncodedData> encoded) {
        List<Algorithm> order = new ArrayList<>(config.algorithms());
        order.sort(Comparator.comparingInt(TrainingJob::expectedCost).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, config.parallelism()));
        try {
            Map<Algorithm, Future<ModelResult>> futures = new LinkedHashMap<>();
            for (Algorithm a : order) {
                futures.put(a, pool.submit(() -> trainOne(config, scheme, a, encoded.get(a.view()))));
            }
            List<ModelResult> results = new ArrayList<>();
            for (Algorithm a : config.algorithms()) {
                results.add(futures.get(a).get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static int expectedCost(Algorithm a) {
        return switch (a) {
            case GRADIENT_BOOSTED_TREES -> 5;
            case RANDOM_FOREST -> 4;
            case DECISION_TREE -> 3;
            case LINEAR_SVM -> 2;
            case LOGISTIC_REGRESSION -> 1;
            case NAIVE_BAYES -> 0;
        };
    }

    private static ModelResult trainOne(TrainingConfig config, ValidationScheme scheme, Algorithm algorithm,
                                        EncodedData data) {
        long t0 = System.nanoTime();
        Tuning.Result tuned = Tuning.tune(algorithm, data.train(), config.tuning(), scheme, config.seed(), 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Dataset<Row> scored = tuned.model().transform(data.test())
                .select(col(BankSchema.RECORD_ID), Scores.of(algorithm).alias(Scores.SCORE), col(LabeledData.LABEL))
                .cache();
        BinaryMetrics test = BinaryMetrics.evaluate(scored, tuned.threshold());
        BinaryMetrics.Curves curves = BinaryMetrics.curves(scored, 100);
        scored.unpersist();
        // Both stages are fitted already (features on the training split, the classifier by tuning): with
        // only transformers as stages, Pipeline.fit just assembles them into one saveable PipelineModel.
        PipelineModel pipeline = new Pipeline()
                .setStages(new PipelineStage[] {data.featureModel(), tuned.model()})
                .fit(data.rawTest());
        LOG.info("  {}: test AUC-ROC {}, AUC-PR {}, F1 {} (validation AUC-PR {}, {} s) {}", algorithm.id(),
                round(test.aucRoc()), round(test.aucPr()), round(test.f1()), round(tuned.validationAucPr()),
                round(seconds), tuned.hyperParameters());
        return new ModelResult(algorithm, tuned, pipeline, test, curves, FeatureWeights.kind(tuned.model()),
                FeatureWeights.top(tuned.model(), data.train().schema().apply(FeaturePipelines.FEATURES), 15), seconds);
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

    private static GateDecision gate(ModelStore store, TrainingConfig config, ModelResult champion, EncodedData data) {
        double newPr = champion.test().aucPr();
        Optional<ChampionPointer> previous = store.champion(config.label());
        if (previous.isEmpty()) {
            return GateDecision.firstRun(newPr);
        }
        ChampionPointer p = previous.get();
        try {
            PipelineModel old = store.load(p);
            Algorithm oldAlgorithm = Algorithm.parseList(List.of(p.model())).get(0);
            Dataset<Row> scored = old.transform(data.rawTest())
                    .select(Scores.of(oldAlgorithm).alias(Scores.SCORE), col(LabeledData.LABEL));
            return GateDecision.compare(p, BinaryMetrics.aucPr(scored), newPr, config.promotionMargin());
        } catch (RuntimeException e) {
            LOG.warn("The previous champion (run {}) cannot score this run's test rows ({}); promoting the new one",
                    p.runId(), e.getMessage());
            return new GateDecision(p.runId(), p.model(), Double.NaN, newPr, 0.0, true,
                    "previous champion could not be scored on this data: " + e.getMessage());
        }
    }

    private static ModelMetrics metrics(TrainingConfig config, ValidationScheme scheme, ModelResult r, boolean champion,
                                        boolean promoted, long trainRows, String createdAt) {
        BinaryMetrics t = r.test();
        Map<String, String> hp = new LinkedHashMap<>();
        r.tuning().hyperParameters().forEach((k, v) -> hp.put(k, String.valueOf(v)));
        return new ModelMetrics(config.runId(), config.label(), r.algorithm().id(), champion, promoted, t.aucRoc(),
                t.aucPr(), t.accuracy(), t.precision(), t.recall(), t.f1(), t.tp(), t.fp(), t.tn(), t.fn(), t.threshold(),
                r.algorithm().hasProbability() ? "probability" : "margin", t.baseRate(), r.tuning().validationAucPr(),
                r.tuning().validationAucRoc(), trainRows, t.rows(), r.trainSeconds(),
                config.tuning().name().toLowerCase(Locale.ROOT), scheme.name(), config.seed(), hp,
                config.features().inputColumns(),
                config.features().excluded(), createdAt);
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

    private static Map<String, Long> splitCounts(Dataset<Row> split) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : split.groupBy(LabeledData.IS_TEST, LabeledData.LABEL).count().collectAsList()) {
            out.put((r.getBoolean(0) ? "test/" : "train/") + (int) r.getDouble(1), r.getLong(2));
        }
        return out;
    }

    private static void requireBothClasses(String label, long neg, long pos, long testPos) {
        if (pos < 10 || neg < 10 || testPos < 1) {
            throw new JobFailedException("label '" + label + "' has " + pos + " yes and " + neg + " no rows for training ("
                    + testPos + " yes in the test split): too few to train and evaluate a classifier; more data is needed");
        }
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
