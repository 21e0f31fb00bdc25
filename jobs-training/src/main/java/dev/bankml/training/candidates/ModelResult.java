package dev.bankml.training.candidates;

import java.util.List;

import org.apache.spark.ml.PipelineModel;

import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.evaluation.FeatureWeights;

/**
 * Everything one algorithm produced in a run: its tuning, its whole fitted pipeline, its metrics on
 * the test split, its curves and what it leans on.
 */
public record ModelResult(Algorithm algorithm, Tuning.Result tuning, PipelineModel pipeline, BinaryMetrics test,
                          BinaryMetrics.Curves curves, String weightKind, List<FeatureWeights.FeatureWeight> weights,
                          double trainSeconds) {

    /** The run's champion: the best validation AUC-PR (the test split only measures it). */
    public static ModelResult bestByValidation(List<ModelResult> results) {
        return results.stream().max(java.util.Comparator.comparingDouble(r -> r.tuning().validationAucPr()))
                .orElseThrow();
    }
}
