package dev.bankml.training.report;

import java.util.List;
import java.util.Map;

import dev.bankml.jobs.RunStatus;

/**
 * What one training run did, written as JSON whatever its outcome (like the cleaning job's report):
 * {@code <metrics>/<label>/runs/<run>/run-report.json} and {@code <metrics>/<label>/latest-run-report.json}.
 * Built by name with {@link #builder()}.
 *
 * @param status          one of {@link RunStatus}
 * @param message         what happened; when the run failed, the cause and what to do
 * @param champion        the run's best model (empty when the run failed before choosing one)
 * @param promoted        whether the champion pointer now names it
 * @param gateReason      the quality gate's words (empty before the gate)
 * @param stageSeconds    wall time of each stage that ran, in order
 * @param stageCpuSeconds the CPU time the job's process spent in each stage (all its threads)
 * @param stageSparkJobs  how many Spark jobs each stage started (each is a pass, or a round trip, over the data)
 * @param modelDir        the saved champion model (empty when none was saved)
 * @param reportFile      the HTML report (empty when none was written)
 * @param decision        {@code trained}, or {@code skipped} when the retraining policy found training not due
 * @param decisionReason  why
 * @param dpuSeconds      what the run cost on Glue until the report, in DPU-seconds (null when it was not told its
 *                        workers and their DPUs)
 */
public record TrainingRunReport(String job, String runId, String label, String status, String message, String source,
                                String startedAt, String finishedAt, List<String> models, String champion,
                                boolean promoted, String gateReason, long trainRows, long testRows,
                                Map<String, Double> stageSeconds, Map<String, Double> stageCpuSeconds,
                                Map<String, Integer> stageSparkJobs, String modelDir,
                                String reportFile, String decision, String decisionReason, Double dpuSeconds) {

    public static Builder builder() {
        return new Builder();
    }

    /** Names each field of a report; what is not set is empty (a run that failed early has no champion). */
    public static final class Builder {
        private String job = "";
        private String runId = "";
        private String label = "";
        private String status = "";
        private String message = "";
        private String source = "";
        private String startedAt = "";
        private String finishedAt = "";
        private List<String> models = List.of();
        private String champion = "";
        private boolean promoted;
        private String gateReason = "";
        private long trainRows;
        private long testRows;
        private Map<String, Double> stageSeconds = Map.of();
        private Map<String, Double> stageCpuSeconds = Map.of();
        private Map<String, Integer> stageSparkJobs = Map.of();
        private String modelDir = "";
        private String reportFile = "";
        private String decision = "";
        private String decisionReason = "";
        private Double dpuSeconds;

        private Builder() {
        }

        /** The job, run, label and source the report is about. */
        public Builder run(String job, String runId, String label, String source) {
            this.job = job;
            this.runId = runId;
            this.label = label;
            this.source = source;
            return this;
        }

        public Builder status(String status, String message) {
            this.status = status;
            this.message = message;
            return this;
        }

        public Builder period(String startedAt, String finishedAt) {
            this.startedAt = startedAt;
            this.finishedAt = finishedAt;
            return this;
        }

        public Builder models(List<String> models) {
            this.models = List.copyOf(models);
            return this;
        }

        /** The champion, whether the gate promoted it and why, and the rows it was trained and tested on. */
        public Builder champion(String champion, boolean promoted, String gateReason, long trainRows, long testRows) {
            this.champion = champion;
            this.promoted = promoted;
            this.gateReason = gateReason;
            this.trainRows = trainRows;
            this.testRows = testRows;
            return this;
        }

        public Builder stages(Map<String, Double> seconds, Map<String, Double> cpuSeconds,
                              Map<String, Integer> sparkJobs) {
            this.stageSeconds = seconds;
            this.stageCpuSeconds = cpuSeconds;
            this.stageSparkJobs = sparkJobs;
            return this;
        }

        public Builder outputs(String modelDir, String reportFile) {
            this.modelDir = modelDir;
            this.reportFile = reportFile;
            return this;
        }

        public Builder decision(String decision, String reason) {
            this.decision = decision;
            this.decisionReason = reason;
            return this;
        }

        /** What the run cost so far (null: unknown). */
        public Builder dpuSeconds(Double dpuSeconds) {
            this.dpuSeconds = dpuSeconds;
            return this;
        }

        public TrainingRunReport build() {
            return new TrainingRunReport(job, runId, label, status, message, source, startedAt, finishedAt, models,
                    champion, promoted, gateReason, trainRows, testRows, stageSeconds, stageCpuSeconds, stageSparkJobs,
                    modelDir, reportFile, decision, decisionReason, dpuSeconds);
        }
    }
}
