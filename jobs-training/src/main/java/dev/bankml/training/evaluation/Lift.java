package dev.bankml.training.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What calling the top of the ranking yields: the rows cut into ten deciles by score (highest
 * first), each with its rows, its yes rows, the share of all yes rows captured down to it and the
 * cumulative lift (the rate of yes down to it over the base rate); the cumulative gains curve (share
 * of rows called, share of yes captured); and ALIFT, the area under that curve as Moro, Cortez and
 * Rita (2014) report it next to AUC: 0.5 for a random ranking, {@code 1 - base rate / 2} for a
 * perfect one, and always {@code base rate / 2 + (1 - base rate) * AUC-ROC}.
 *
 * @param gains curve points (share of rows, share of yes), from (0, 0) to (1, 1)
 */
public record Lift(List<Decile> deciles, double alift, List<double[]> gains) {

    public static final int DECILES = 10;

    /**
     * One decile of the ranking.
     *
     * @param decile          1 = the highest scores
     * @param captured        share of all yes rows in this decile and the ones above it
     * @param cumulativeLift  rate of yes in this decile and the ones above, over the base rate
     */
    public record Decile(int decile, long rows, long positives, double captured, double cumulativeLift) {
    }

    public Lift {
        deciles = List.copyOf(deciles);
        gains = List.copyOf(gains);
    }

    /**
     * Deciles of rows sorted by score, highest first; tied scores that straddle a decile boundary are
     * cut in collection order. {@code points} bounds the gains curve's points.
     */
    public static Lift of(ScoredRows rows, int points) {
        int n = rows.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] s = rows.scores();
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        long positives = rows.positives();
        double baseRate = n == 0 ? 0 : (double) positives / n;
        List<Decile> deciles = new ArrayList<>();
        long cumRows = 0;
        long cumPos = 0;
        int k = 0;
        for (int d = 1; d <= DECILES && n > 0; d++) {
            int end = (int) Math.round((double) n * d / DECILES);
            long pos = 0;
            int start = k;
            for (; k < end; k++) {
                pos += rows.positive()[order[k]] ? 1 : 0;
            }
            cumRows += end - start;
            cumPos += pos;
            deciles.add(new Decile(d, end - start, pos, positives == 0 ? 0 : (double) cumPos / positives,
                    cumRows == 0 || baseRate == 0 ? 0 : (double) cumPos / cumRows / baseRate));
        }
        BinaryMetrics.Ranking ranking = rows.ranking();
        return new Lift(deciles, ranking.areaUnderGains(), ranking.gains(points));
    }
}
