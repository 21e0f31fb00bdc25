package dev.bankml.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import scala.Tuple2;

/**
 * Ranking and threshold metrics of scored rows ({@code score}, {@code label}). AUCs come from the
 * scores (probabilities or margins), never from 0/1 predictions.
 *
 * @param aucRoc    area under the ROC curve
 * @param aucPr     area under the precision-recall curve
 * @param threshold score at or above which a row is predicted yes
 */
public record BinaryMetrics(double aucRoc, double aucPr, double threshold, long tp, long fp, long tn, long fn) {

    public long rows() {
        return tp + fp + tn + fn;
    }

    public double accuracy() {
        return rows() == 0 ? 0.0 : (double) (tp + tn) / rows();
    }

    public double precision() {
        return tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** Share of positives: the AUC-PR of a model that ranks at random. */
    public double baseRate() {
        return rows() == 0 ? 0.0 : (double) (tp + fn) / rows();
    }

    public static BinaryMetrics evaluate(Dataset<Row> scored, double threshold) {
        BinaryClassificationMetrics m = curveMetrics(scored, 0);
        double aucRoc = m.areaUnderROC();
        double aucPr = m.areaUnderPR();
        m.unpersist();
        Row c = scored.agg(
                sum(when(col(Scores.SCORE).geq(threshold).and(col(LabeledData.LABEL).equalTo(1.0)), 1).otherwise(0)).cast("long"),
                sum(when(col(Scores.SCORE).geq(threshold).and(col(LabeledData.LABEL).equalTo(0.0)), 1).otherwise(0)).cast("long"),
                sum(when(col(Scores.SCORE).lt(threshold).and(col(LabeledData.LABEL).equalTo(0.0)), 1).otherwise(0)).cast("long"),
                sum(when(col(Scores.SCORE).lt(threshold).and(col(LabeledData.LABEL).equalTo(1.0)), 1).otherwise(0)).cast("long")).first();
        return new BinaryMetrics(aucRoc, aucPr, threshold, longOrZero(c, 0), longOrZero(c, 1), longOrZero(c, 2),
                longOrZero(c, 3));
    }

    private static long longOrZero(Row r, int i) {
        return r.isNullAt(i) ? 0L : r.getLong(i);
    }

    /** Area under the precision-recall curve only (for model selection on validation rows). */
    public static double aucPr(Dataset<Row> scored) {
        BinaryClassificationMetrics m = curveMetrics(scored, 0);
        double v = m.areaUnderPR();
        m.unpersist();
        return v;
    }

    public static double aucRoc(Dataset<Row> scored) {
        BinaryClassificationMetrics m = curveMetrics(scored, 0);
        double v = m.areaUnderROC();
        m.unpersist();
        return v;
    }

    /** The score threshold that maximises F1 on these rows (0.5 if there is no positive row). */
    public static double bestF1Threshold(Dataset<Row> scored) {
        BinaryClassificationMetrics m = curveMetrics(scored, 0);
        double best = 0.5;
        double bestF1 = -1;
        for (Tuple2<Object, Object> t : m.fMeasureByThreshold().toJavaRDD().collect()) {
            double f1 = (Double) t._2();
            if (f1 > bestF1) {
                bestF1 = f1;
                best = (Double) t._1();
            }
        }
        m.unpersist();
        return best;
    }

    /** ROC and PR curves, down-sampled to about {@code bins} points, for charts. */
    public static Curves curves(Dataset<Row> scored, int bins) {
        BinaryClassificationMetrics m = curveMetrics(scored, bins);
        Curves c = new Curves(points(m.roc().toJavaRDD().collect()), points(m.pr().toJavaRDD().collect()));
        m.unpersist();
        return c;
    }

    /**
     * Curve points as {@code [x, y]} pairs.
     *
     * @param roc (false positive rate, true positive rate)
     * @param pr  (recall, precision)
     */
    public record Curves(List<double[]> roc, List<double[]> pr) {
    }

    private static List<double[]> points(List<Tuple2<Object, Object>> raw) {
        List<double[]> out = new ArrayList<>(raw.size());
        for (Tuple2<Object, Object> t : raw) {
            out.add(new double[] {(Double) t._1(), (Double) t._2()});
        }
        return out;
    }

    private static BinaryClassificationMetrics curveMetrics(Dataset<Row> scored, int bins) {
        org.apache.spark.api.java.JavaRDD<Tuple2<Object, Object>> pairs = scored
                .select(col(Scores.SCORE), col(LabeledData.LABEL)).javaRDD()
                .map(r -> new Tuple2<>((Object) r.getDouble(0), (Object) r.getDouble(1)));
        return new BinaryClassificationMetrics(pairs.rdd(), bins);
    }
}
