package dev.bankml.training.inference;

import static dev.bankml.workflow.settings.JobKind.INFERENCE;

import java.util.Optional;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.RunContext;
import dev.bankml.jobs.Storage;
import dev.bankml.training.data.DataSource;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.Usage;

/**
 * The inference job's configuration, read once from its Glue-style arguments (see {@link Settings}).
 *
 * @param context      the run's id, metrics and connections
 * @param modelRun     score with the model saved by this training run instead of the champion
 * @param rejectedPath where rows that cannot be scored go (default {@code <output_path>/_rejected/})
 */
public record InferenceConfig(RunContext context, DataSource source, String modelPath, Optional<String> modelRun,
                              String label, String outputPath, String rejectedPath) implements JobConfig {

    public static final String USAGE = Usage.of(INFERENCE,
            "Give exactly one of " + Settings.SOURCE_PATH.flag() + " and " + Settings.SOURCE_TABLE.flag() + ".");

    public static InferenceConfig from(GlueArgs args) {
        DataSource source = DataSource.from(args);
        String label = args.get(Settings.LABEL);
        String output = args.required(Settings.OUTPUT_PATH, INFERENCE);
        return new InferenceConfig(RunContext.from(args, INFERENCE, label), source,
                args.required(Settings.MODEL_PATH, INFERENCE), args.find(Settings.MODEL_RUN), label, output,
                args.find(Settings.REJECTED_PATH).orElse(Storage.join(output, "_rejected/")));
    }

    public String runId() {
        return context.runId();
    }
}
