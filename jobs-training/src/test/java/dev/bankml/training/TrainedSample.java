package dev.bankml.training;

import dev.bankml.training.report.TrainingOutcome;

/**
 * The sample trained once per test JVM, the one full training of the module: all seven candidates,
 * fast tuning, run {@value #RUN_ID}. Every class that needs <em>a</em> trained champion (its outputs,
 * its saved model, a model store to score with or to copy) shares it; none writes into its folders.
 */
public final class TrainedSample {
    public static final String RUN_ID = "r1";
    private static TrainingFixtures.Outputs out;
    private static TrainingOutcome outcome;

    private TrainedSample() {
    }

    public static synchronized TrainingOutcome outcome() {
        if (outcome == null) {
            TrainingFixtures.Outputs o = TrainingFixtures.outputs("trained-sample");
            outcome = TrainingFixtures.train(TrainingFixtures.cleanedSample(), o, "--run_id", RUN_ID);
            out = o;
        }
        return outcome;
    }

    /** Its model store, metrics and predictions: read them, copy them, never write into them. */
    public static TrainingFixtures.Outputs outputs() {
        outcome();
        return out;
    }
}
