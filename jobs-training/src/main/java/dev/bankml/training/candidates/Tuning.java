package dev.bankml.training.candidates;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.evaluation.ScoredRows;

import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;

/**
 * Hyper-parameter search on the training split only: each candidate setting is fitted on all folds
 * but one and scored on the held-out fold (see {@link ValidationScheme}: one 75/25 split, or 3-fold
 * cross-validation for the thorough budget and for rare labels). The setting with the best validation
 * AUC-PR wins; its held-out predictions also choose the decision threshold (best F1), which MLlib's
 * own TrainValidationSplit cannot do because it discards them. The winner is then refitted on the
 * whole training split, except for gradient-boosted trees: they train on the other folds and stop
 * boosting when the loss on the held-out fold stops improving, so that one fit is both the trial and
 * the model (no fixed round count, no refit). The test split is never seen here.
 *
 * <p>Each trial and each refit is one task for {@link ParallelTrainer}; {@link #tune} runs them in turn.
 */
public final class Tuning {
    private static final Logger LOG = LoggerFactory.getLogger(Tuning.class);


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
     * @param model            the winner refitted on the whole training split (or early-stopped, for GBT)
     * @param validation       the winner's held-out scores and outcomes (what its calibrator is fitted on)
     */
    public record Result(Map<String, Object> hyperParameters, double validationAucPr, double validationAucRoc,
                         double threshold, List<Candidate> candidates, Model<?> model, ScoredRows validation) {
    }

    /** One setting tried, with its held-out AUC-PR. */
    public record Candidate(Map<String, Object> hyperParameters, double validationAucPr) {
    }

    /**
     * One setting scored on held-out rows.
     *
     * @param finalModel the model to keep if this setting wins, when the fit that validated it is final
     *                   (early-stopped trees); null when the winner is refitted
     */
    record Trial(Map<String, Object> setting, ScoredRows heldOut, BinaryMetrics.Ranking ranking, Model<?> finalModel) {
        double aucPr() {
            return ranking.aucPr();
        }
    }

    /**
     * Above this many rows in the folds a trial fits on, settings are compared on a random sample of
     * this size (the winner is still refitted on every training row): the ranking of a few settings
     * needs far fewer rows than the final model, and a trial at a million rows would cost minutes.
     */
    static final long TRIAL_ROWS = 100_000;

    /**
     * What one algorithm's tuning reads: its rows ({@code features}, {@code label}, {@code weight},
     * {@code fold}) and how many there are.
     */
    record Task(Algorithm algorithm, Dataset<Row> train, long trainRows, ValidationScheme scheme, long seed) {
        List<Map<String, Object>> grid(TuningBudget budget) {
            return algorithm.grid(budget);
        }

        /** The share of the fitting folds' rows a trial fits on (1 up to {@link #TRIAL_ROWS} rows). */
        double trialFraction() {
            double fittingRows = (double) trainRows * (scheme.folds() - 1) / scheme.folds();
            return fittingRows <= TRIAL_ROWS ? 1.0 : TRIAL_ROWS / fittingRows;
        }

        /** Fitting rows and the held-out fold, flagged {@code is_validation}: what early-stopped boosting reads. */
        Dataset<Row> withValidationFlag(int fold) {
            if (trialFraction() >= 1.0) {
                return train.withColumn(TrainingColumns.IS_VALIDATION, col(TrainingColumns.FOLD).equalTo(fold));
            }
            // Boosting evaluates its validation rows every round: a sample of them, like the fitting rows.
            double heldOutRows = (double) trainRows / scheme.folds();
            Dataset<Row> validation = train.filter(col(TrainingColumns.FOLD).equalTo(fold));
            if (heldOutRows > TRIAL_ROWS / 2.0) {
                validation = validation.sample(false, TRIAL_ROWS / 2.0 / heldOutRows, seed + fold);
            }
            return fittingRows(fold).withColumn(TrainingColumns.IS_VALIDATION, functions.lit(false))
                    .unionByName(validation.withColumn(TrainingColumns.IS_VALIDATION, functions.lit(true)));
        }

        /** The rows a trial fits on when {@code fold} is held out. */
        Dataset<Row> fittingRows(int fold) {
            Dataset<Row> rows = train.filter(col(TrainingColumns.FOLD).notEqual(fold));
            return trialFraction() < 1.0 ? rows.sample(false, trialFraction(), seed + fold) : rows;
        }
    }

    /** Tunes one algorithm, trial after trial, then refits the winner. */
    public static Result tune(Algorithm algorithm, Dataset<Row> train, long trainRows, TuningBudget budget,
                              ValidationScheme scheme, long seed) {
        Task task = new Task(algorithm, train, trainRows, scheme, seed);
        List<Trial> trials = new ArrayList<>();
        for (Map<String, Object> setting : task.grid(budget)) {
            trials.add(trial(task, setting));
        }
        return choose(task, trials);
    }

    /** Held-out scores of one setting: every held-out fold scored by a model fitted without it. */
    static Trial trial(Task task, Map<String, Object> setting) {
        List<Row> heldOutScores = new ArrayList<>();
        Model<?> first = null;
        for (int fold : task.scheme().heldOut()) {
            Dataset<Row> heldOut = task.train().filter(col(TrainingColumns.FOLD).equalTo(fold));
            Model<?> m = task.algorithm().stopsEarlyOnHeldOutRows()
                    ? fit(task, setting, task.withValidationFlag(fold))
                    : fit(task, setting, task.fittingRows(fold));
            first = first == null ? m : first;
            heldOutScores.addAll(m.transform(heldOut)
                    .select(Scores.of(task.algorithm()).alias(TrainingColumns.SCORE), col(TrainingColumns.LABEL))
                    .collectAsList());
        }
        // The early-stopped model of the first held-out fold is the algorithm's model: it never saw that fold.
        Model<?> finalModel = task.algorithm().stopsEarlyOnHeldOutRows() ? first : null;
        ScoredRows heldOut = ScoredRows.ofRows(heldOutScores);
        return new Trial(setting, heldOut, heldOut.ranking(), finalModel);
    }

    /** The best trial by held-out AUC-PR, its threshold, and its model on the whole training split. */
    static Result choose(Task task, List<Trial> trials) {
        Trial best = trials.get(0);
        List<Candidate> candidates = new ArrayList<>();
        for (Trial t : trials) {
            candidates.add(new Candidate(t.setting(), t.aucPr()));
            LOG.debug("{} {} -> validation AUC-PR {}", task.algorithm().id(), t.setting(), t.aucPr());
            if (t.aucPr() > best.aucPr()) {
                best = t;
            }
        }
        Model<?> model = best.finalModel() != null ? best.finalModel() : fit(task, best.setting(), task.train());
        return new Result(new LinkedHashMap<>(best.setting()), best.aucPr(), best.ranking().aucRoc(),
                best.ranking().bestF1Threshold(), candidates, model, best.heldOut());
    }

    static Model<?> fit(Task task, Map<String, Object> setting, Dataset<Row> rows) {
        Classifier<?, ?, ?> estimator = Algorithm.configure(task.algorithm().newEstimator(task.seed()), setting);
        if (estimator instanceof GBTClassifier g && List.of(rows.columns()).contains(TrainingColumns.IS_VALIDATION)) {
            g.setValidationIndicatorCol(TrainingColumns.IS_VALIDATION);
        }
        if (estimator instanceof XGBoostClassifier x) {
            // One XGBoost worker per partition of the rows, so it does not repartition them.
            x.setNumWorkers(rows.rdd().getNumPartitions());
        }
        return (Model<?>) estimator.fit(rows);
    }
}
