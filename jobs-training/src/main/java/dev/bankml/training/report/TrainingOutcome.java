package dev.bankml.training.report;

import java.util.List;

import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.champion.GateDecision;

/**
 * What a training run produced, for callers (the local runner's summary) and the report. A run the
 * retraining policy skipped trained nothing: {@link #trained()} is false and it holds no model.
 *
 * @param modelDir the saved champion model
 * @param runDir   the run's metrics folder (metrics.json, curves.json, report.html)
 * @param seconds  wall time of the whole run
 * @param trained  whether the run trained (or the retraining policy skipped it)
 * @param decision why it trained, or why not
 */
public record TrainingOutcome(String runId, String label, List<ModelMetrics> metrics, List<ModelResult> results,
                              GateDecision gate, String modelDir, String runDir, double seconds, boolean trained,
                              String decision) {

    /** A run that did not train, and why. */
    public static TrainingOutcome skipped(String runId, String label, String reason, double seconds) {
        return new TrainingOutcome(runId, label, List.of(), List.of(), null, "", "", seconds, false, reason);
    }

    public ModelMetrics champion() {
        return metrics.stream().filter(ModelMetrics::isChampion).findFirst().orElseThrow();
    }

    public ModelResult championResult() {
        return results.stream().filter(r -> r.algorithm().id().equals(champion().model())).findFirst().orElseThrow();
    }
}
