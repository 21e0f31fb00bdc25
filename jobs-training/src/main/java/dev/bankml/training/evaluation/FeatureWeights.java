package dev.bankml.training.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LinearSVCModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.NaiveBayesModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.StructField;
import scala.collection.Map;

import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;

/**
 * What a fitted model leans on, by feature name: importances for trees (total gain shares for
 * XGBoost), coefficients (on standardised inputs) for linear models, log-likelihood ratios for naive
 * Bayes.
 */
public final class FeatureWeights {
    private FeatureWeights() {
    }

    /**
     * @param feature the feature's name in the assembled vector (e.g. {@code duration}, {@code month_idx},
     *                {@code poutcome_vec_success})
     * @param weight  importance, coefficient or log-ratio
     */
    public record FeatureWeight(String feature, double weight) {
    }

    /** The kind of weight a model has, for labels in reports. */
    public static String kind(Model<?> model) {
        if (model instanceof LogisticRegressionModel || model instanceof LinearSVCModel) {
            return "coefficient";
        }
        if (model instanceof NaiveBayesModel) {
            return "log-likelihood ratio (yes vs no)";
        }
        return "importance";
    }

    /** The {@code n} features with the largest absolute weight. */
    public static List<FeatureWeight> top(Model<?> model, StructField featuresField, int n) {
        if (model instanceof XGBoostClassificationModel x) {
            int size = featuresField.metadata().contains("ml_attr")
                    ? AttributeGroup.fromStructField(featuresField).size() : x.numFeatures();
            String[] names = names(featuresField, size);
            return top(gainShares(x, names), names, n);
        }
        Vector w = weights(model);
        if (w == null) {
            return List.of();
        }
        return top(w.toArray(), names(featuresField, w.size()), n);
    }

    private static List<FeatureWeight> top(double[] w, String[] names, int n) {
        if (w == null) {
            return List.of();
        }
        List<FeatureWeight> out = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            out.add(new FeatureWeight(names[i], w[i]));
        }
        out.sort(Comparator.comparingDouble((FeatureWeight f) -> -Math.abs(f.weight())));
        return List.copyOf(out.subList(0, Math.min(n, out.size())));
    }

    /** Each column's share of XGBoost's total split gain (null if the booster cannot say). */
    private static double[] gainShares(XGBoostClassificationModel model, String[] cols) {
        try {
            Map<String, Object> gain = model.nativeBooster().getScore(cols, "total_gain");
            double[] w = new double[cols.length];
            double sum = 0;
            for (int i = 0; i < cols.length; i++) {
                w[i] = gain.contains(cols[i]) ? ((Number) gain.apply(cols[i])).doubleValue() : 0.0;
                sum += w[i];
            }
            for (int i = 0; sum > 0 && i < w.length; i++) {
                w[i] /= sum;
            }
            return w;
        } catch (XGBoostError e) {
            return null;
        }
    }

    private static Vector weights(Model<?> model) {
        if (model instanceof GBTClassificationModel m) {
            return m.featureImportances();
        }
        if (model instanceof RandomForestClassificationModel m) {
            return m.featureImportances();
        }
        if (model instanceof DecisionTreeClassificationModel m) {
            return m.featureImportances();
        }
        if (model instanceof LogisticRegressionModel m) {
            return m.coefficients();
        }
        if (model instanceof LinearSVCModel m) {
            return m.coefficients();
        }
        if (model instanceof NaiveBayesModel m) {
            double[] ratio = new double[m.theta().numCols()];
            for (int j = 0; j < ratio.length; j++) {
                ratio[j] = m.theta().apply(1, j) - m.theta().apply(0, j);
            }
            return Vectors.dense(ratio);
        }
        return null;
    }

    public static String[] names(StructField featuresField, int size) {
        String[] names = new String[size];
        for (int i = 0; i < size; i++) {
            names[i] = "f" + i;
        }
        AttributeGroup group = AttributeGroup.fromStructField(featuresField);
        if (group.attributes().isDefined()) {
            Attribute[] attrs = group.attributes().get();
            for (int i = 0; i < Math.min(size, attrs.length); i++) {
                if (attrs[i].name().isDefined()) {
                    names[i] = attrs[i].name().get();
                }
            }
        }
        return names;
    }
}
