package dev.bankml.training.report;

import java.util.List;
import java.util.Map;

import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.candidates.Tuning;
import dev.bankml.training.evaluation.BinaryMetrics;

/**
 * One model of one training run: the record of {@code metrics.json} and of the Parquet metrics
 * history. Test metrics come from the untouched test split; {@code validation_*} from tuning.
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
        Map<String, String> out = new java.util.LinkedHashMap<>();
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
                test.baseRate(),
                tuning.validationAucPr(), tuning.validationAucRoc(),
                run.trainRows(), test.rows(), model.trainSeconds(),
                run.tuning(), run.validationScheme(), run.seed(), asText(tuning.hyperParameters()),
                run.features(), run.excludedFeatures(), run.createdAt());
    }
}
