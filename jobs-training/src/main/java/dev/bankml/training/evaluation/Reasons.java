package dev.bankml.training.evaluation;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.NaiveBayesModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.stat.Summarizer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;

import dev.bankml.training.data.TrainingColumns;

/**
 * Per-customer reasons: the features that pushed one row's score up or down, each with its value
 * and its signed contribution, where the model's margin is exactly the sum of the contributions and
 * a bias. XGBoost gives exact tree SHAP values (its own {@code contribPredictionCol}); for logistic
 * regression and the linear SVM a feature's contribution is its coefficient times its encoded value
 * less the training rows' mean of it ({@code w (x - mean x)}: the SHAP value of a linear model, so
 * that every contribution is relative to the average training customer, as XGBoost's are, and a rare
 * category is not credited with nothing because its one-hot slot has a small weight); multinomial
 * naive Bayes is linear in its log-odds too (count times the log-likelihood ratio of the slot). Slots that encode one column (a category's
 * one-hot slots, its index) are summed and reported under that column with the row's value of it
 * ({@code job = student}). The MLlib trees (decision tree, random forest, gradient-boosted trees)
 * have no reasons: MLlib gives no per-row contributions, and path attributions (Saabas) are not
 * consistent (a feature can get less credit when the model leans on it more), so reasons are
 * marked unavailable rather than invented.
 */
public final class Reasons {
    private Reasons() {
    }

    /** Reasons per row. */
    public static final int TOP = 3;
    public static final String TREE_SHAP = "tree_shap_log_odds";
    public static final String LINEAR_LOG_ODDS = "coefficient_x_value_log_odds";
    public static final String LINEAR_MARGIN = "coefficient_x_value_margin";
    public static final String NAIVE_BAYES = "log_likelihood_ratio_x_count_log_odds";
    public static final String UNAVAILABLE = "unavailable";

    /** The struct of one reason. */
    public static final StructType REASON = new StructType()
            .add("feature", DataTypes.StringType)
            .add("value", DataTypes.StringType)
            .add("contribution", DataTypes.DoubleType);
    public static final ArrayType REASONS = DataTypes.createArrayType(REASON);

    /** How a fitted classifier's reasons are computed, or {@link #UNAVAILABLE}. */
    public static String method(Model<?> classifier) {
        if (classifier instanceof XGBoostClassificationModel) {
            return TREE_SHAP;
        }
        if (classifier instanceof LogisticRegressionModel) {
            return LINEAR_LOG_ODDS;
        }
        if (classifier instanceof LinearSVCModel) {
            return LINEAR_MARGIN;
        }
        if (classifier instanceof NaiveBayesModel nb && "multinomial".equals(nb.getModelType())) {
            return NAIVE_BAYES;
        }
        return UNAVAILABLE;
    }

    public static boolean available(Model<?> classifier) {
        return !UNAVAILABLE.equals(method(classifier));
    }

    /**
     * Makes the classifier output what reasons read: XGBoost's contributions column (its tree SHAP
     * values, computed in the same native pass as its predictions). Other models need nothing.
     */
    public static void prepare(Model<?> classifier) {
        if (classifier instanceof XGBoostClassificationModel x) {
            x.setContribPredictionCol(TrainingColumns.CONTRIBUTIONS);
        }
    }

    /**
     * Each row's contributions, one per feature slot and the bias last, as {@code array<double>}
     * (over the rows the classifier transformed, after {@link #prepare}); empty when unavailable.
     */
    public static Optional<Column> contributions(Model<?> classifier, StructType transformed, double[] baseline) {
        if (classifier instanceof XGBoostClassificationModel) {
            DataType t = transformed.apply(TrainingColumns.CONTRIBUTIONS).dataType();
            Column c = col(TrainingColumns.CONTRIBUTIONS);
            return Optional.of(t instanceof ArrayType ? c.cast(DataTypes.createArrayType(DataTypes.DoubleType))
                    : org.apache.spark.ml.functions.vector_to_array(c, "float64"));
        }
        double[] weights;
        double bias;
        if (classifier instanceof LogisticRegressionModel m) {
            weights = m.coefficients().toArray();
            bias = m.intercept();
        } else if (classifier instanceof LinearSVCModel m) {
            weights = m.coefficients().toArray();
            bias = m.intercept();
        } else if (classifier instanceof NaiveBayesModel m && NAIVE_BAYES.equals(method(m))) {
            weights = new double[m.theta().numCols()];
            for (int j = 0; j < weights.length; j++) {
                weights[j] = m.theta().apply(1, j) - m.theta().apply(0, j);
            }
            bias = m.pi().apply(1) - m.pi().apply(0);
        } else {
            return Optional.empty();
        }
        String features = TrainingColumns.FEATURES;
        double[] mean = baseline == null || baseline.length != weights.length ? new double[weights.length] : baseline;
        double centredBias = bias;
        for (int i = 0; i < weights.length; i++) {
            centredBias += weights[i] * mean[i];
        }
        double b = centredBias;
        UDF1<Vector, double[]> times = v -> {
            double[] x = v.toArray();
            double[] out = new double[weights.length + 1];
            for (int i = 0; i < weights.length; i++) {
                out[i] = weights[i] * (x[i] - mean[i]);
            }
            out[weights.length] = b;
            return out;
        };
        return Optional.of(udf(times, DataTypes.createArrayType(DataTypes.DoubleType)).apply(col(features)));
    }

    /**
     * What linear contributions are measured from: the mean of the classifier's feature vector over
     * {@code train} (one aggregation over the cached training rows); empty for the trees and XGBoost
     * (tree SHAP has its own baseline, the trees' expected value).
     */
    public static double[] baseline(Model<?> classifier, Dataset<Row> train) {
        String m = method(classifier);
        if (!m.equals(LINEAR_LOG_ODDS) && !m.equals(LINEAR_MARGIN) && !m.equals(NAIVE_BAYES)) {
            return new double[0];
        }
        Row mean = train.select(Summarizer.mean(col(TrainingColumns.FEATURES))).first();
        return ((Vector) mean.get(0)).toArray();
    }

    /**
     * The row's margin, which the contributions add up to: the log-odds of P(yes) for XGBoost, logistic
     * regression and naive Bayes, the SVM's margin.
     */
    public static Column margin(Model<?> classifier) {
        Column raw = org.apache.spark.ml.functions.vector_to_array(col("rawPrediction"), "float64");
        if (classifier instanceof NaiveBayesModel) {
            return raw.getItem(1).minus(raw.getItem(0));
        }
        if (classifier instanceof XGBoostClassificationModel) {
            // XGBoost's binary rawPrediction is (-margin, margin).
            return raw.getItem(1);
        }
        return raw.getItem(1);
    }

    /**
     * The {@link #TOP} reasons of each transformed row ({@link #REASONS}), or a null of that type when
     * the classifier has none.
     *
     * @param slotSources the column each feature slot stands for (see the feature pipelines)
     * @param transformed the schema of the rows the pipeline transformed (the source columns are in it)
     * @param baseline    the training rows' mean feature vector, for the linear models ({@link #baseline})
     */
    public static Column top(Model<?> classifier, String[] slotSources, StructType transformed, double[] baseline) {
        Optional<Column> contributions = contributions(classifier, transformed, baseline);
        if (contributions.isEmpty()) {
            return lit(null).cast(REASONS);
        }
        Map<String, Integer> groups = new LinkedHashMap<>();
        int[] groupOf = new int[slotSources.length];
        for (int i = 0; i < slotSources.length; i++) {
            groupOf[i] = groups.computeIfAbsent(slotSources[i], k -> groups.size());
        }
        String[] names = groups.keySet().toArray(String[]::new);
        List<Column> values = new ArrayList<>();
        for (String g : names) {
            boolean yesNo = List.of(transformed.fieldNames()).contains(g)
                    && transformed.apply(g).dataType() == DataTypes.BooleanType;
            values.add(yesNo ? when(col(g), lit("yes")).otherwise(lit("no")) : col(g).cast(DataTypes.StringType));
        }
        UDF2<Seq<Object>, Seq<String>, List<Row>> pick = (c, v) ->
                topOf(c, v, groupOf, names);
        return udf(pick, REASONS).apply(contributions.get(), array(values.toArray(Column[]::new)));
    }

    /** Sums the slots per column and keeps the {@link #TOP} largest in size, largest first; zeros are no reason. */
    static List<Row> topOf(Seq<Object> contributions, Seq<String> values,
                           int[] groupOf, String[] names) {
        if (contributions == null) {
            return null;
        }
        double[] sum = new double[names.length];
        int slots = Math.min(groupOf.length, contributions.length() - 1); // the bias is last
        for (int i = 0; i < slots; i++) {
            sum[groupOf[i]] += ((Number) contributions.apply(i)).doubleValue();
        }
        List<Row> out = new ArrayList<>(TOP);
        boolean[] taken = new boolean[names.length];
        for (int k = 0; k < TOP; k++) {
            int best = -1;
            for (int g = 0; g < names.length; g++) {
                if (!taken[g] && sum[g] != 0 && (best < 0 || Math.abs(sum[g]) > Math.abs(sum[best]))) {
                    best = g;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            out.add(RowFactory.create(names[best], values.apply(best), sum[best]));
        }
        return out;
    }
}
