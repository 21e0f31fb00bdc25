package dev.bankml.training.champion;

import java.util.List;

import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.evaluation.Calibrator;
import dev.bankml.training.features.FeatureSet;

/**
 * Describes one saved model: written as {@code model.json} beside every run's model, and as
 * {@code champion.json} (the pointer the inference job reads) when that model is promoted.
 *
 * @param modelDir   the model folder, relative to the label's model root
 * @param scoreType  {@code probability} (threshold on P(yes)) or {@code margin} (LinearSVC)
 * @param threshold  the decision threshold chosen on validation rows
 * @param features   the raw columns the model reads
 * @param trainRows  rows of the training split it was fitted on
 * @param trainedOn  the ledger versions ({@code batch_id@cleaning_run}) of the outcome deliveries its
 *                   training read (empty for a run without a ledger): the rows it has seen
 * @param calibration   the calibrator scoring applies to the score for {@code probability_yes} (null in a
 *                      descriptor written before calibration: the raw P(yes) is then reported)
 * @param reasonsMethod how scoring computes each row's top reasons ({@code unavailable} for the MLlib trees;
 *                      null in an older descriptor: no reasons)
 * @param reasonsBaseline the mean training feature vector linear contributions are measured from (empty for
 *                      trees)
 */
public record ChampionPointer(String runId, String label, String model, String modelDir, String scoreType,
                              double threshold, List<String> features, List<String> excludedFeatures,
                              double testAucRoc, double testAucPr, double validationAucPr, String createdAt,
                              long trainRows, List<String> trainedOn, Calibrator calibration,
                              String reasonsMethod, double[] reasonsBaseline) {

    /** The file beside a saved model holding its reference profile (what drift is measured against). */
    public static final String REFERENCE_PROFILE = "reference-profile.json";

    public ChampionPointer {
        trainedOn = trainedOn == null ? List.of() : List.copyOf(trainedOn);
    }

    /** The descriptor of a run's champion, saved in {@code modelDir} (relative to the label's model root). */
    public static ChampionPointer of(String runId, String label, ModelResult champion, String modelDir,
                                     FeatureSet features, String createdAt, long trainRows, List<String> trainedOn) {
        return new ChampionPointer(runId, label, champion.algorithm().id(), modelDir, champion.algorithm().scoreType(),
                champion.test().threshold(), features.inputColumns(), features.excluded(), champion.test().aucRoc(),
                champion.test().aucPr(), champion.tuning().validationAucPr(), createdAt, trainRows, trainedOn,
                champion.calibration().calibrator(), champion.reasonsMethod(), champion.reasonsBaseline());
    }

    /** Whether a model of this run reads the same inputs for the same label as {@code other} would. */
    public boolean sameSetting(String label, List<String> features) {
        return this.label.equals(label) && this.features.equals(features);
    }
}
