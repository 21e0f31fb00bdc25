package dev.bankml.training;

import java.util.List;
import java.util.Map;

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
}
