package dev.bankml.training;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hyper-parameter search on the training split only: each candidate setting is fitted on all folds
 * but one and scored on the held-out fold (see {@link ValidationScheme}: one 75/25 split, or 3-fold
 * cross-validation for the thorough budget and for rare labels). The setting with the best validation
 * AUC-PR wins; its held-out predictions also choose the decision threshold (best F1), which MLlib's
 * own TrainValidationSplit cannot do because it discards them. The winner is then refitted on the
 * whole training split. The test split is never seen here.
 */
public final class Tuning {
    private static final Logger LOG = LoggerFactory.getLogger(Tuning.class);

    public static final String WEIGHT = "weight";

    private Tuning() {
    }

    /**
     * The outcome of tuning one algorithm.
     *
     * @param hyperParameters  the winning setting
     * @param validationAucPr  its held-out AUC-PR (the selection metric)
     * @param validationAucRoc its held-out AUC-ROC
     * @param threshold        the score threshold with the best held-out F1
     * @param candidates       every setting tried with its held-out AUC-PR
     * @param model            the winner refitted on the whole training split
     */
    public record Result(Map<String, Object> hyperParameters, double validationAucPr, double validationAucRoc,
                         double threshold, List<Candidate> candidates, Model<?> model) {
    }

    /** One setting tried, with its held-out AUC-PR. */
    public record Candidate(Map<String, Object> hyperParameters, double validationAucPr) {
    }

    /**
     * @param train training rows with {@code features}, {@code label}, {@code weight} and {@code fold}
     */
    public static Result tune(Algorithm algorithm, Dataset<Row> train, TuningBudget budget, ValidationScheme scheme,
                              long seed, int parallelism) {
        List<Map<String, Object>> grid = algorithm.grid(budget);
        List<Candidate> candidates = new ArrayList<>();
        Dataset<Row> bestHeldOut = null;
        double bestPr = Double.NEGATIVE_INFINITY;
        Map<String, Object> best = grid.get(0);
        List<Future<Dataset<Row>>> futures = new ArrayList<>();
        ExecutorService pool = grid.size() > 1 && parallelism > 1 ? Executors.newFixedThreadPool(parallelism) : null;
        try {
            for (Map<String, Object> setting : grid) {
                if (pool == null) {
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(heldOutScores(algorithm, setting,
                            train, scheme, seed)));
                } else {
                    futures.add(pool.submit(() -> heldOutScores(algorithm, setting, train, scheme, seed)));
                }
            }
            for (int i = 0; i < grid.size(); i++) {
                Dataset<Row> scored = futures.get(i).get();
                double pr = BinaryMetrics.aucPr(scored);
                candidates.add(new Candidate(grid.get(i), pr));
                LOG.debug("{} {} -> validation AUC-PR {}", algorithm.id(), grid.get(i), pr);
                if (pr > bestPr) {
                    bestPr = pr;
                    best = grid.get(i);
                    if (bestHeldOut != null) {
                        bestHeldOut.unpersist();
                    }
                    bestHeldOut = scored;
                } else {
                    scored.unpersist();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("tuning of " + algorithm.id() + " was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("tuning of " + algorithm.id() + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        double threshold = BinaryMetrics.bestF1Threshold(bestHeldOut);
        double roc = BinaryMetrics.aucRoc(bestHeldOut);
        bestHeldOut.unpersist();
        Model<?> model = fit(algorithm, best, train, seed);
        return new Result(new LinkedHashMap<>(best), bestPr, roc, threshold, candidates, model);
    }

    /** Held-out scores of one setting: every held-out fold scored by a model fitted without it. */
    private static Dataset<Row> heldOutScores(Algorithm algorithm, Map<String, Object> setting, Dataset<Row> train,
                                              ValidationScheme scheme, long seed) {
        Dataset<Row> all = null;
        for (int fold : scheme.heldOut()) {
            Model<?> m = fit(algorithm, setting, train.filter(col(LabeledData.FOLD).notEqual(fold)), seed);
            Dataset<Row> scored = m.transform(train.filter(col(LabeledData.FOLD).equalTo(fold)))
                    .select(Scores.of(algorithm).alias(Scores.SCORE), col(LabeledData.LABEL));
            all = all == null ? scored : all.union(scored);
        }
        return all.cache();
    }

    static Model<?> fit(Algorithm algorithm, Map<String, Object> setting, Dataset<Row> rows, long seed) {
        Classifier<?, ?, ?> estimator = Algorithm.configure(algorithm.newEstimator(seed), setting);
        return (Model<?>) estimator.fit(rows);
    }
}
