package dev.bankml.training;

import java.util.List;

import org.apache.spark.ml.PipelineModel;

/**
 * Everything one algorithm produced in a run: its tuning, its whole fitted pipeline, its metrics on
 * the test split, its curves and what it leans on.
 */
public record ModelResult(Algorithm algorithm, Tuning.Result tuning, PipelineModel pipeline, BinaryMetrics test,
                          BinaryMetrics.Curves curves, String weightKind, List<FeatureWeights.FeatureWeight> weights,
                          double trainSeconds) {
}
