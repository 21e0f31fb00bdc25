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

    /**
     * A job from its parts.
     *
     * @param validate    parses the arguments into the job's configuration, throwing on a bad one
     * @param usesCatalog whether given arguments make the job read catalog tables
     */
    static <R> GlueJob<R> of(String name, String usage, java.util.function.Consumer<GlueArgs> validate,
                             java.util.function.Predicate<GlueArgs> usesCatalog,
                             java.util.function.BiFunction<SparkSession, GlueArgs, R> run,
                             java.util.function.Function<R, String> summary) {
        return new Defined<>(name, usage, validate, usesCatalog, run, summary);
    }

    /** The job {@link #of} builds. */
    record Defined<R>(String name, String usage, java.util.function.Consumer<GlueArgs> validator,
                      java.util.function.Predicate<GlueArgs> catalog,
                      java.util.function.BiFunction<SparkSession, GlueArgs, R> body,
                      java.util.function.Function<R, String> summarizer) implements GlueJob<R> {
        @Override
        public void validate(GlueArgs args) {
            validator.accept(args);
        }

        @Override
        public boolean usesCatalog(GlueArgs args) {
            return catalog.test(args);
        }

        @Override
        public R run(SparkSession spark, GlueArgs args) {
            return body.apply(spark, args);
        }

        @Override
        public String summary(R result) {
            return summarizer.apply(result);
        }
    }
}
