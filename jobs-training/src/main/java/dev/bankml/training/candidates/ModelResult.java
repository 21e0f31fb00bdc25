package dev.bankml.training.candidates;

import java.util.Comparator;
import java.util.List;

import org.apache.spark.ml.PipelineModel;

import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.evaluation.Calibration;
import dev.bankml.training.evaluation.FeatureWeights;
import dev.bankml.training.evaluation.Lift;
import dev.bankml.training.evaluation.TestRows;

/**
 * Everything one algorithm produced in a run: its tuning, its whole fitted pipeline, its metrics on
 * the test split, its curves and what it leans on; its calibrator (chosen on the validation rows) and
 * what it does on the test split, its lift by decile, its scored test rows, and how its per-row
 * reasons are computed ({@link dev.bankml.training.evaluation.Reasons#method}) and from what (the mean
 * training feature vector, for the linear models).
 */
public record ModelResult(Algorithm algorithm, Tuning.Result tuning, PipelineModel pipeline, BinaryMetrics test,
                          BinaryMetrics.Curves curves, String weightKind, List<FeatureWeights.FeatureWeight> weights,
                          double trainSeconds, Calibration calibration, Lift lift, TestRows testRows,
                          String reasonsMethod, double[] reasonsBaseline) {

    /** The run's champion: the best validation AUC-PR (the test split only measures it). */
    public static ModelResult bestByValidation(List<ModelResult> results) {
        return results.stream().max(Comparator.comparingDouble(r -> r.tuning().validationAucPr()))
                .orElseThrow();
    }
}
