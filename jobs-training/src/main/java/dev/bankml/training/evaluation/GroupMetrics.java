package dev.bankml.training.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A model's test metrics within one group of customers (an age band, a job), so that a gap between
 * groups shows: ranking (AUC-ROC with its standard error), calibration (mean calibrated probability
 * against the rate of yes, Brier score) and the decision at the threshold (share predicted yes,
 * precision, recall). AUC-ROC is NaN in a group without both classes.
 *
 * @param group           what the groups are of ({@code age} or {@code job})
 * @param value           this group ({@code <25}, {@code student}...)
 * @param aucRocSe        Hanley and McNeil's standard error of the AUC-ROC
 * @param meanProbability the mean calibrated probability
 * @param brier           the Brier score of the calibrated probabilities
 * @param predictedYes    share of the group at or above the threshold
 */
public record GroupMetrics(String group, String value, long rows, long positives, double baseRate, double aucRoc,
                           double aucRocSe, double meanProbability, double brier, double predictedYes,
                           double precision, double recall) {

    /** The age bands of the model card (age is a protected basis in credit decisions). */
    public static String ageBand(int age) {
        return age < 25 ? "<25" : age <= 60 ? "25-60" : ">60";
    }

    public static final List<String> AGE_BANDS = List.of("<25", "25-60", ">60");

    /**
     * Metrics per group, groups in the order of {@code order} (others after, in order of appearance).
     *
     * @param rows          scores (the ranking scores) and outcomes
     * @param probabilities the calibrated probabilities of the same rows
     * @param groupOf       each row's group
     * @param threshold     the decision threshold on the score
     */
    public static List<GroupMetrics> of(String group, List<String> order, ScoredRows rows, double[] probabilities,
                                        IntFunction<String> groupOf, double threshold) {
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        order.forEach(v -> members.put(v, new ArrayList<>()));
        for (int i = 0; i < rows.size(); i++) {
            members.computeIfAbsent(groupOf.apply(i), k -> new ArrayList<>()).add(i);
        }
        List<GroupMetrics> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
            int[] index = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            if (index.length == 0) {
                continue;
            }
            out.add(one(group, e.getKey(), rows.subset(index), subset(probabilities, index), threshold));
        }
        return out;
    }

    static GroupMetrics one(String group, String value, ScoredRows rows, double[] probabilities, double threshold) {
        long n = rows.size();
        long pos = rows.positives();
        long neg = n - pos;
        double auc = pos == 0 || neg == 0 ? Double.NaN : rows.ranking().aucRoc();
        long predicted = 0;
        long tp = 0;
        double sumP = 0;
        for (int i = 0; i < n; i++) {
            boolean yes = rows.scores()[i] >= threshold;
            predicted += yes ? 1 : 0;
            tp += yes && rows.positive()[i] ? 1 : 0;
            sumP += probabilities[i];
        }
        return new GroupMetrics(group, value, n, pos, (double) pos / n, auc, aucStandardError(auc, pos, neg),
                sumP / n, BinaryMetrics.brier(probabilities, rows.positive()), (double) predicted / n,
                predicted == 0 ? Double.NaN : (double) tp / predicted, pos == 0 ? Double.NaN : (double) tp / pos);
    }

    /**
     * Hanley and McNeil's (1982) standard error of an AUC-ROC from {@code positives} and {@code negatives}
     * rows: a 95% interval is about AUC ± 1.96 SE.
     */
    public static double aucStandardError(double auc, long positives, long negatives) {
        if (Double.isNaN(auc) || positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        double q1 = auc / (2 - auc);
        double q2 = 2 * auc * auc / (1 + auc);
        double v = (auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc))
                / ((double) positives * negatives);
        return Math.sqrt(Math.max(0, v));
    }

    private static double[] subset(double[] values, int[] index) {
        double[] out = new double[index.length];
        for (int k = 0; k < index.length; k++) {
            out[k] = values[index[k]];
        }
        return out;
    }
}
