package dev.bankml.jobs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.workflow.Arg;

/**
 * The shared outer shell of every job's {@code main}: run the body; turn bad configuration into a
 * one-line error plus the usage text and exit status 2 (under spark-submit or java), or rethrow it on
 * AWS Glue, which marks the run failed with the message.
 */
public final class JobMain {
    private static final Logger LOG = LoggerFactory.getLogger(JobMain.class);

    private JobMain() {
    }

    /** The body of a job's main. */
    @FunctionalInterface
    public interface Body {
        void run(GlueArgs args) throws Exception;
    }

    public static void run(String jobName, String usage, String[] argv, Body body) throws Exception {
        GlueArgs args;
        try {
            args = GlueArgs.parse(argv);
        } catch (JobConfigurationException e) {
            fail(jobName, usage, e, false);
            return;
        }
        if (args.keys().contains("help")) {
            System.out.println(usage);
            return;
        }
        boolean onGlue = args.has(Arg.GLUE_JOB_RUN_ID);
        try {
            body.run(args);
        } catch (JobConfigurationException e) {
            fail(jobName, usage, e, onGlue);
        } catch (JobFailedException e) {
            LOG.error("{} failed: {}", jobName, e.getMessage());
            if (onGlue) {
                throw e;
            }
            System.err.println("FAILED: " + jobName + ": " + e.getMessage());
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
