package dev.bankml.workflow;

import java.util.List;

/**
 * The user-facing knobs of one deployment (from {@code cdk.json} context on AWS, from
 * {@code bin/pipeline} options locally).
 *
 * @param environment        short name of the deployment (dimension of every published metric)
 * @param databaseName       Glue / local catalog database holding the crawled tables
 * @param label              the yes/no column to predict
 * @param excludeFeatures    columns never used as features (e.g. {@code duration})
 * @param tuning             tuning budget: {@code fast}, {@code standard} or {@code thorough}
 * @param maxRejectedFraction cleaning fails without publishing above this share of rejected rows
 * @param promotionMargin    a new champion worse than the previous one by more than this is not promoted
 * @param publishMetrics     whether jobs publish CloudWatch metrics
 */
public record PipelineSettings(
        String environment,
        String databaseName,
        String label,
        List<String> excludeFeatures,
        String tuning,
        double maxRejectedFraction,
        double promotionMargin,
        boolean publishMetrics) {

    public static final String DEFAULT_LABEL = "deposit";
    public static final String DEFAULT_TUNING = "standard";
    public static final double DEFAULT_MAX_REJECTED_FRACTION = 0.05;
    public static final double DEFAULT_PROMOTION_MARGIN = 0.01;

    public PipelineSettings {
        excludeFeatures = List.copyOf(excludeFeatures);
        if (!environment.matches("[a-z][a-z0-9-]{0,20}")) {
            throw new IllegalArgumentException("environment '" + environment
                    + "' must be 1-21 lower-case letters, digits or '-', starting with a letter");
        }
        if (!databaseName.matches("[a-z][a-z0-9_]{0,60}")) {
            throw new IllegalArgumentException("databaseName '" + databaseName
                    + "' must be lower-case letters, digits or '_', starting with a letter");
        }
    }

    /** Defaults for a local run. */
    public static PipelineSettings localDefaults() {
        return new PipelineSettings("local", "bankml", DEFAULT_LABEL, List.of(), DEFAULT_TUNING,
                DEFAULT_MAX_REJECTED_FRACTION, DEFAULT_PROMOTION_MARGIN, false);
    }

    public PipelineSettings withLabel(String newLabel) {
        return new PipelineSettings(environment, databaseName, newLabel, excludeFeatures, tuning,
                maxRejectedFraction, promotionMargin, publishMetrics);
    }

    public PipelineSettings withExcludeFeatures(List<String> features) {
        return new PipelineSettings(environment, databaseName, label, features, tuning,
                maxRejectedFraction, promotionMargin, publishMetrics);
    }

    public PipelineSettings withTuning(String newTuning) {
        return new PipelineSettings(environment, databaseName, label, excludeFeatures, newTuning,
                maxRejectedFraction, promotionMargin, publishMetrics);
    }
}
