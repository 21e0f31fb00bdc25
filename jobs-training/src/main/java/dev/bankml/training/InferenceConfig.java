package dev.bankml.training;

import java.util.Optional;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.PipelineMetrics;
import dev.bankml.jobs.RunIds;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.Arg;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.PipelineSettings;

/**
 * The inference job's configuration.
 *
 * @param modelRun     score with the model saved by this training run instead of the champion
 * @param rejectedPath where rows that cannot be scored go (default {@code <output_path>/_rejected/})
 */
public record InferenceConfig(String runId, DataSource source, String modelPath,
                              Optional<String> modelRun, String label, String outputPath, String rejectedPath,
                              PipelineMetrics metrics) {

    public static final String USAGE = """
            Inference job: score cleaned bank data with the champion model (or a named run's model).
            Required (one source):
              --source_path PATH            cleaned Parquet (the cleaning job's output; the label may be absent), or
              --source_table DB.TABLE       a cleaned table in the catalog
              --model_path PATH             the training job's model store root
              --output_path PATH            predictions root (partitioned by label and batch_id)
            Optional:
              --label NAME                  which label's champion to use (default deposit)
              --model_run RUN_ID            use the model of that training run instead of the champion
              --rejected_path PATH          rows that cannot be scored (default <output_path>/_rejected/)
              --run_id ID, --environment NAME, --publish_metrics true|false, --cloudwatch_endpoint URL,
              --s3_endpoint URL
            Unknown arguments (such as the ones AWS Glue adds) are ignored.""";

    public static InferenceConfig from(GlueArgs args) {
        DataSource source = DataSource.from(args);
        String label = args.string(Arg.LABEL, PipelineSettings.DEFAULT_LABEL).toLowerCase(java.util.Locale.ROOT);
        if (!BankSchema.labelCandidates().contains(label)) {
            throw new JobConfigurationException("argument --label is '" + label + "': expected one of "
                    + BankSchema.labelCandidates());
        }
        String output = args.required(Arg.OUTPUT_PATH, "predictions root");
        return new InferenceConfig(RunIds.fromArgs(args), source,
                args.required(Arg.MODEL_PATH, "the training job's model store root"), args.optional(Arg.MODEL_RUN),
                label, output, args.string(Arg.REJECTED_PATH, Storage.join(output, "_rejected/")),
                PipelineMetrics.fromArgs(args, MetricNames.JOB_INFERENCE, label));
    }
}
