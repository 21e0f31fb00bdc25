package dev.bankml.training.candidates;

import java.util.List;
import java.util.Locale;

import dev.bankml.jobs.JobFailedException;
import dev.bankml.workflow.settings.TrainingSettings;

/** Refuses results that only leakage can explain, before anything is written. */
public final class LeakageGuard {
    private LeakageGuard() {
    }

    /** A test AUC-ROC this high on this kind of data means the label leaked into the features. */
    public static final double LEAKAGE_AUC = 0.999;

    /** @throws JobFailedException naming the model and what to check, when one reaches {@link #LEAKAGE_AUC} */
    public static void check(String label, List<ModelResult> results) {
        for (ModelResult r : results) {
            if (r.test().aucRoc() >= LEAKAGE_AUC) {
                throw new JobFailedException(String.format(Locale.ROOT,
                        "%s reached a test AUC-ROC of %.4f for label '%s'. Real bank data does not allow that: the label "
                                + "(or something derived from it) has most likely leaked into the features. Nothing was "
                                + "saved or promoted; check %s and the input columns.",
                        r.algorithm().id(), r.test().aucRoc(), label, TrainingSettings.EXCLUDE_FEATURES.flag()));
            }
        }
    }
}
