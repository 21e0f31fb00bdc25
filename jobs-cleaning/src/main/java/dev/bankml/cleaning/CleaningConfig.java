package dev.bankml.cleaning;

import java.nio.charset.Charset;
import java.util.List;

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
 * The cleaning job's configuration, from its Glue-style arguments.
 *
 * @param runId               identifies this run in the report and logs
 * @param sourcePath          a CSV file or a folder of CSV files
 * @param targetPath          root of the cleaned Parquet table
 * @param rejectedPath        root of the quarantine table
 * @param reportPath          folder of the run reports ({@code <target_path>/_reports/} by default)
 * @param maxRejectedFraction above this share of rejected rows the run publishes nothing
 * @param label               the label column ({@code deposit} by default)
 * @param requireLabel        whether the label column must be present (off for data to score)
 * @param duplicates          what to do with repeated records
 * @param encoding            the input's character encoding (ASCII-compatible)
 * @param maxPartitionShrink  the largest share of a published partition's rows a run may remove
 * @param metrics             where the run's figures are published (CloudWatch, when switched on)
 */
public record CleaningConfig(String runId, String sourcePath, String targetPath, String rejectedPath,
                             String reportPath, double maxRejectedFraction, String label, boolean requireLabel,
                             DuplicatePolicy duplicates, Charset encoding, double maxPartitionShrink,
                             PipelineMetrics metrics) {

    /** By default a re-delivered file may lose up to half of its rows; more needs --max_partition_shrink. */
    public static final double DEFAULT_MAX_PARTITION_SHRINK = 0.5;

    public static final String USAGE = """
            Cleaning job: raw bank CSV -> validated, typed, partitioned Parquet + quarantine.
            Required:
              --source_path PATH            a CSV file or a folder of CSV files (local, s3:// or s3a://)
              --target_path PATH            root of the cleaned Parquet table
              --rejected_path PATH          root of the quarantine (rejected rows with reasons)
            Optional:
              --report_path PATH            folder for run reports (default <target_path>/_reports/)
              --max_rejected_fraction X     fail without publishing above this share (default 0.05)
              --label NAME                  label column (default deposit)
              --require_label true|false    the label column must be present (default true)
              --duplicates quarantine|keep  repeated records of a file (default quarantine)
              --encoding NAME               the files' character encoding (default utf-8; e.g. windows-1252,
                                            iso-8859-1). Lines not valid in it are quarantined with their bytes.
              --max_partition_shrink X      refuse to publish when a re-delivered file would remove more than
                                            this share of its partition's rows (default 0.5; 1 allows anything)
              --run_id ID                   run identifier (default: UTC timestamp)
              --environment NAME            deployment name, a metric dimension (default local)
              --publish_metrics true|false  publish CloudWatch metrics (default false)
              --cloudwatch_endpoint URL     CloudWatch endpoint override (VPC endpoint, tests)
              --s3_endpoint URL             S3-compatible endpoint for s3a:// paths (local runs)
              --s3_timeout_seconds N        give up on an S3 request after N s (default 15; 3 retries)
            Unknown arguments (such as the ones AWS Glue adds) are ignored.""";

    public static CleaningConfig from(GlueArgs args) {
        String target = args.required(Arg.TARGET_PATH, "root of the cleaned Parquet table");
        String source = args.required(Arg.SOURCE_PATH, "a CSV file or a folder of CSV files");
        String rejected = args.required(Arg.REJECTED_PATH, "root of the quarantine for rejected rows");
        String label = args.string(Arg.LABEL, PipelineSettings.DEFAULT_LABEL).toLowerCase(java.util.Locale.ROOT);
        if (!BankSchema.labelCandidates().contains(label)) {
            throw new JobConfigurationException("argument --label is '" + label + "': expected one of the yes/no columns "
                    + BankSchema.labelCandidates());
        }
        String duplicates = args.choice(Arg.DUPLICATES, "quarantine", List.of("quarantine", "keep"));
        Charset encoding = encoding(args.string(Arg.ENCODING, "utf-8"));
        dev.bankml.jobs.SparkSessions.s3TimeoutSeconds(args);
        return new CleaningConfig(
                RunIds.fromArgs(args),
                source,
                target,
                rejected,
                args.string(Arg.REPORT_PATH, Storage.join(target, "_reports/")),
                args.doubleValue(Arg.MAX_REJECTED_FRACTION, PipelineSettings.DEFAULT_MAX_REJECTED_FRACTION, 0.0, 1.0),
                label,
                args.booleanValue(Arg.REQUIRE_LABEL, true),
                DuplicatePolicy.valueOf(duplicates.toUpperCase(java.util.Locale.ROOT)),
                encoding,
                args.doubleValue(Arg.MAX_PARTITION_SHRINK, DEFAULT_MAX_PARTITION_SHRINK, 0.0, 1.0),
                PipelineMetrics.fromArgs(args, MetricNames.JOB_CLEANING, label));
    }

    private static Charset encoding(String name) {
        Charset cs;
        try {
            cs = Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new JobConfigurationException("argument --encoding is '" + name + "': not an encoding this Java "
                    + "knows; use for example utf-8, windows-1252 or iso-8859-1");
        }
        if (!LineDecoder.isAsciiCompatible(cs)) {
            throw new JobConfigurationException("argument --encoding is '" + name + "': only encodings that write "
                    + "line breaks, delimiters and quotes as ASCII bytes are supported (utf-8, windows-1252, "
                    + "iso-8859-*); convert the file to UTF-8 first");
        }
        return cs;
    }
}
