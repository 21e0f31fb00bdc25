package dev.bankml.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.bankml.workflow.Step;
import dev.bankml.workflow.settings.GlueSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.WiringSettings;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.glue.CfnJob;
import software.constructs.Construct;

/**
 * A Glue 5.0 Spark job running one of our Java main classes for one job step of the workflow: the
 * jar goes in {@code --extra-jars}, the Scala entry script that calls the class is the ScriptLocation
 * and its object is {@code --class}, logs go to the stack's log groups, and the step's arguments
 * follow Glue's own settings as {@code --key value} arguments.
 *
 * <p>Anyone allowed {@code glue:StartJobRun} may pass arguments to a run, and a run's arguments
 * replace the job's {@code DefaultArguments}. What decides which code runs as the job's role, where
 * it reads and writes, where its logs and metrics go ({@link #FIXED_GLUE_ARGUMENTS}, the step's
 * settings that {@link Setting#fixedForRuns() are fixed for runs}, and the region) is therefore put
 * in {@code NonOverridableArguments}, which Glue lets no run override. What a person may sensibly
 * change for one run (the label's tuning budget, limits, the Spark UI) stays a default.
 */
public class GlueJob extends Construct {

    /**
     * What one job is made of; built by name with {@link #builder()}.
     *
     * @param step                      a {@link Step.Kind#JOB} step
     * @param name                      the job name
     * @param roleArn                   the role it runs as
     * @param securityConfigurationName encrypts its logs
     * @param code                      what it runs
     * @param capacity                  on what, for how long
     * @param outputs                   where Glue writes for it
     */
    public record Props(Step step, String name, String roleArn, String securityConfigurationName, Code code,
            Capacity capacity, GlueOutputs outputs) {

        public Props {
            for (Object part : new Object[] {step, name, roleArn, securityConfigurationName, code, capacity, outputs}) {
                Objects.requireNonNull(part, "a GlueJob needs its step, name, role, security configuration, code, "
                        + "capacity and outputs");
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Sets the parts by name; {@link #build()} refuses a missing one. */
        public static final class Builder {
            private Step step;
            private String name;
            private String roleArn;
            private String securityConfigurationName;
            private Code code;
            private Capacity capacity;
            private GlueOutputs outputs;

            private Builder() {
            }

            /** The workflow step the job runs (a job step), and the job's name. */
            public Builder job(Step jobStep, String jobName) {
                if (jobStep.job().isEmpty()) {
                    throw new IllegalArgumentException("step " + jobStep.id() + " is not a job");
                }
                this.step = jobStep;
                this.name = jobName;
                return this;
            }

            /** The role the job runs as. */
            public Builder runsAs(String role) {
                this.roleArn = role;
                return this;
            }

            /** The security configuration that encrypts the job's logs. */
            public Builder encryptedBy(String securityConfiguration) {
                this.securityConfigurationName = Objects.requireNonNull(securityConfiguration);
                return this;
            }

            /** The job jar and the entry script (s3:// URLs) and the script's object Glue runs. */
            public Builder code(String jarUrl, String scriptUrl, String entryObject) {
                this.code = new Code(jarUrl, scriptUrl, entryObject);
                return this;
            }

            /**
             * {@code workers} workers of {@code workerType}, for at most {@code timeoutMinutes} a run, on
             * Glue's {@code executionClass} (STANDARD or FLEX).
             */
            public Builder capacity(String workerType, int workers, int timeoutMinutes, String executionClass) {
                this.capacity = new Capacity(workerType, workers, timeoutMinutes, executionClass);
                return this;
            }

            /** The log groups' prefix, the Spark UI's event logs and Glue's temporary directory. */
            public Builder outputs(String logGroupPrefix, String sparkEventLogsPath, String tempDir) {
                this.outputs = new GlueOutputs(logGroupPrefix, sparkEventLogsPath, tempDir);
                return this;
            }

            public Props build() {
                return new Props(step, name, roleArn, securityConfigurationName, code, capacity, outputs);
            }
        }
    }

    /**
     * The code a job runs.
     *
     * @param jarUrl      s3:// URL of the job jar ({@code --extra-jars})
     * @param scriptUrl   s3:// URL of the job's Scala entry script (its ScriptLocation)
     * @param entryObject the Scala object of that script Glue runs ({@code --class})
     */
    public record Code(String jarUrl, String scriptUrl, String entryObject) {
    }

    /**
     * What a job runs on.
     *
     * @param workerType      Glue worker type
     * @param numberOfWorkers Glue workers (two at least)
     * @param timeoutMinutes  run time limit
     * @param executionClass  {@code STANDARD}, or {@code FLEX}: spare capacity, cheaper, may start late (G.1X and
     *                        G.2X workers only)
     */
    public record Capacity(String workerType, int numberOfWorkers, int timeoutMinutes, String executionClass) {
        public Capacity {
            if (numberOfWorkers < 2 || timeoutMinutes < 1) {
                throw new IllegalArgumentException(numberOfWorkers + " workers for " + timeoutMinutes
                        + " minutes cannot run a Glue job");
            }
            if (InfrastructureSettings.FLEX.equals(executionClass)
                    && !InfrastructureSettings.FLEX_WORKER_TYPES.contains(workerType)) {
                throw new IllegalArgumentException("Glue runs Flex jobs on " + InfrastructureSettings.FLEX_WORKER_TYPES
                        + " workers only, not " + workerType);
            }
        }
    }

    /**
     * Where Glue writes for a job.
     *
     * @param logGroupPrefix     {@code --custom-logGroup-prefix}: the job logs to {@code <prefix>/error|output}
     *                           (at most 400 of letters, digits, '_', '-' and '/')
     * @param sparkEventLogsPath where the Spark UI event logs go
     * @param tempDir            Glue's --TempDir
     */
    public record GlueOutputs(String logGroupPrefix, String sparkEventLogsPath, String tempDir) {
        public GlueOutputs {
            if (!logGroupPrefix.matches("[A-Za-z0-9_/-]{1,400}")) {
                throw new IllegalArgumentException("not a Glue log group prefix: " + logGroupPrefix);
            }
        }
    }

    public static final String GLUE_VERSION = "5.0";
    public static final String COMMAND = "glueetl";
    /**
     * Glue 5.0 job argument naming the log groups of a run: {@code <prefix>/error} (system, Spark and
     * Glue logger output) and {@code <prefix>/output} (stdout, stderr). Without it every job of the
     * account shares {@code /aws-glue/jobs/error|output}, groups this stack neither owns nor may write.
     */
    public static final String LOG_GROUP_PREFIX_ARGUMENT = "--custom-logGroup-prefix";
    /**
     * Glue's own arguments no run may change: the code ({@code --job-language}, {@code --class},
     * {@code --extra-jars}), where logs, Spark event logs and temporary files go, which catalog Spark
     * uses, and bookmarks off (the security configuration encrypts none).
     */
    public static final List<String> FIXED_GLUE_ARGUMENTS = List.of("--job-language", "--class", "--extra-jars",
            "--enable-glue-datacatalog", "--spark-event-logs-path", LOG_GROUP_PREFIX_ARGUMENT,
            GlueSettings.TEMP_DIR.flag(), "--job-bookmark-option");
    /** The two log groups Glue 5.0 writes under {@link #LOG_GROUP_PREFIX_ARGUMENT}. */
    public static final List<String> LOG_GROUP_SUFFIXES = List.of("/error", "/output");

    /**
     * The job log group prefix of a deployment: under {@code /aws-glue/}, where the data key lets
     * CloudWatch Logs encrypt (see {@link GlueCatalog}), and named after the deployment.
     */
    public static String logGroupPrefix(String namePrefix) {
        return GlueCatalog.GLUE_LOG_GROUP_PREFIX + "jobs/" + namePrefix;
    }

    private final CfnJob job;
    private final String name;

    public GlueJob(Construct scope, String id, Props props) {
        super(scope, id);
        Step.Job j = props.step().job().orElseThrow(
                () -> new IllegalArgumentException("step " + props.step().id() + " is not a job"));
        this.name = props.name();
        Arguments arguments = arguments(j, props);
        this.job = CfnJob.Builder.create(this, "Job")
                .name(name)
                .description(props.step().description())
                .role(props.roleArn())
                .command(CfnJob.JobCommandProperty.builder()
                        .name(COMMAND)
                        .scriptLocation(props.code().scriptUrl())
                        .build())
                .glueVersion(GLUE_VERSION)
                .executionClass(props.capacity().executionClass())
                .workerType(props.capacity().workerType())
                .numberOfWorkers(props.capacity().numberOfWorkers())
                .timeout(props.capacity().timeoutMinutes())
                // A failed run is retried by a person after reading the logs, not blindly by Glue.
                .maxRetries(0)
                // Two concurrent runs would overwrite each other's output.
                .executionProperty(CfnJob.ExecutionPropertyProperty.builder().maxConcurrentRuns(1).build())
                .securityConfiguration(props.securityConfigurationName())
                .defaultArguments(arguments.defaults())
                .nonOverridableArguments(arguments.fixed())
                .build();
        NagSuppressions.addResourceSuppressions(job, List.of(NagPackSuppression.builder().id("AwsSolutions-GL3")
                .reason("Job bookmarks are disabled (--job-bookmark-option job-bookmark-disable, which no run can "
                        + "override) and need GlueContext "
                        + "readers with Job.init, which these Spark jobs never use: there is no bookmark to encrypt, so "
                        + "the security configuration has no bookmark encryption (nor its kms:Encrypt grant).")
                .build()));
    }

    /**
     * A job's arguments, split by whether a run may override them.
     *
     * @param defaults {@code DefaultArguments}: a run's arguments replace them
     * @param fixed    {@code NonOverridableArguments}: no run can change them
     */
    record Arguments(Map<String, String> defaults, Map<String, String> fixed) {
    }

    static Arguments arguments(Step.Job j, Props props) {
        Map<String, String> all = allArguments(j, props);
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> fixed = new LinkedHashMap<>();
        all.forEach((k, v) -> (isFixed(k) ? fixed : defaults).put(k, v));
        return new Arguments(defaults, fixed);
    }

    private static boolean isFixed(String flag) {
        return FIXED_GLUE_ARGUMENTS.contains(flag)
                || Settings.named(flag.substring(2)).map(Setting::fixedForRuns).orElse(false);
    }

    private static Map<String, String> allArguments(Step.Job j, Props props) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("--job-language", "scala");
        args.put("--class", props.code().entryObject());
        args.put("--extra-jars", props.code().jarUrl());
        args.put("--enable-metrics", "");
        args.put("--enable-observability-metrics", "true");
        args.put("--enable-glue-datacatalog", "true");
        args.put("--enable-spark-ui", "true");
        args.put("--spark-event-logs-path", props.outputs().sparkEventLogsPath());
        // Glue 5.0 logs every job in real time; "continuous logging" is the Glue 4.0 scheme.
        args.put(LOG_GROUP_PREFIX_ARGUMENT, props.outputs().logGroupPrefix());
        // Bookmarks need GlueContext readers, which the jobs do not use: they are idempotent by design.
        args.put("--job-bookmark-option", "job-bookmark-disable");
        args.put(GlueSettings.TEMP_DIR.flag(), props.outputs().tempDir());
        j.arguments().forEach((k, v) -> {
            if (args.put("--" + k, v) != null) {
                throw new IllegalArgumentException("job argument --" + k + " of step " + props.step().id()
                        + " clashes with a Glue setting");
            }
        });
        // The stack's region, as the pseudo-parameter CloudFormation resolves: it is where the alarms read the metrics.
        args.put(WiringSettings.AWS_REGION.flag(), Aws.REGION);
        return args;
    }

    public CfnJob resource() {
        return job;
    }

    public String name() {
        return name;
    }
}
