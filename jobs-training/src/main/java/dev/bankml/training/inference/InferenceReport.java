package dev.bankml.training.inference;

/**
 * What one scoring run did ({@code rows_read = rows_scored + rows_rejected}).
 *
 * @param positiveShare share of scored rows predicted yes
 */
public record InferenceReport(String job, String runId, String label, String modelRunId, String model, double threshold,
                              String source, String outputPath, String rejectedPath, long rowsRead, long rowsScored,
                              long rowsRejected, long predictedYes, double positiveShare, double seconds) {
}
