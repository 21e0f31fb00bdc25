package dev.bankml.training.drift;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The population stability index of an observed distribution against a reference one:
 * {@code sum over bins of (a - e) * ln(a / e)}, with the shares of each bin in the observed ({@code a})
 * and reference ({@code e}) data. A bin empty on one side gets a share of {@value #FLOOR}, so an
 * unseen category or an emptied bin counts, boundedly. Rule of thumb: below 0.1 stable, 0.1 to 0.25
 * a moderate shift, above 0.25 a large one. Pure.
 */
public final class Psi {
    /** The share an empty bin counts as. */
    static final double FLOOR = 1e-4;

    private Psi() {
    }

    /**
     * @param expected reference shares per bin (summing to 1)
     * @param observed counts per bin in the new data (bins absent from the reference count too)
     */
    public static double of(Map<String, Double> expected, Map<String, Long> observed) {
        long total = observed.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return Double.NaN;
        }
        Set<String> bins = new LinkedHashSet<>(expected.keySet());
        bins.addAll(observed.keySet());
        double psi = 0;
        for (String b : bins) {
            double e = Math.max(FLOOR, expected.getOrDefault(b, 0.0));
            double a = Math.max(FLOOR, (double) observed.getOrDefault(b, 0L) / total);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
