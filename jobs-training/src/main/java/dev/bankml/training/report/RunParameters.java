package dev.bankml.training.report;

import java.util.List;

/**
 * What a training run was asked to do, as the report shows it.
 *
 * @param source         the data it read (path or table)
 * @param features       the raw columns its models read
 * @param excluded       the columns left out on request
 * @param models         the algorithms trained
 * @param tuning         the tuning budget's name
 * @param promotionMargin the largest drop of test AUC-PR the quality gate allows
 */
public record RunParameters(String source, String label, List<String> features, List<String> excluded,
                            List<String> models, String tuning, long seed, double testFraction,
                            double promotionMargin) {
    public RunParameters {
        features = List.copyOf(features);
        excluded = List.copyOf(excluded);
        models = List.copyOf(models);
    }
}
