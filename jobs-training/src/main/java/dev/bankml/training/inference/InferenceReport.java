package dev.bankml.training.inference;

import java.util.Map;

import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.evaluation.Reasons;

/**
 * What one scoring run did ({@code rows_read = rows_scored + rows_rejected}).
 *
 * @param positiveShare    share of scored rows predicted yes
 * @param unseenValues     per categorical feature, values the model never saw in training, with the rows carrying
 *                         them (they are scored, through the encoders' unknown-category slot)
 * @param deliveriesScored in a cycle, the lead deliveries scored (each once)
 * @param message          what the run did, in one line
 * @param campaign         the calls the campaign rule marks ({@code contact}) and the yes answers they are
 *                         expected to bring, against as many calls at random
 * @param reasonsMethod    how the rows' top reasons were computed ({@code unavailable} when they were not)
 * @param dpuSeconds       what the run cost on Glue, in DPU-seconds (null when it was not told its capacity)
 */
public record InferenceReport(String job, String runId, String label, String modelRunId, String model, double threshold,
                              String source, String outputPath, String rejectedPath, long rowsRead, long rowsScored,
                              long rowsRejected, long predictedYes, double positiveShare, double seconds,
                              Map<String, Map<String, Long>> unseenValues, long deliveriesScored,
                              String message, CampaignOutcome campaign, String reasonsMethod, Double dpuSeconds) {

    static InferenceReport of(InferenceConfig config, ChampionPointer model,
                              String outputPath, String rejectedPath, long scored, long rejected, long yes,
                              Map<String, Map<String, Long>> unseen, long deliveries, double seconds,
                              String message, CampaignOutcome campaign, String reasonsMethod) {
        return new InferenceReport("inference", config.runId(), config.label(), model.runId(), model.model(),
                model.threshold(), config.describe(), outputPath, rejectedPath, scored + rejected, scored, rejected, yes,
                scored == 0 ? 0.0 : (double) yes / scored, seconds, unseen, deliveries, message, campaign,
                reasonsMethod, config.context().dpuSeconds().orElse(null));
    }

    /** A cycle's scoring with no champion to score with yet: nothing scored, the leads wait. */
    static InferenceReport waiting(InferenceConfig config, String outputPath, String rejectedPath, double seconds,
                                   String message) {
        return new InferenceReport("inference", config.runId(), config.label(), "", "", Double.NaN, config.describe(),
                outputPath, rejectedPath, 0, 0, 0, 0, 0.0, seconds, Map.of(), 0, message,
                new CampaignOutcome(config.campaign().describe(), 0, 0, 0, 0, null, null), Reasons.UNAVAILABLE,
                config.context().dpuSeconds().orElse(null));
    }
}
