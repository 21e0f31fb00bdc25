package dev.bankml.training.candidates;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LinearSVC;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;

import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.features.FeaturePipelines;
import dev.bankml.training.features.FeatureView;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The candidates: the six MLlib classifiers the bank asked for and XGBoost for Spark, each with its
 * feature encoding, its score column and its tuning grid per budget. Hyper-parameters are kept by
 * name so they can be reported as they were set.
 *
 * <p>The grids were chosen from measured curves on the sample (docs/BENCHMARKS.md): few settings,
 * each one that won somewhere. Gradient-boosted trees stop early on the held-out quarter instead
 * of boosting a fixed number of rounds (every MLlib boosting round costs a few Spark jobs).
 */
public enum Algorithm {
    LOGISTIC_REGRESSION("logistic_regression", "lr", FeatureView.LINEAR, true),
    DECISION_TREE("decision_tree", "dt", FeatureView.TREES, true),
    RANDOM_FOREST("random_forest", "rf", FeatureView.TREES, true),
    GRADIENT_BOOSTED_TREES("gradient_boosted_trees", "gbt", FeatureView.TREES, true),
    NAIVE_BAYES("naive_bayes", "nb", FeatureView.COUNTS, true),
    LINEAR_SVM("linear_svm", "svm", FeatureView.LINEAR, false),
    /** XGBoost for Spark: histogram boosting in native code, on the tree view's numbers and category indices. */
    XGBOOST("xgboost", "xgb", FeatureView.TREES, true);

    /** GBT stops boosting when the held-out loss improves by less than this share (see GBTClassifier). */
    static final double GBT_VALIDATION_TOL = 0.0001;

    private final String id;
    private final String shortName;
    private final FeatureView view;
    private final boolean hasProbability;

    Algorithm(String id, String shortName, FeatureView view, boolean hasProbability) {
        this.id = id;
        this.shortName = shortName;
        this.view = view;
        this.hasProbability = hasProbability;
    }

    public String id() {
        return id;
    }

    public FeatureView view() {
        return view;
    }

    /**
     * Whether the model outputs a probability; ranking metrics then use P(yes). LinearSVC has none:
     * its margin ({@code rawPrediction[1]}) ranks rows instead.
     */
    public boolean hasProbability() {
        return hasProbability;
    }

    /** {@code probability} (P(yes)) or {@code margin} (LinearSVC), as written in metrics and pointers. */
    public String scoreType() {
        return hasProbability ? "probability" : "margin";
    }

    /**
     * Whether one fit both trains and validates: gradient-boosted trees stop boosting on the held-out
     * rows (flagged by {@code validationIndicatorCol}), so the early-stopped model is kept as it is.
     */
    boolean stopsEarlyOnHeldOutRows() {
        return this == GRADIENT_BOOSTED_TREES;
    }

    /** Parses a comma list of ids or short names ({@code lr,gbt}); empty means all seven. */
    public static List<Algorithm> parseList(List<String> names) {
        if (names.isEmpty()) {
            return List.of(values());
        }
        List<Algorithm> out = new ArrayList<>();
        for (String n : names) {
            Algorithm a = null;
            for (Algorithm c : values()) {
                if (c.id.equals(n) || c.shortName.equals(n)) {
                    a = c;
                }
            }
            if (a == null) {
                throw new JobConfigurationException("argument " + TrainingSettings.MODELS.flag() + " names '" + n
                        + "': expected some of "
                        + Arrays.stream(values()).map(c -> c.shortName + " (" + c.id + ")").toList());
            }
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * A fresh, unconfigured estimator reading {@code features}, {@code label} and {@code weight}
     * (XGBoost reads the dense copy of the tree view's features, see {@link FeaturePipelines#DENSE_FEATURES}).
     */
    public Classifier<?, ?, ?> newEstimator(long seed) {
        return switch (this) {
            case LOGISTIC_REGRESSION -> new LogisticRegression().setWeightCol(TrainingColumns.WEIGHT).setMaxIter(100);
            case DECISION_TREE -> new DecisionTreeClassifier().setWeightCol(TrainingColumns.WEIGHT).setSeed(seed)
                    .setCacheNodeIds(true);
            case RANDOM_FOREST -> new RandomForestClassifier().setWeightCol(TrainingColumns.WEIGHT).setSeed(seed)
                    .setCacheNodeIds(true);
            case GRADIENT_BOOSTED_TREES -> {
                GBTClassifier g = new GBTClassifier().setWeightCol(TrainingColumns.WEIGHT).setSeed(seed)
                        .setCacheNodeIds(true).setCheckpointInterval(10);
                g.set(g.validationTol(), GBT_VALIDATION_TOL);
                yield g;
            }
            case NAIVE_BAYES -> new NaiveBayes().setWeightCol(TrainingColumns.WEIGHT).setModelType("multinomial");
            case LINEAR_SVM -> new LinearSVC().setWeightCol(TrainingColumns.WEIGHT);
            case XGBOOST -> xgboost(seed);
        };
    }

    private static XGBoostClassifier xgboost(long seed) {
        XGBoostClassifier x = new XGBoostClassifier();
        // XGBoost's Java setters return Params, hence no chaining.
        x.setFeaturesCol(TrainingColumns.DENSE_FEATURES);
        x.setLabelCol(TrainingColumns.LABEL);
        x.setWeightCol(TrainingColumns.WEIGHT);
        x.setMissing(Float.NaN);
        x.setTreeMethod("hist");
        x.setNthread(1); // one Spark task, one core: concurrency comes from Spark, as for the other six
        x.setVerbosity(0);
        x.setObjective("binary:logistic");
        x.setSeed(seed);
        return x;
    }

    /** The candidate hyper-parameter settings for a tuning budget. */
    public List<Map<String, Object>> grid(TuningBudget budget) {
        return switch (budget) {
            case FAST -> List.of(fastSetting());
            case STANDARD -> standardGrid();
            case THOROUGH -> thoroughGrid();
        };
    }

    /** Small, quick models (a few Spark jobs each): tests, smoke runs and benchmarks of the plumbing. */
    private Map<String, Object> fastSetting() {
        return switch (this) {
            case LOGISTIC_REGRESSION -> params("regParam", 0.01, "elasticNetParam", 0.0, "maxIter", 30, "tol", 1e-4);
            case DECISION_TREE -> params("maxDepth", 6, "minInstancesPerNode", 10);
            case RANDOM_FOREST -> params("numTrees", 15, "maxDepth", 7, "featureSubsetStrategy", "sqrt");
            case GRADIENT_BOOSTED_TREES -> params("maxIter", 10, "maxDepth", 4, "stepSize", 0.3);
            case NAIVE_BAYES -> params("smoothing", 1.0);
            case LINEAR_SVM -> params("regParam", 0.01, "maxIter", 20, "tol", 1e-4);
            case XGBOOST -> params("numRound", 100, "max_depth", 4, "eta", 0.1);
        };
    }

    private List<Map<String, Object>> standardGrid() {
        return switch (this) {
            case LOGISTIC_REGRESSION -> List.of(
                    params("regParam", 0.001, "elasticNetParam", 0.0, "tol", 1e-4),
                    params("regParam", 0.01, "elasticNetParam", 1.0, "tol", 1e-4));
            case DECISION_TREE -> List.of(
                    params("maxDepth", 7, "minInstancesPerNode", 10, "maxBins", 64),
                    params("maxDepth", 10, "minInstancesPerNode", 30, "maxBins", 64));
            // 128 bins: finer split points for balance, age and day_of_year (+0.003 AUC on the sample).
            case RANDOM_FOREST -> List.of(
                    params("numTrees", 20, "maxDepth", 12, "featureSubsetStrategy", "sqrt", "minInstancesPerNode", 5,
                            "maxBins", 64),
                    params("numTrees", 20, "maxDepth", 9, "featureSubsetStrategy", "onethird", "maxBins", 64));
            // Boosts until the held-out loss stops improving (Tuning): maxIter is a ceiling, not a count.
            case GRADIENT_BOOSTED_TREES -> List.of(
                    params("maxIter", 60, "maxDepth", 4, "stepSize", 0.3, "subsamplingRate", 0.8, "maxBins", 128));
            case NAIVE_BAYES -> List.of(params("smoothing", 0.5), params("smoothing", 1.0));
            case LINEAR_SVM -> List.of(
                    params("regParam", 0.001, "maxIter", 30, "tol", 1e-4),
                    params("regParam", 0.01, "maxIter", 30, "tol", 1e-4));
            case XGBOOST -> List.of(
                    params("numRound", 300, "max_depth", 5, "eta", 0.05, "subsample", 0.8, "colsample_bytree", 0.8),
                    params("numRound", 500, "max_depth", 4, "eta", 0.03, "subsample", 0.8, "colsample_bytree", 0.8),
                    params("numRound", 800, "max_depth", 4, "eta", 0.02, "subsample", 0.8, "colsample_bytree", 0.5));
        };
    }

    private List<Map<String, Object>> thoroughGrid() {
        List<Map<String, Object>> out = new ArrayList<>(standardGrid());
        switch (this) {
            case RANDOM_FOREST -> out.add(params("numTrees", 200, "maxDepth", 12, "featureSubsetStrategy", "sqrt",
                    "minInstancesPerNode", 2, "maxBins", 128));
            case GRADIENT_BOOSTED_TREES -> out.add(params("maxIter", 300, "maxDepth", 5, "stepSize", 0.1,
                    "subsamplingRate", 0.8, "maxBins", 128));
            case LOGISTIC_REGRESSION -> out.add(params("regParam", 0.01, "elasticNetParam", 0.0));
            case DECISION_TREE -> out.add(params("maxDepth", 12, "minInstancesPerNode", 40, "maxBins", 64));
            case LINEAR_SVM -> out.add(params("regParam", 0.1, "maxIter", 100));
            case XGBOOST -> out.add(params("numRound", 1500, "max_depth", 3, "eta", 0.01, "subsample", 0.8,
                    "colsample_bytree", 0.5, "min_child_weight", 3.0));
            default -> {
            }
        }
        return out;
    }

    /** Applies named hyper-parameters to an estimator. */
    public static <T extends Params> T configure(T estimator, Map<String, Object> hyperParameters) {
        for (Map.Entry<String, Object> e : hyperParameters.entrySet()) {
            @SuppressWarnings("unchecked")
            Param<Object> p = (Param<Object>) estimator.getParam(e.getKey());
            estimator.set(p, e.getValue());
        }
        return estimator;
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
