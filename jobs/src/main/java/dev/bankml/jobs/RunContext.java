package dev.bankml.jobs;

import java.util.List;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.workflow.settings.GlueSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.LocalSettings;
import dev.bankml.workflow.settings.Setting;
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
 * @param partitions the analysts' tables the run registers the partitions it writes in
 */
public record RunContext(String runId, String cycleId, boolean onGlue, PipelineMetrics metrics, Optional<S3Connection> s3,
                         Optional<String> tempDir, CatalogPartitions partitions) {
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
        boolean onGlue = args.has(GlueSettings.JOB_RUN_ID);
        if (onGlue) {
            refuseOffGlueSettings(args, job);
            refuseChangedFixedSettings(args, job);
        }
        int timeout = Math.toIntExact(args.get(LocalSettings.S3_TIMEOUT_SECONDS));
        Optional<S3Connection> s3 = args.find(LocalSettings.S3_ENDPOINT).map(endpoint -> new S3Connection(endpoint,
                args.find(LocalSettings.S3_ACCESS_KEY).orElse(System.getenv("AWS_ACCESS_KEY_ID")),
                args.find(LocalSettings.S3_SECRET_KEY).orElse(System.getenv("AWS_SECRET_ACCESS_KEY")), timeout));
        String runId = RunIds.fromArgs(args);
        return new RunContext(runId, args.find(GlueSettings.WORKFLOW_RUN_ID).orElse(runId), onGlue,
                PipelineMetrics.fromArgs(args, job, label), s3, args.find(GlueSettings.TEMP_DIR),
                CatalogPartitions.from(args, job));
    }

    /**
     * On Glue, S3 is reached as the job's role: an S3-compatible endpoint would send the data elsewhere,
     * and keys given as arguments are readable by anyone who may read the job run (GetJobRun).
     */
    private static void refuseOffGlueSettings(GlueArgs args, JobKind job) {
        for (Setting<?> s : Settings.ofScope(Setting.Scope.LOCAL)) {
            if (s.readBy(job) && args.has(s)) {
                throw new JobConfigurationException("argument " + s.flag() + " is for runs off AWS Glue only ("
                        + s.help() + "), and this run is on Glue (" + GlueSettings.JOB_RUN_ID.flag() + " "
                        + args.text(GlueSettings.JOB_RUN_ID.name()).orElse("") + "): a Glue job reaches S3 as its "
                        + "role, and keys in run arguments are visible in GetJobRun. Start the run without "
                        + s.flag() + ".");
            }
        }
    }

    /**
     * The deployment puts these in the job's NonOverridableArguments. Glue documents that they win
     * over a run's arguments, not in which order it passes both to the job, so a run that gives one
     * of them a different value is refused rather than trusted to lose.
     */
    private static void refuseChangedFixedSettings(GlueArgs args, JobKind job) {
        for (Setting<?> s : Settings.readBy(job)) {
            List<String> values = args.contradictoryValues(s);
            if (s.fixedForRuns() && !values.isEmpty()) {
                throw new JobConfigurationException("argument " + s.flag() + " is given " + values.size()
                        + " times with different values " + values + ": the deployment fixes it for every run "
                        + "(NonOverridableArguments), so a job run may not set it. Start the run without "
                        + s.flag() + ", or change the deployment (cdk.json) instead.");
            }
        }
    }

    /** Applies the connection settings to a session's Hadoop configuration (a no-op without an endpoint). */
    public void applyTo(SparkSession spark) {
        s3.ifPresent(c -> c.applyTo(spark.sparkContext().hadoopConfiguration()));
    }

    /**
     * Whether the run's session needs the catalog to register its partitions: on Glue, where the catalog is
     * the Glue Data Catalog. (Off Glue a job registers them only in a session that has a catalog already.)
     */
    public boolean registersPartitions() {
        return onGlue && partitions.any();
    }

    /** What the run has cost so far, in DPU-seconds, when it was told its capacity ({@link RunCost}). */
    public Optional<Double> dpuSeconds() {
        return metrics.dpuSeconds();
    }

    /** The S3 endpoint in use, for messages (null when none). */
    public String s3Endpoint() {
        return s3.map(S3Connection::endpoint).orElse(null);
    }
}
