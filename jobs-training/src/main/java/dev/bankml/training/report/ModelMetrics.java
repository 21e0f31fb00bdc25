package dev.bankml.training.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.candidates.Tuning;
import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.evaluation.GroupMetrics;
import dev.bankml.training.evaluation.Lift;
import dev.bankml.training.features.FeatureSet;
import dev.bankml.workflow.quality.FeatureSets;

/**
 * One model of one training run: the record of {@code metrics.json} and of the Parquet metrics
 * history. Test metrics come from the untouched test split; {@code validation_*} from tuning.
 * {@code alift} is the area under the cumulative gains curve (Moro et al. 2014), {@code auc_roc_se}
 * Hanley and McNeil's standard error of the AUC-ROC; {@code brier_raw}/{@code ece_raw} measure the
 * model's own probabilities (NaN for the SVM's margins) and {@code brier}/{@code ece} the calibrated
 * ones ({@code calibration}: the calibrator chosen on the validation rows); {@code lift} holds the
 * test split's ten deciles by score; {@code reasons_method} how per-row reasons are computed.
 */
public record ModelMetrics(
        String runId,
        String label,
        String model,
        boolean isChampion,
        boolean promoted,
        double aucRoc,
        double aucPr,
        double accuracy,
        double precision,
        double recall,
        double f1,
        long tp,
        long fp,
        long tn,
        long fn,
        double threshold,
        String scoreType,
        double baseRate,
        double alift,
        double aucRocSe,
        String calibration,
        double brierRaw,
        double eceRaw,
        double brier,
        double ece,
        String reasonsMethod,
        List<Lift.Decile> lift,
        double validationAucPr,
        double validationAucRoc,
        long trainRows,
        long testRows,
        double trainSeconds,
        String tuning,
        String validationScheme,
        long seed,
        Map<String, String> hyperParameters,
        List<String> features,
        List<String> excludedFeatures,
        String featureSet,
        String createdAt) {

    /**
     * What every model of a run shares.
     *
     * @param tuning the budget's name ({@code fast}, {@code standard}, {@code thorough})
     */
    public record Run(String runId, String label, long trainRows, String tuning, String validationScheme, long seed,
                      List<String> features, List<String> excludedFeatures, String createdAt) {
    }

    /** The role a model plays in its run. */
    public enum Role {
        /** Trained and evaluated, not the run's best. */
        CANDIDATE,
        /** The run's best, kept by the quality gate's decision not to replace the previous champion. */
        CHAMPION_NOT_PROMOTED,
        /** The run's best, now the label's champion. */
        CHAMPION_PROMOTED;

        public static Role of(boolean champion, boolean promoted) {
            return !champion ? CANDIDATE : promoted ? CHAMPION_PROMOTED : CHAMPION_NOT_PROMOTED;
        }
    }

    /** Hyper-parameters as text, for metrics and reports. */
    static Map<String, String> asText(Map<String, Object> hyperParameters) {
        Map<String, String> out = new LinkedHashMap<>();
        hyperParameters.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** The metrics row of one model: the run's facts, its role, its test metrics and its tuning. */
    public static ModelMetrics of(Run run, ModelResult model, Role role) {
        BinaryMetrics test = model.test();
        Tuning.Result tuning = model.tuning();
        return new ModelMetrics(run.runId(), run.label(), model.algorithm().id(),
                role != Role.CANDIDATE, role == Role.CHAMPION_PROMOTED,
                test.aucRoc(), test.aucPr(), test.accuracy(), test.precision(), test.recall(), test.f1(),
                test.tp(), test.fp(), test.tn(), test.fn(), test.threshold(), model.algorithm().scoreType(),
                test.baseRate(), model.lift().alift(),
                GroupMetrics.aucStandardError(test.aucRoc(), test.tp() + test.fn(), test.fp() + test.tn()),
                model.calibration().calibrator().method(), model.calibration().before().brier(),
                model.calibration().before().ece(), model.calibration().after().brier(),
                model.calibration().after().ece(), model.reasonsMethod(), model.lift().deciles(),
                tuning.validationAucPr(), tuning.validationAucRoc(),
                run.trainRows(), test.rows(), model.trainSeconds(),
                run.tuning(), run.validationScheme(), run.seed(), asText(tuning.hyperParameters()),
                run.features(), run.excludedFeatures(),
                FeatureSet.afterCall(run.features()).isEmpty() ? FeatureSets.PRE_CALL : FeatureSets.ALL, run.createdAt());
    }
}
