package dev.bankml.training.evaluation;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.bankml.training.data.TrainingColumns;

/**
 * Ranking and threshold metrics of scored rows ({@code score}, {@code label}). AUCs come from the
 * scores (probabilities or margins), never from 0/1 predictions.
 *
 * <p>The scored rows are collected once and measured on the driver ({@link Ranking}): a test or
 * held-out split is a few thousand to a few hundred thousand pairs of doubles, and one Spark job
 * per model is much cheaper than the dozen that MLlib's RDD-based BinaryClassificationMetrics runs
 * for each metric. The definitions are MLlib's: one point per distinct score, trapezoids, the PR
 * curve starting at (0, precision at the highest score).
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

    /** Mean squared error of probabilities against the outcomes (lower is better; 0.25 for a constant 0.5). */
    public static double brier(double[] probabilities, boolean[] positive) {
        if (probabilities.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (positive[i] ? 1.0 : 0.0);
            sum += d * d;
        }
        return sum / probabilities.length;
    }

    public static BinaryMetrics evaluate(Dataset<Row> scored, double threshold) {
        return Ranking.of(scored).evaluate(threshold);
    }

    /** Area under the precision-recall curve only (for model selection on validation rows). */
    public static double aucPr(Dataset<Row> scored) {
        return Ranking.of(scored).aucPr();
    }

    public static double aucRoc(Dataset<Row> scored) {
        return Ranking.of(scored).aucRoc();
    }

    /** The score threshold that maximises F1 on these rows (0.5 if there is no positive row). */
    public static double bestF1Threshold(Dataset<Row> scored) {
        return Ranking.of(scored).bestF1Threshold();
    }

    /** ROC and PR curves, down-sampled to about {@code bins} points, for charts. */
    public static Curves curves(Dataset<Row> scored, int bins) {
        return Ranking.of(scored).curves(bins);
    }

    /**
     * Curve points as {@code [x, y]} pairs.
     *
     * @param roc (false positive rate, true positive rate)
     * @param pr  (recall, precision)
     */
    public record Curves(List<double[]> roc, List<double[]> pr) {
    }

    /**
     * Scored rows ranked by score, highest first, as cumulative counts per distinct score: every
     * metric above is a pass over these arrays.
     */
    public static final class Ranking {
        private final double[] thresholds;
        private final long[] tpAt;
        private final long[] fpAt;
        private final long positives;
        private final long negatives;

        private Ranking(double[] scores, boolean[] positive) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            double[] th = new double[scores.length];
            long[] tps = new long[scores.length];
            long[] fps = new long[scores.length];
            int n = 0;
            long tp = 0;
            long fp = 0;
            for (int k = 0; k < order.length; k++) {
                int i = order[k];
                if (positive[i]) {
                    tp++;
                } else {
                    fp++;
                }
                boolean lastOfScore = k + 1 == order.length || scores[order[k + 1]] != scores[i];
                if (lastOfScore) {
                    th[n] = scores[i];
                    tps[n] = tp;
                    fps[n] = fp;
                    n++;
                }
            }
            this.thresholds = Arrays.copyOf(th, n);
            this.tpAt = Arrays.copyOf(tps, n);
            this.fpAt = Arrays.copyOf(fps, n);
            this.positives = tp;
            this.negatives = fp;
        }

        /** Collects {@code score} and {@code label} (positive when above 0.5, as in MLlib) in one Spark job. */
        public static Ranking of(Dataset<Row> scored) {
            return ofRows(scored.select(col(TrainingColumns.SCORE), col(TrainingColumns.LABEL)).collectAsList());
        }

        /** From collected rows of (score, label), label positive when above 0.5. */
        public static Ranking ofRows(List<Row> rows) {
            double[] scores = new double[rows.size()];
            boolean[] positive = new boolean[rows.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = rows.get(i).getDouble(0);
                positive[i] = rows.get(i).getDouble(1) > 0.5;
            }
            return of(scores, positive);
        }

        public static Ranking of(double[] scores, boolean[] positive) {
            return new Ranking(scores, positive);
        }

        public long rows() {
            return positives + negatives;
        }

        private double recall(int i) {
            return positives == 0 ? 0.0 : (double) tpAt[i] / positives;
        }

        private double precision(int i) {
            long predicted = tpAt[i] + fpAt[i];
            return predicted == 0 ? 1.0 : (double) tpAt[i] / predicted;
        }

        private double falsePositiveRate(int i) {
            return negatives == 0 ? 0.0 : (double) fpAt[i] / negatives;
        }

        public double aucRoc() {
            return trapezoid(rocPoints(thresholds.length));
        }

        public double aucPr() {
            return trapezoid(prPoints(thresholds.length));
        }

        /** The score with the best F1 (the highest such score on ties; 0.5 without any row). */
        public double bestF1Threshold() {
            double best = 0.5;
            double bestF1 = -1;
            for (int i = 0; i < thresholds.length; i++) {
                double p = precision(i);
                double r = recall(i);
                double f1 = p + r == 0 ? 0.0 : 2 * p * r / (p + r);
                if (f1 > bestF1) {
                    bestF1 = f1;
                    best = thresholds[i];
                }
            }
            return best;
        }

        /** AUCs and the confusion matrix of predicting yes at or above {@code threshold}. */
        public BinaryMetrics evaluate(double threshold) {
            long tp = 0;
            long fp = 0;
            for (int i = 0; i < thresholds.length && thresholds[i] >= threshold; i++) {
                tp = tpAt[i];
                fp = fpAt[i];
            }
            return new BinaryMetrics(aucRoc(), aucPr(), threshold, tp, fp, negatives - fp, positives - tp);
        }

        /**
         * The area under the cumulative gains curve (share of rows called, highest scores first, against
         * the share of yes rows captured): ALIFT, with trapezoids across tied scores.
         */
        public double areaUnderGains() {
            return trapezoid(gainsPoints(thresholds.length));
        }

        /** The cumulative gains curve with at most about {@code points} points, from (0, 0) to (1, 1). */
        public List<double[]> gains(int points) {
            return gainsPoints(points);
        }

        private List<double[]> gainsPoints(int points) {
            List<double[]> out = new ArrayList<>();
            out.add(new double[] {0.0, 0.0});
            long n = rows();
            for (int i : sampled(points)) {
                out.add(new double[] {n == 0 ? 0.0 : (double) (tpAt[i] + fpAt[i]) / n, recall(i)});
            }
            if (thresholds.length == 0) {
                out.add(new double[] {1.0, 1.0});
            }
            return out;
        }

        /** ROC and PR curves with at most about {@code bins} points each, for charts. */
        public Curves curves(int bins) {
            return new Curves(rocPoints(bins), prPoints(bins));
        }

        /** Indices of the thresholds kept when a curve is drawn with about {@code points} points (the last always). */
        private int[] sampled(int points) {
            int n = thresholds.length;
            int step = Math.max(1, (int) Math.ceil((double) n / Math.max(1, points)));
            int[] out = new int[(n + step - 1) / step];
            int k = 0;
            for (int i = step - 1; i < n; i += step) {
                out[k++] = i;
            }
            if (k < out.length) {
                out[k++] = n - 1;
            }
            return Arrays.copyOf(out, k);
        }

        private List<double[]> rocPoints(int points) {
            List<double[]> out = new ArrayList<>();
            out.add(new double[] {0.0, 0.0});
            for (int i : sampled(points)) {
                out.add(new double[] {falsePositiveRate(i), recall(i)});
            }
            out.add(new double[] {1.0, 1.0});
            return out;
        }

        private List<double[]> prPoints(int points) {
            List<double[]> out = new ArrayList<>();
            if (thresholds.length == 0) {
                return out;
            }
            out.add(new double[] {0.0, precision(0)});
            for (int i : sampled(points)) {
                out.add(new double[] {recall(i), precision(i)});
            }
            return out;
        }

        private static double trapezoid(List<double[]> points) {
            double area = 0;
            for (int i = 1; i < points.size(); i++) {
                double[] a = points.get(i - 1);
                double[] b = points.get(i);
                area += (b[0] - a[0]) * (a[1] + b[1]) / 2.0;
            }
            return area;
        }
    }
}
