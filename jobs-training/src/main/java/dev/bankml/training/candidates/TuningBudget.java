package dev.bankml.training.candidates;

import java.util.Locale;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * How hard to search hyper-parameters (see README for the grids and their measured cost). The names a
 * person gives are the choices of {@code TrainingSettings.TUNING}; a test keeps the two the same.
 */
public enum TuningBudget {
    /** One setting per algorithm, small models: for tests and smoke runs. */
    FAST,
    /** A small grid per algorithm, one train/validation split: the default. */
    STANDARD,
    /** A larger grid, 3-fold cross-validation. */
    THOROUGH;

    /** The budget of a name the tuning setting accepted ({@code fast}, {@code standard}, {@code thorough}). */
    public static TuningBudget parse(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The budget's name as given and reported. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
