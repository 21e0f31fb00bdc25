package dev.bankml.training.evaluation;

import java.util.List;

import org.apache.spark.sql.Row;

/**
 * Scored rows collected on the driver: each row's ranking score and whether it is a yes. Every
 * driver-side measure (ranking, calibration, lift, subgroups) reads these arrays, so a split is
 * collected once, whatever is measured on it.
 */
public record ScoredRows(double[] scores, boolean[] positive) {

    public ScoredRows {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " outcomes");
        }
    }

    /** From collected rows whose first two fields are (score, label), positive when the label is above 0.5. */
    public static ScoredRows ofRows(List<Row> rows) {
        double[] scores = new double[rows.size()];
        boolean[] positive = new boolean[rows.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rows.get(i).getDouble(0);
            positive[i] = rows.get(i).getDouble(1) > 0.5;
        }
        return new ScoredRows(scores, positive);
    }

    public int size() {
        return scores.length;
    }

    public long positives() {
        long n = 0;
        for (boolean p : positive) {
            n += p ? 1 : 0;
        }
        return n;
    }

    /** The rows at {@code index}, in that order. */
    public ScoredRows subset(int[] index) {
        double[] s = new double[index.length];
        boolean[] p = new boolean[index.length];
        for (int k = 0; k < index.length; k++) {
            s[k] = scores[index[k]];
            p[k] = positive[index[k]];
        }
        return new ScoredRows(s, p);
    }

    /** The same outcomes with other scores (for example the calibrated probabilities). */
    public ScoredRows withScores(double[] other) {
        return new ScoredRows(other, positive);
    }

    public BinaryMetrics.Ranking ranking() {
        return BinaryMetrics.Ranking.of(scores, positive);
    }
}
