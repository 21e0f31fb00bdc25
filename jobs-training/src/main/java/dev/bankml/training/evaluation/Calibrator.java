package dev.bankml.training.evaluation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Maps a model's ranking score to a probability that means what it says, fitted on held-out rows:
 * Platt scaling ({@code p = 1 / (1 + exp(-(slope * x + intercept)))}) or isotonic regression (a
 * non-decreasing step function, interpolated linearly between its knots). Both read the same input
 * {@code x}: the log-odds of P(yes) for models with probabilities (so Platt scaling is a logistic
 * fit of the log-odds, a no-op when the model is calibrated already), the margin for the linear SVM.
 * Saved with the model (in its descriptor) and applied when it scores.
 *
 * @param method    {@link #PLATT} or {@link #ISOTONIC}
 * @param input     {@link #LOG_ODDS} or {@link #MARGIN}: what {@code x} is
 * @param slope     Platt: the slope on {@code x}
 * @param intercept Platt: the intercept
 * @param knots     isotonic: increasing {@code x} values
 * @param values    isotonic: the probability at each knot (non-decreasing)
 */
public record Calibrator(String method, String input, double slope, double intercept, double[] knots,
                         double[] values) implements Serializable {

    public static final String PLATT = "platt";
    public static final String ISOTONIC = "isotonic";
    public static final String LOG_ODDS = "log_odds";
    public static final String MARGIN = "margin";
    /** Probabilities are clipped to [EPS, 1 - EPS] before their log-odds are taken. */
    static final double EPS = 1e-7;

    public Calibrator {
        knots = knots == null ? new double[0] : knots;
        values = values == null ? new double[0] : values;
    }

    /** The input of a score: its log-odds when it is a probability, else the score itself. */
    public static String inputOf(boolean scoreIsProbability) {
        return scoreIsProbability ? LOG_ODDS : MARGIN;
    }

    /** The calibrated probability of a score. */
    public double apply(double score) {
        double x = x(score);
        if (PLATT.equals(method)) {
            return sigmoid(slope * x + intercept);
        }
        return interpolate(knots, values, x);
    }

    /** The calibrated probability of a score column, computed where the rows are. */
    public Column column(Column score) {
        Calibrator self = this;
        UDF1<Double, Double> f = s -> s == null ? null : self.apply(s);
        return org.apache.spark.sql.functions.udf(f, DataTypes.DoubleType).apply(score);
    }

    public double[] apply(double[] scores) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = apply(scores[i]);
        }
        return out;
    }

    private double x(double score) {
        if (!LOG_ODDS.equals(input)) {
            return score;
        }
        double p = Math.min(1 - EPS, Math.max(EPS, score));
        return Math.log(p / (1 - p));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    static double interpolate(double[] xs, double[] ys, double x) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        if (x <= xs[0]) {
            return ys[0];
        }
        if (x >= xs[xs.length - 1]) {
            return ys[ys.length - 1];
        }
        int i = Arrays.binarySearch(xs, x);
        if (i >= 0) {
            return ys[i];
        }
        int hi = -i - 1;
        int lo = hi - 1;
        double t = (x - xs[lo]) / (xs[hi] - xs[lo]);
        return ys[lo] + t * (ys[hi] - ys[lo]);
    }

    /** Platt scaling fitted on these rows (Newton's method with Platt's smoothed targets). */
    public static Calibrator platt(ScoredRows rows, boolean scoreIsProbability) {
        String input = inputOf(scoreIsProbability);
        Calibrator identity = new Calibrator(PLATT, input, 1, 0, null, null);
        double[] x = new double[rows.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = identity.x(rows.scores()[i]);
        }
        double[] ab = fitSigmoid(x, rows.positive());
        return new Calibrator(PLATT, input, ab[0], ab[1], null, null);
    }

    /**
     * Minimises the log-loss of {@code sigmoid(a x + b)} against Platt's targets ((N+ + 1) / (N+ + 2)
     * for a yes, 1 / (N- + 2) for a no), by Newton's method with a backtracking line search (Lin, Lin
     * and Weng, "A note on Platt's probabilistic outputs for support vector machines", 2007).
     */
    static double[] fitSigmoid(double[] x, boolean[] positive) {
        long pos = 0;
        for (boolean p : positive) {
            pos += p ? 1 : 0;
        }
        long neg = positive.length - pos;
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double[] t = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = positive[i] ? hi : lo;
        }
        double a = 1;
        double b = 0;
        double f = logLoss(x, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double g1 = 0;
            double g2 = 0;
            double h11 = 1e-12;
            double h22 = 1e-12;
            double h21 = 0;
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(a * x[i] + b);
                double d = p - t[i];
                double w = p * (1 - p);
                g1 += x[i] * d;
                g2 += d;
                h11 += x[i] * x[i] * w;
                h22 += w;
                h21 += x[i] * w;
            }
            if (Math.abs(g1) < 1e-9 * x.length && Math.abs(g2) < 1e-9 * x.length) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double da = -(h22 * g1 - h21 * g2) / det;
            double db = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * da + g2 * db;
            double step = 1;
            boolean moved = false;
            while (step >= 1e-10) {
                double na = a + step * da;
                double nb = b + step * db;
                double nf = logLoss(x, t, na, nb);
                if (nf < f + 1e-4 * step * gd) {
                    a = na;
                    b = nb;
                    f = nf;
                    moved = true;
                    break;
                }
                step /= 2;
            }
            if (!moved) {
                break;
            }
        }
        return new double[] {a, b};
    }

    private static double logLoss(double[] x, double[] t, double a, double b) {
        double f = 0;
        for (int i = 0; i < x.length; i++) {
            double z = a * x[i] + b;
            // log(1 + exp(z)) - t z, computed without overflow
            f += (z >= 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t[i] * z;
        }
        return f;
    }

    /**
     * Isotonic regression fitted on these rows by pool-adjacent-violators: the non-decreasing step
     * function of {@code x} closest to the outcomes in squared error. Each pooled block becomes two
     * knots (its smallest and largest {@code x}, both at the block's rate of yes).
     */
    public static Calibrator isotonic(ScoredRows rows, boolean scoreIsProbability) {
        String input = inputOf(scoreIsProbability);
        Calibrator identity = new Calibrator(PLATT, input, 1, 0, null, null);
        int n = rows.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = identity.x(rows.scores()[i]);
        }
        Arrays.sort(order, (i, j) -> Double.compare(x[i], x[j]));
        // Rows of equal x form one starting block: ties must get one value.
        List<double[]> blocks = new ArrayList<>(); // {sum of y, weight, min x, max x}
        for (int k = 0; k < n; k++) {
            int i = order[k];
            double y = rows.positive()[i] ? 1 : 0;
            if (!blocks.isEmpty() && blocks.get(blocks.size() - 1)[3] == x[i]) {
                double[] last = blocks.get(blocks.size() - 1);
                last[0] += y;
                last[1] += 1;
            } else {
                blocks.add(new double[] {y, 1, x[i], x[i]});
            }
            while (blocks.size() > 1) {
                double[] last = blocks.get(blocks.size() - 1);
                double[] prev = blocks.get(blocks.size() - 2);
                if (prev[0] / prev[1] < last[0] / last[1]) {
                    break;
                }
                prev[0] += last[0];
                prev[1] += last[1];
                prev[3] = last[3];
                blocks.remove(blocks.size() - 1);
            }
        }
        List<double[]> points = new ArrayList<>();
        for (double[] b : blocks) {
            double rate = b[0] / b[1];
            points.add(new double[] {b[2], rate});
            if (b[3] > b[2]) {
                points.add(new double[] {b[3], rate});
            }
        }
        double[] knots = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] values = points.stream().mapToDouble(p -> p[1]).toArray();
        return new Calibrator(ISOTONIC, input, 0, 0, knots, values);
    }

    /** Records with arrays compare by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Calibrator c && method.equals(c.method) && input.equals(c.input)
                && Double.compare(slope, c.slope) == 0 && Double.compare(intercept, c.intercept) == 0
                && Arrays.equals(knots, c.knots) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, input, slope, intercept, Arrays.hashCode(knots), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return PLATT.equals(method)
                ? String.format(Locale.ROOT, "platt(slope %.4f, intercept %.4f on %s)", slope, intercept, input)
                : "isotonic(" + knots.length + " knots on " + input + ")";
    }
}
