package dev.bankml.jobs;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.workflow.settings.CommandLineSettings;
import dev.bankml.workflow.settings.GlueSettings;
import dev.bankml.workflow.settings.LocalSettings;

/**
 * The shared outer shell of every job's {@code main}: read the arguments into the job's configuration
 * (once), start the session, run the job. Off Glue (spark-submit, java), bad configuration is one line
 * plus the usage text and exit status 2, and any other failure one line naming the cause and exit
 * status 1: the stack trace goes to the log, not to the person ({@code --verbose} prints it too). On
 * AWS Glue the exception is rethrown, so Glue marks the run failed with its message.
 */
public final class JobMain {
    private static final Logger LOG = LoggerFactory.getLogger(JobMain.class);

    private JobMain() {
    }

    /** The body of a job's main, given its arguments. */
    @FunctionalInterface
    public interface Body {
        void run(GlueArgs args) throws Exception;
    }

    /** The {@code main} of a job: {@code JobMain.run(JOB, argv)}. */
    public static <C extends JobConfig, R> void run(PipelineJob<C, R> job, String[] argv) throws Exception {
        run(job.kind().id(), job.usage(), argv, args -> {
            C config = job.configure(args); // bad configuration is refused before Spark starts
            SparkSession spark = SparkSessions.forJob("bankml-" + job.kind().id(), job.usesCatalog(config),
                    config.context());
            R result = job.run(spark, config);
            LOG.info("{}: {}", job.kind().id(), job.summary(result));
        });
    }

    public static void run(String jobName, String usage, String[] argv, Body body) throws Exception {
        GlueArgs args;
        try {
            args = GlueArgs.parse(argv);
        } catch (JobConfigurationException e) {
            fail(jobName, usage, e, false);
            return;
        }
        if (args.flagged(CommandLineSettings.HELP)) {
            System.out.println(usage);
            return;
        }
        boolean onGlue = args.has(GlueSettings.JOB_RUN_ID);
        try {
            body.run(args);
        } catch (JobConfigurationException e) {
            fail(jobName, usage, e, onGlue);
        } catch (WarehouseBusyException e) {
            LOG.error("{} refused: {}", jobName, e.getMessage());
            if (onGlue) {
                throw e;
            }
            System.err.println("BUSY: " + jobName + ": " + e.getMessage());
            System.exit(WarehouseBusyException.EXIT_STATUS);
        } catch (JobFailedException e) {
            LOG.error("{} failed: {}", jobName, e.getMessage());
            if (onGlue) {
                throw e;
            }
            System.err.println("FAILED: " + jobName + ": " + e.getMessage());
            System.exit(1);
        } catch (Exception | Error e) {
            if (onGlue) {
                LOG.error("{} failed", jobName, e);
                throw e;
            }
            LOG.debug("{} failed", jobName, e);
            System.err.println("FAILED: " + jobName + ": "
                    + Failures.summary(e, args.text(LocalSettings.S3_ENDPOINT.name()).orElse(null)));
            if (args.flagged(CommandLineSettings.VERBOSE)) {
                e.printStackTrace();
            } else {
                System.err.println("(the stack trace is in the log; " + CommandLineSettings.VERBOSE.flag() + " prints it here)");
            }
            System.exit(1);
        }
    }

    private static void fail(String jobName, String usage, JobConfigurationException e, boolean rethrow) {
        LOG.error("{}: {}", jobName, e.getMessage());
        if (rethrow) {
            throw e;
        }
        System.err.println("ERROR: " + jobName + ": " + e.getMessage());
        System.err.println();
        System.err.println(usage);
        System.exit(2);
    }
}
