package dev.bankml.training.evaluation;

import java.util.Arrays;
import java.util.Locale;

/**
 * A model's calibration: the calibrator chosen on its validation rows and what it does on the test
 * split. Platt scaling and isotonic regression are each scored by {@link #FOLDS}-fold
 * cross-validation within the validation rows (fitted on four fifths, Brier score on the fifth), and
 * the one with the lower mean Brier score is fitted on all of them: choosing on the rows a
 * calibrator was fitted on would always favour isotonic regression, which can fit them more closely.
 * The validation rows were scored by the tuning fit (without them), the calibrator then applies to
 * the model refitted on the whole training split: scikit-learn's {@code CalibratedClassifierCV} with
 * {@code ensemble=False} does the same.
 *
 * @param calibrator     the chosen calibrator, fitted on every validation row
 * @param plattCvBrier   Platt scaling's cross-validated Brier score on the validation rows
 * @param isotonicCvBrier isotonic regression's
 * @param before         the test split's raw probabilities ({@link CalibrationMetrics#NOT_PROBABILITIES} for a margin)
 * @param after          the test split's calibrated probabilities
 */
public record Calibration(Calibrator calibrator, double plattCvBrier, double isotonicCvBrier,
                          CalibrationMetrics before, CalibrationMetrics after) {

    static final int FOLDS = 5;

    /**
     * Chooses and fits a calibrator on the validation rows, and measures it on the test rows.
     *
     * @param scoreIsProbability whether the scores are P(yes) (else margins)
     */
    public static Calibration fit(ScoredRows validation, ScoredRows test, boolean scoreIsProbability) {
        double platt = crossValidatedBrier(validation, scoreIsProbability, false);
        double isotonic = crossValidatedBrier(validation, scoreIsProbability, true);
        Calibrator chosen = isotonic < platt ? Calibrator.isotonic(validation, scoreIsProbability)
                : Calibrator.platt(validation, scoreIsProbability);
        CalibrationMetrics before = scoreIsProbability ? CalibrationMetrics.of(test.scores(), test.positive())
                : CalibrationMetrics.NOT_PROBABILITIES;
        return new Calibration(chosen, platt, isotonic, before,
                CalibrationMetrics.of(chosen.apply(test.scores()), test.positive()));
    }

    /** The mean Brier score over folds cut in score order (every fold spans all scores). */
    static double crossValidatedBrier(ScoredRows rows, boolean scoreIsProbability, boolean isotonic) {
        int n = rows.size();
        if (n < 2 * FOLDS) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(rows.scores()[i], rows.scores()[j]));
        int[] fold = new int[n];
        for (int k = 0; k < n; k++) {
            fold[order[k]] = k % FOLDS;
        }
        double squared = 0;
        for (int f = 0; f < FOLDS; f++) {
            int inFold = 0;
            for (int i = 0; i < n; i++) {
                inFold += fold[i] == f ? 1 : 0;
            }
            int[] fit = new int[n - inFold];
            int[] held = new int[inFold];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    held[b++] = i;
                } else {
                    fit[a++] = i;
                }
            }
            ScoredRows fitRows = rows.subset(fit);
            Calibrator c = isotonic ? Calibrator.isotonic(fitRows, scoreIsProbability)
                    : Calibrator.platt(fitRows, scoreIsProbability);
            for (int i : held) {
                double d = c.apply(rows.scores()[i]) - (rows.positive()[i] ? 1 : 0);
                squared += d * d;
            }
        }
        return squared / n;
    }

    /** Why this calibrator, in words. */
    public String choice() {
        return String.format(Locale.ROOT, "%s (5-fold cross-validated Brier score on the validation rows: "
                + "Platt %.4f, isotonic %.4f)", calibrator.method(), plattCvBrier, isotonicCvBrier);
    }
}
