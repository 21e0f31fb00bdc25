package dev.bankml.training.report;

import java.util.List;

import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.champion.GateDecision;

/**
 * What a training run produced, for callers (the local runner's summary) and the report.
 *
 * @param modelDir the saved champion model
 * @param runDir   the run's metrics folder (metrics.json, curves.json, report.html)
 * @param seconds  wall time of the whole run
 */
public record TrainingOutcome(String runId, String label, List<ModelMetrics> metrics, List<ModelResult> results,
                              GateDecision gate, String modelDir, String runDir, double seconds) {

    public ModelMetrics champion() {
        return metrics.stream().filter(ModelMetrics::isChampion).findFirst().orElseThrow();
    }

    public ModelResult championResult() {
        return results.stream().filter(r -> r.algorithm().id().equals(champion().model())).findFirst().orElseThrow();
    }
}
