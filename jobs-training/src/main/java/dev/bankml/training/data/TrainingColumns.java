package dev.bankml.training.data;

/**
 * The columns the training job adds to the cleaned bank rows while it works, each named once. None
 * of them is ever a feature: the feature pipelines read bank columns only.
 */
public final class TrainingColumns {
    private TrainingColumns() {
    }

    /** The label as a number: 1.0 = yes, 0.0 = no (an explicit mapping, never a frequency-ordered index). */
    public static final String LABEL = "label";
    /** Whether a row belongs to the untouched test split. */
    public static final String IS_TEST = "is_test";
    /** A training row's validation fold, 0..k-1. */
    public static final String FOLD = "fold";
    /** A training row's class weight. */
    public static final String WEIGHT = "weight";
    /** Marks the rows gradient-boosted trees validate on ({@code validationIndicatorCol}). */
    public static final String IS_VALIDATION = "is_validation";
    /** The encoded feature vector every MLlib classifier reads. */
    public static final String FEATURES = "features";
    /**
     * The tree view's features as dense vectors, for XGBoost: VectorAssembler stores mostly-zero rows as
     * sparse vectors, and XGBoost takes their absent zeros for missing values (AUC 0.785 instead of 0.937
     * on the sample). Centring (StandardScaler with the mean only) is the built-in, saveable stage that
     * always outputs dense vectors; shifting a column changes no tree split. (XGBoost's own
     * {@code featuresCols} input avoids vectors, but in XGBoost4J-Spark 3.4.0 it fills the probability
     * column with margins.)
     */
    public static final String DENSE_FEATURES = "features_dense";
    /**
     * XGBoost's per-row contributions (exact tree SHAP values, in log-odds): one per feature slot, the
     * bias last; their sum is the row's margin.
     */
    public static final String CONTRIBUTIONS = "contributions";
    /** A model's ranking score of a row: P(yes) when it has probabilities, else its margin. */
    public static final String SCORE = "score";
}
