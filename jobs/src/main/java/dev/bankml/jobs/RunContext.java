package dev.bankml.jobs;

import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Settings;

/**
 * What every job run shares, read once from its arguments: its id, whether AWS Glue runs it, where
 * its metrics go, and how it reaches S3 off Glue.
 *
 * @param runId   {@code --run_id}, or a new id
 * @param cycleId the cycle the run belongs to: the Glue workflow run ({@code --WORKFLOW_RUN_ID}), else the run
 * @param onGlue  whether AWS Glue started the run ({@code --JOB_RUN_ID} present)
 * @param metrics CloudWatch publishing (when switched on)
 * @param s3      an S3-compatible endpoint for {@code s3a://} paths, when given
 * @param tempDir Glue's {@code --TempDir}, when given (shared storage for checkpoints)
 */
public record RunContext(String runId, String cycleId, boolean onGlue, PipelineMetrics metrics, Optional<S3Connection> s3,
                         Optional<String> tempDir) {
    private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);

    /**
     * An S3-compatible server and how long a request may take.
     *
     * @param accessKey null: the {@code AWS_ACCESS_KEY_ID} variable
     */
    public record S3Connection(String endpoint, String accessKey, String secretKey, int timeoutSeconds) {
        /** Points S3A at this server. */
        public void applyTo(Configuration hadoop) {
            S3Endpoint.apply(hadoop, endpoint, accessKey, secretKey, timeoutSeconds);
            LOG.info("S3 paths go to the S3-compatible endpoint {} (a call gives up after at most {} s)", endpoint,
                    Math.round(S3Endpoint.worstCaseSeconds(hadoop)));
        }
    }

    /**
     * Reads the run-wide settings.
     *
     * @param label the label the job works on (a dimension of its metrics)
     * @throws JobConfigurationException naming the argument at fault
     */
    public static RunContext from(GlueArgs args, JobKind job, String label) {
        int timeout = Math.toIntExact(args.get(Settings.S3_TIMEOUT_SECONDS));
        Optional<S3Connection> s3 = args.find(Settings.S3_ENDPOINT).map(endpoint -> new S3Connection(endpoint,
                args.find(Settings.S3_ACCESS_KEY).orElse(System.getenv("AWS_ACCESS_KEY_ID")),
                args.find(Settings.S3_SECRET_KEY).orElse(System.getenv("AWS_SECRET_ACCESS_KEY")), timeout));
        String runId = RunIds.fromArgs(args);
        return new RunContext(runId, args.find(Settings.GLUE_WORKFLOW_RUN_ID).orElse(runId),
                args.has(Settings.GLUE_JOB_RUN_ID), PipelineMetrics.fromArgs(args, job, label), s3,
                args.find(Settings.GLUE_TEMP_DIR));
    }

    /** Applies the connection settings to a session's Hadoop configuration (a no-op without an endpoint). */
    public void applyTo(SparkSession spark) {
        s3.ifPresent(c -> c.applyTo(spark.sparkContext().hadoopConfiguration()));
    }

    /** The S3 endpoint in use, for messages (null when none). */
    public String s3Endpoint() {
        return s3.map(S3Connection::endpoint).orElse(null);
    }
}
