package dev.bankml.jobs;

import org.apache.spark.sql.SparkSession;

/**
 * One of the pipeline's Glue jobs, as its {@code main}, the local runner and the benchmark call it:
 * check the arguments without touching anything, run in a session, and say in one line what the run
 * did. The result is the job's report, a value.
 *
 * @param <R> the job's report
 */
public interface GlueJob<R> {
    /** Short name, for messages ("cleaning"). */
    String name();

    /** The {@code --help} text. */
    String usage();

    /**
     * Checks the arguments as the job will read them; reads and writes nothing.
     *
     * @throws JobConfigurationException naming the argument at fault and what is expected
     */
    void validate(GlueArgs args);

    /** Whether the job reads catalog tables with these arguments (then its session needs the catalog). */
    default boolean usesCatalog(GlueArgs args) {
        return false;
    }

    /** Runs the job in a session that exists already (the arguments as on Glue). */
    R run(SparkSession spark, GlueArgs args);

    /** What the run did, in one line for a console. */
    String summary(R result);
}
