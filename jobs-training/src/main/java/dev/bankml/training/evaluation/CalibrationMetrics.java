package dev.bankml.training.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * How well probabilities match outcomes: the Brier score (mean squared error), the expected
 * calibration error over {@link #BINS} equal-width bins (the rows' share-weighted mean of
 * |mean probability - rate of yes| per bin) and the bins themselves, for a reliability diagram.
 * NaN (and no bin) for scores that are not probabilities.
 */
public record CalibrationMetrics(double brier, double ece, List<Bin> bins) {

    public static final int BINS = 10;

    /**
     * One bin of the reliability diagram.
     *
     * @param lower          the bin's lowest probability (included)
     * @param upper          its highest (excluded, but 1.0 is in the last bin)
     * @param meanPredicted  the mean probability of its rows
     * @param observedRate   their rate of yes
     */
    public record Bin(double lower, double upper, long rows, double meanPredicted, double observedRate) {
    }

    public static final CalibrationMetrics NOT_PROBABILITIES = new CalibrationMetrics(Double.NaN, Double.NaN, List.of());

    public CalibrationMetrics {
        bins = List.copyOf(bins);
    }

    public static CalibrationMetrics of(double[] probabilities, boolean[] positive) {
        if (probabilities.length == 0) {
            return NOT_PROBABILITIES;
        }
        long[] n = new long[BINS];
        double[] sumP = new double[BINS];
        long[] yes = new long[BINS];
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            int b = Math.min(BINS - 1, Math.max(0, (int) Math.floor(p * BINS)));
            n[b]++;
            sumP[b] += p;
            yes[b] += positive[i] ? 1 : 0;
        }
        double ece = 0;
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            if (n[b] == 0) {
                continue;
            }
            double mean = sumP[b] / n[b];
            double rate = (double) yes[b] / n[b];
            ece += (double) n[b] / probabilities.length * Math.abs(mean - rate);
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, n[b], mean, rate));
        }
        return new CalibrationMetrics(BinaryMetrics.brier(probabilities, positive), ece, bins);
    }
}
