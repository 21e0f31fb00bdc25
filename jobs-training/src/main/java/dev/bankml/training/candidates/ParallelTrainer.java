package dev.bankml.training.candidates;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Supplier;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.SparkSessions;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.evaluation.Calibration;
import dev.bankml.training.evaluation.FeatureWeights;
import dev.bankml.training.evaluation.Lift;
import dev.bankml.training.evaluation.Reasons;
import dev.bankml.training.evaluation.TestRows;
import dev.bankml.training.features.EncodedData;
import dev.bankml.training.features.FeatureView;

/**
 * Tunes, refits and evaluates every algorithm on {@code parallelism} threads. Every trial (one
 * setting fitted and scored on held-out rows) is a task of its own, queued with the slow algorithms
 * first, so the cores stay busy until the last model instead of waiting for one algorithm's grid;
 * an algorithm's refit and test evaluation follow as one more task once its trials are done. Spark
 * runs the concurrent fits' jobs side by side (each is one task on small data).
 */
public final class ParallelTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ParallelTrainer.class);
    /** Refits and evaluations go before trials (see {@link WorkQueue}). */
    private static final int FOLLOW_UP = 100;
    /** Points per curve in the report and curves.json. */
    static final int CURVE_POINTS = 100;

    private final TuningBudget budget;
    private final long trainRows;
    private final ValidationScheme scheme;
    private final long seed;
    private final int parallelism;

    public ParallelTrainer(TuningBudget budget, long trainRows, ValidationScheme scheme, long seed, int parallelism) {
        this.budget = budget;
        this.trainRows = trainRows;
        this.scheme = scheme;
        this.seed = seed;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Results in the order of {@code algorithms}. */
    public List<ModelResult> trainAll(List<Algorithm> algorithms, Map<FeatureView, EncodedData> encoded) {
        List<Algorithm> slowFirst = new ArrayList<>(algorithms);
        slowFirst.sort(Comparator.comparingInt(ParallelTrainer::expectedCost).reversed());
        try (WorkQueue pool = new WorkQueue(parallelism, "bankml-trainer")) {
            Map<Algorithm, CompletableFuture<ModelResult>> futures = new EnumMap<>(Algorithm.class);
            for (Algorithm a : slowFirst) {
                futures.put(a, submit(a, encoded.get(a.view()), pool));
            }
            List<ModelResult> results = new ArrayList<>();
            for (Algorithm a : algorithms) {
                results.add(futures.get(a).join());
            }
            return results;
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Queues an algorithm's trials, then its refit and its evaluation as each becomes possible; those
     * follow-ups go before any waiting trial, the slow algorithms' first.
     */
    private CompletableFuture<ModelResult> submit(Algorithm algorithm, EncodedData data, WorkQueue pool) {
        Tuning.Task task = new Tuning.Task(algorithm, data.train(), trainRows, scheme, seed);
        DoubleAdder seconds = new DoubleAdder();
        Executor trialQueue = pool.at(expectedCost(algorithm));
        Executor followUpQueue = pool.at(FOLLOW_UP + expectedCost(algorithm));
        List<CompletableFuture<Tuning.Trial>> trials = new ArrayList<>();
        for (Map<String, Object> setting : task.grid(budget)) {
            trials.add(CompletableFuture.supplyAsync(timed(seconds, described(data, algorithm.id() + " trial",
                    () -> Tuning.trial(task, setting))), trialQueue));
        }
        return CompletableFuture.allOf(trials.toArray(CompletableFuture[]::new))
                .thenApplyAsync(done -> timed(seconds, described(data, algorithm.id() + " refit", () -> Tuning.choose(task,
                        trials.stream().map(CompletableFuture::join).toList()))).get(), followUpQueue)
                .thenApplyAsync(tuned -> described(data, algorithm.id() + " evaluate",
                        () -> evaluate(algorithm, data, tuned, seconds.sum())).get(), followUpQueue);
    }

    /** Names the Spark jobs {@code work} runs (Spark's UI and event log show which model each job is for). */
    private static <T> Supplier<T> described(EncodedData data, String what, Supplier<T> work) {
        return () -> SparkSessions.described(data.train().sparkSession().sparkContext(), "training: " + what, work);
    }

    private static <T> Supplier<T> timed(DoubleAdder seconds, Supplier<T> work) {
        return () -> {
            long t0 = System.nanoTime();
            try {
                return work.get();
            } finally {
                seconds.add((System.nanoTime() - t0) / 1e9);
            }
        };
    }

    /**
     * Test metrics, curves, weights, calibration and lift of a tuned model, and its whole saveable
     * pipeline: the test rows are scored and collected once, everything else is measured on the driver.
     */
    private static ModelResult evaluate(Algorithm algorithm, EncodedData data, Tuning.Result tuned, double seconds) {
        TestRows rows = TestRows.ofRows(tuned.model().transform(data.test())
                .select(Scores.of(algorithm).alias(TrainingColumns.SCORE), col(TrainingColumns.LABEL),
                        col(BankSchema.AGE), col(BankSchema.JOB))
                .collectAsList());
        BinaryMetrics.Ranking ranking = rows.scored().ranking();
        BinaryMetrics test = ranking.evaluate(tuned.threshold());
        Calibration calibration = Calibration.fit(tuned.validation(), rows.scored(), algorithm.hasProbability());
        // Both stages are fitted already (features on the training split, the classifier by tuning): with
        // only transformers as stages, Pipeline.fit just assembles them into one saveable PipelineModel.
        PipelineModel pipeline = new Pipeline()
                .setStages(new PipelineStage[] {data.featureModel(), tuned.model()})
                .fit(data.rawTest());
        LOG.info(String.format(Locale.ROOT, "  %s: test AUC-ROC %.4f, AUC-PR %.4f, F1 %.4f, Brier %.4f -> "
                        + "%.4f calibrated (%s) (validation AUC-PR %.4f, %.1f s) %s", algorithm.id(), test.aucRoc(),
                test.aucPr(), test.f1(), calibration.before().brier(), calibration.after().brier(),
                calibration.calibrator().method(), tuned.validationAucPr(), seconds, tuned.hyperParameters()));
        return new ModelResult(algorithm, tuned, pipeline, test, ranking.curves(CURVE_POINTS),
                FeatureWeights.kind(tuned.model()),
                FeatureWeights.top(tuned.model(), data.train().schema().apply(TrainingColumns.FEATURES), 15), seconds,
                calibration, Lift.of(rows.scored(), CURVE_POINTS), rows, Reasons.method(tuned.model()),
                Reasons.baseline(tuned.model(), data.train()));
    }

    /** Rough relative cost (measured on the sample and at a million rows), to start the slow ones first. */
    static int expectedCost(Algorithm a) {
        return switch (a) {
            case GRADIENT_BOOSTED_TREES -> 6;
            case RANDOM_FOREST -> 5;
            case LINEAR_SVM -> 4;
            case LOGISTIC_REGRESSION -> 3;
            case XGBOOST -> 2;
            case DECISION_TREE -> 1;
            case NAIVE_BAYES -> 0;
        };
    }
}
