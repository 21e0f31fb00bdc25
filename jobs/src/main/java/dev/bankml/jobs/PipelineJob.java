package dev.bankml.jobs;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.spark.sql.SparkSession;

import dev.bankml.workflow.settings.JobKind;

/**
 * One of the pipeline's Glue jobs, as its {@code main}, the local runner and the benchmark call it:
 * read the arguments once into the job's configuration (refusing bad ones before anything is
 * touched), run with that configuration in a session, and say in one line what the run did. The
 * result is the job's report, a value.
 *
 * @param <C> the job's configuration
 * @param <R> the job's report
 */
public interface PipelineJob<C extends JobConfig, R> {
    JobKind kind();

    /** The {@code --help} text. */
    String usage();

    /**
     * Parses and checks the arguments as the job will use them; reads and writes nothing.
     *
     * @throws JobConfigurationException naming the argument at fault and what is expected
     */
    C configure(GlueArgs args);

    /** Whether the job reads catalog tables with this configuration (then its session needs the catalog). */
    boolean usesCatalog(C config);

    /** Runs the job in a session that exists already. */
    R run(SparkSession spark, C config);

    /** What the run did, in one line for a console. */
    String summary(R result);

    /** A job from its parts. */
    static <C extends JobConfig, R> PipelineJob<C, R> of(JobKind kind, String usage, Function<GlueArgs, C> configure,
                                                         Predicate<C> usesCatalog, BiFunction<SparkSession, C, R> run,
                                                         Function<R, String> summary) {
        return new Defined<>(kind, usage, configure, usesCatalog, run, summary);
    }

    /** The job {@link #of} builds. */
    record Defined<C extends JobConfig, R>(JobKind kind, String usage, Function<GlueArgs, C> configurer,
                                           Predicate<C> catalog, BiFunction<SparkSession, C, R> body,
                                           Function<R, String> summarizer) implements PipelineJob<C, R> {
        @Override
        public C configure(GlueArgs args) {
            return configurer.apply(args);
        }

        @Override
        public boolean usesCatalog(C config) {
            return catalog.test(config);
        }

        @Override
        public R run(SparkSession spark, C config) {
            return body.apply(spark, config);
        }

        @Override
        public String summary(R result) {
            return summarizer.apply(result);
        }
    }

    /** A job with its configuration read: ready to run, possibly later, in a session. */
    record Configured<C extends JobConfig, R>(PipelineJob<C, R> job, C config) {
        /** Reads {@code args} into {@code job}'s configuration. */
        public static <C extends JobConfig, R> Configured<C, R> of(PipelineJob<C, R> job, GlueArgs args) {
            return new Configured<>(job, job.configure(args));
        }

        public boolean usesCatalog() {
            return job.usesCatalog(config);
        }

        public R run(SparkSession spark) {
            return job.run(spark, config);
        }
    }
}
