package dev.bankml.cleaning;

import static dev.bankml.workflow.settings.JobKind.CLEANING;

import java.nio.charset.Charset;
import java.util.Locale;

import dev.bankml.cleaning.audit.PublishGate;
import dev.bankml.cleaning.rules.DuplicatePolicy;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.RunContext;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.Usage;

/**
 * The cleaning job's configuration, read once from its Glue-style arguments (see {@link Settings}).
 *
 * @param context      the run's id, metrics and connections
 * @param sourcePath   a CSV file or a folder of CSV files
 * @param targetPath   root of the cleaned Parquet table
 * @param rejectedPath root of the quarantine table
 * @param reportPath   folder of the run reports ({@code <target_path>/_reports/} by default)
 * @param label        the label column ({@code deposit} by default)
 * @param requireLabel whether the label column must be present (off for data to score)
 * @param duplicates   what to do with repeated records
 * @param encoding     the input's character encoding (ASCII-compatible)
 * @param limits       what the publish gate allows (rejected share, partition shrink)
 */
public record CleaningConfig(RunContext context, String sourcePath, String targetPath, String rejectedPath,
                             String reportPath, String label, boolean requireLabel, DuplicatePolicy duplicates,
                             Charset encoding, PublishGate.Limits limits) implements JobConfig {

    public static final String USAGE = Usage.of(CLEANING);

    public static CleaningConfig from(GlueArgs args) {
        String target = args.required(Settings.TARGET_PATH, CLEANING);
        String source = args.required(Settings.SOURCE_PATH, CLEANING);
        String rejected = args.required(Settings.REJECTED_PATH, CLEANING);
        String label = args.get(Settings.LABEL);
        return new CleaningConfig(
                RunContext.from(args, CLEANING, label),
                source,
                target,
                rejected,
                args.find(Settings.REPORT_PATH).orElse(Storage.join(target, "_reports/")),
                label,
                args.get(Settings.REQUIRE_LABEL),
                DuplicatePolicy.valueOf(args.get(Settings.DUPLICATES).toUpperCase(Locale.ROOT)),
                Charset.forName(args.get(Settings.ENCODING)),
                new PublishGate.Limits(args.get(Settings.MAX_REJECTED_FRACTION), args.get(Settings.MAX_PARTITION_SHRINK)));
    }

    public String runId() {
        return context.runId();
    }
}
