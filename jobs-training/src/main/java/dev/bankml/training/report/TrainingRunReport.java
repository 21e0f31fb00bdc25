package dev.bankml.training.report;

import java.util.List;
import java.util.Map;

/**
 * What one training run did, written as JSON whatever its outcome (like the cleaning job's report):
 * {@code <metrics>/<label>/runs/<run>/run-report.json} and {@code <metrics>/<label>/latest-run-report.json}.
 *
 * @param status        one of {@link dev.bankml.jobs.RunStatus}
 * @param message       what happened; when the run failed, the cause and what to do
 * @param champion      the run's best model (empty when the run failed before choosing one)
 * @param promoted      whether the champion pointer now names it
 * @param gateReason    the quality gate's words (empty before the gate)
 * @param stageSeconds  wall time of each stage that ran, in order
 * @param modelDir      the saved champion model (empty when none was saved)
 * @param reportFile    the HTML report (empty when none was written)
 * @param decision      {@code trained}, or {@code skipped} when the retraining policy found training not due
 * @param decisionReason why
 */
public record TrainingRunReport(String job, String runId, String label, String status, String message, String source,
                                String startedAt, String finishedAt, List<String> models, String champion,
                                boolean promoted, String gateReason, long trainRows, long testRows,
                                Map<String, Double> stageSeconds, String modelDir, String reportFile, String decision,
                                String decisionReason) {
}
