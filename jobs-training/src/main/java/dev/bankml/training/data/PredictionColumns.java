package dev.bankml.training.data;

/**
 * The vocabulary of the job's prediction outputs, the test predictions of a training run and the
 * scored customers of an inference run: declared once, used where they are written and where they
 * are read.
 */
public final class PredictionColumns {
    private PredictionColumns() {
    }

    /** The known outcome (null when the scored data has no label). */
    public static final String ACTUAL = "actual";
    /** P(yes), null for a model without probabilities (the linear SVM). */
    public static final String PROBABILITY_YES = "probability_yes";
    /** The ranking score (P(yes) or the margin). */
    public static final String SCORE = TrainingColumns.SCORE;
    /**
     * The three features that pushed the row's score furthest up or down: an array of
     * {@code (feature, value, contribution)}, the contribution signed, in the model's margin units
     * (log-odds); null when the model gives no per-row contributions.
     */
    public static final String TOP_REASONS = "top_reasons";
    /** How {@link #TOP_REASONS} was computed ({@code tree_shap}, {@code coefficient_x_value}...), or {@code unavailable}. */
    public static final String REASONS_METHOD = "reasons_method";
    /** The row's place in the scoring run's ranking by score, 1 = the highest (ties broken by a hash of the record id). */
    public static final String RANK = "rank";
    /** Whether the campaign rule of the scoring run picks the row for a call. */
    public static final String CONTACT = "contact";
    /** In the shadow: whether the campaign rule would have picked the row had the challenger scored for the contact list. */
    public static final String WOULD_CONTACT = "would_contact";
    /** Whether the score reaches the model's decision threshold. */
    public static final String PREDICTED = "predicted";
    /** The algorithm that scored the row. */
    public static final String MODEL = "model";
    /** The training run whose model scored the row. */
    public static final String MODEL_RUN_ID = "model_run_id";
    /** The scoring run that scored the row. */
    public static final String SCORING_RUN_ID = "scoring_run_id";
    /** Partition column: which label the predictions are of. */
    public static final String LABEL_PARTITION = "label";
    /** Partition column of the test predictions and the metrics history: the training run. */
    public static final String RUN_ID = "run_id";
}
