package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.TRAINING;

import java.util.List;

import dev.bankml.workflow.quality.FeatureSets;
import dev.bankml.workflow.settings.Setting.Scope;

/**
 * What the training job trains, how it tunes and when it retrains, one value per deployment.
 * Scope {@link Setting.Scope#DEPLOYMENT}.
 */
public final class TrainingSettings {
    private TrainingSettings() {
    }

    private static final String COLUMN = "[a-z_][a-z0-9_]*";

    public static final Setting<List<String>> EXCLUDE_FEATURES = Setting.builder("exclude_features", Scope.DEPLOYMENT,
                    ValueType.list(COLUMN, "a comma-separated list of column names", "a,b"))
            .byDefault(List.of())
            .help("columns never used as features (e.g. duration: only known after the call)")
            .deployedAs("excludeFeatures")
            .readBy(TRAINING)
            .build();
    public static final Setting<List<String>> MODELS = Setting.builder("models", Scope.DEPLOYMENT,
                    ValueType.list("lr|dt|rf|gbt|nb|svm|xgb|logistic_regression|decision_tree|random_forest"
                                    + "|gradient_boosted_trees|naive_bayes|linear_svm|xgboost",
                            "a comma-separated list of lr, dt, rf, gbt, nb, svm, xgb", "lr,dt,rf,gbt,nb,svm,xgb"))
            .byDefault(Default.of(List.<String>of()).shownAs("all seven"))
            .help("which algorithms to train")
            .deployedAs("models")
            .readBy(TRAINING)
            .build();
    public static final Setting<String> TUNING = Setting.builder("tuning", Scope.DEPLOYMENT,
                    ValueType.choice(List.of("fast", "standard", "thorough")))
            .byDefault("standard")
            .help("hyper-parameter search budget")
            .deployedAs("tuning")
            .readBy(TRAINING)
            .build();
    public static final Setting<String> FEATURES = Setting.builder("features", Scope.DEPLOYMENT,
                    ValueType.choice(List.of(FeatureSets.PRE_CALL, FeatureSets.ALL)))
            .byDefault(FeatureSets.PRE_CALL)
            .help(FeatureSets.PRE_CALL + ": only what the bank knows before it dials (a model that may score leads); "
                    + FeatureSets.ALL + ": every column, the call's duration included: an analysis model, never "
                    + "promoted, refused when asked to score leads")
            .deployedAs("features")
            .readBy(TRAINING)
            .build();
    /** With {@link #MANUAL}, a model that passes the quality gate waits as a candidate for a person's approval. */
    public static final String AUTO = "auto";
    public static final String MANUAL = "manual";
    public static final Setting<String> APPROVAL = Setting.builder("approval", Scope.DEPLOYMENT,
                    ValueType.choice(List.of(AUTO, MANUAL)))
            .byDefault(AUTO)
            .help(AUTO + ": the quality gate approves a model that passes it (it becomes the champion at once); "
                    + MANUAL + ": it becomes a candidate, scored in the shadow of the champion until a person approves "
                    + "or rejects it")
            .deployedAs("approval")
            .readBy(TRAINING)
            .build();
    public static final Setting<Long> SEED = Setting.builder("seed", Scope.DEPLOYMENT,
                    ValueType.integer(0, Integer.MAX_VALUE, null))
            .byDefault(42L)
            .help("seed of the split and of the models")
            .deployedAs("seed")
            .readBy(TRAINING)
            .build();
    public static final Setting<Double> TEST_FRACTION = Setting.builder("test_fraction", Scope.DEPLOYMENT,
                    ValueType.decimal(0.05, true, 0.5))
            .byDefault(0.2)
            .help("share of the labelled rows held out for testing")
            .deployedAs("testFraction")
            .readBy(TRAINING)
            .build();
    public static final Setting<Double> PROMOTION_MARGIN = Setting.builder("promotion_margin", Scope.DEPLOYMENT,
                    ValueType.decimal(0, true, 1))
            .byDefault(0.01)
            .help("keep the previous champion if the new one's test AUC-PR is lower by more than this")
            .deployedAs("promotionMargin")
            .readBy(TRAINING)
            .build();
    public static final Setting<Long> PARALLELISM = Setting.builder("parallelism", Scope.DEPLOYMENT,
                    ValueType.integer(1, 64, null))
            .byDefault(2L)
            .help("models trained at the same time")
            .deployedAs("parallelism")
            .readBy(TRAINING)
            .build();
    public static final Setting<Long> RETRAIN_MIN_NEW_ROWS = Setting.builder("retrain_min_new_rows", Scope.DEPLOYMENT,
                    ValueType.integer(1, Integer.MAX_VALUE, null))
            .byDefault(5_000L)
            .help("retrain when this many labelled rows arrived since the last training")
            .deployedAs("retrainMinNewRows")
            .readBy(TRAINING)
            .build();
    public static final Setting<Double> RETRAIN_MIN_NEW_SHARE = Setting.builder("retrain_min_new_share",
                    Scope.DEPLOYMENT, ValueType.decimal(0, false, 10))
            .byDefault(0.2)
            .help("retrain when the labelled rows since the last training reach this share of the rows it used")
            .deployedAs("retrainMinNewShare")
            .readBy(TRAINING)
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(EXCLUDE_FEATURES, MODELS, TUNING, FEATURES, APPROVAL, SEED,
            TEST_FRACTION, PROMOTION_MARGIN, PARALLELISM, RETRAIN_MIN_NEW_ROWS, RETRAIN_MIN_NEW_SHARE);
}
