package dev.bankml.training;

import java.util.List;

/**
 * Describes one saved model: written as {@code model.json} beside every run's model, and as
 * {@code champion.json} (the pointer the inference job reads) when that model is promoted.
 *
 * @param modelDir   the model folder, relative to the label's model root
 * @param scoreType  {@code probability} (threshold on P(yes)) or {@code margin} (LinearSVC)
 * @param threshold  the decision threshold chosen on validation rows
 * @param features   the raw columns the model reads
 */
public record ChampionPointer(String runId, String label, String model, String modelDir, String scoreType,
                              double threshold, List<String> features, List<String> excludedFeatures,
                              double testAucRoc, double testAucPr, double validationAucPr, String createdAt) {
}
