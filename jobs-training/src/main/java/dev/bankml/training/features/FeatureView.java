package dev.bankml.training.features;

/** How the features are encoded for a family of algorithms. */
public enum FeatureView {
    /** Trees: numbers as they are, categories as indices (with nominal metadata, so splits are categorical). */
    TREES,
    /** Linear models: numbers standardised, categories one-hot encoded. */
    LINEAR,
    /** Naive Bayes (multinomial): numbers cut into quantile bins, everything one-hot, all non-negative. */
    COUNTS
}
