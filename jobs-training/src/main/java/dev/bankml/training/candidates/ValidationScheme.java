package dev.bankml.training.candidates;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How tuning holds out training rows: {@code folds} stratified folds, of which each in
 * {@code heldOut} is scored in turn by models fitted on the others.
 *
 * @param name for reports: {@code holdout-25%} or {@code 3-fold-cv}
 */
public record ValidationScheme(String name, int folds, List<Integer> heldOut) {

    /** Below this many minority-class rows in one held-out quarter, a single hold-out is too noisy. */
    static final long MIN_MINORITY_IN_HOLDOUT = 100;

    public ValidationScheme {
        heldOut = List.copyOf(heldOut);
    }

    static ValidationScheme holdout() {
        return new ValidationScheme("holdout-25%", 4, List.of(0));
    }

    static ValidationScheme crossValidation(int k) {
        return new ValidationScheme(k + "-fold-cv", k, IntStream.range(0, k).boxed().toList());
    }

    /**
     * Cross-validation for the thorough budget, and also whenever the minority class is so rare
     * that a quarter of it could not rank models reliably (label {@code default}: about 34 yes rows
     * per quarter); one 75/25 hold-out otherwise.
     */
    public static ValidationScheme choose(TuningBudget budget, long minorityTrainingRows) {
        if (budget == TuningBudget.THOROUGH || minorityTrainingRows / 4 < MIN_MINORITY_IN_HOLDOUT) {
            return crossValidation(3);
        }
        return holdout();
    }
}
