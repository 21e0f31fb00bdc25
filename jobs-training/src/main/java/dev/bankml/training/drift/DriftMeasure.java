package dev.bankml.training.drift;

import java.util.Map;

/**
 * How far one delivery's population is from the champion's reference.
 *
 * @param rows       rows measured
 * @param psi        population stability index per feature
 * @param maxPsi     the largest of {@code psi} (calendar columns aside: {@link Profiles#CALENDAR}) and
 *                   {@code scorePsi} (NaN when nothing was measured)
 * @param maxPsiOf   the feature (or {@code score}) with the largest index
 * @param scorePsi   the score's index (NaN when the rows were not scored)
 * @param unseen     per categorical feature, the values the champion never saw in training, with counts
 */
public record DriftMeasure(long rows, Map<String, Double> psi, double maxPsi, String maxPsiOf, double scorePsi,
                           Map<String, Map<String, Long>> unseen) {

    public DriftMeasure {
        psi = Map.copyOf(psi);
        unseen = Map.copyOf(unseen);
    }

    /** How many rows carry at least one unseen value: counted per value, so a row can count twice. */
    public long unseenValues() {
        return unseen.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
    }
}
