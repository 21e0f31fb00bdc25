package dev.bankml.training;

import java.util.Locale;

import dev.bankml.jobs.JobConfigurationException;

/** How hard to search hyper-parameters (see README for the grids and their measured cost). */
public enum TuningBudget {
    /** One setting per algorithm, small models: for tests and smoke runs. */
    FAST,
    /** A small grid per algorithm, one train/validation split: the default. */
    STANDARD,
    /** A larger grid, 3-fold cross-validation. */
    THOROUGH;

    public static TuningBudget parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new JobConfigurationException("argument --tuning is '" + s + "': expected fast, standard or thorough");
        }
    }
}
