package dev.bankml.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Storage;
import dev.bankml.training.InferenceReport;
import dev.bankml.training.TrainingOutcome;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;

/**
 * Plays the workflow definition (the same one the CDK app deploys) step by step in one local Spark
 * session: "upload" the input to the raw prefix, then crawl raw, clean, crawl cleaned, train, score.
 * A failing step stops the run, naming the step and what to look at.
 */
final class LocalWorkflow {
    private final SparkSession spark;
    private final Storage storage;
    private final WorkflowDefinition workflow;
    private final Map<String, String> extraJobArgs;
    private final PrintStream out;

    /** What the run produced, step by step, for the summary. */
    record Results(CleaningReport cleaning, TrainingOutcome training, InferenceReport scoring,
                   Map<String, Double> stepSeconds, List<String> stepLines) {
    }

    /**
     * @param extraJobArgs arguments every job gets on top of the workflow's (S3 endpoint, run id, models...)
     */
    LocalWorkflow(SparkSession spark, WorkflowDefinition workflow, Map<String, String> extraJobArgs, PrintStream out) {
        this.spark = spark;
        this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
        this.workflow = workflow;
        this.extraJobArgs = Map.copyOf(extraJobArgs);
        this.out = out;
    }

    /** Replaces the raw and cleaned data of the warehouse with the input file(s); keeps models and metrics. */
    void upload(List<java.nio.file.Path> inputs) {
        for (String folder : List.of(workflow.layout().rawInput(), workflow.layout().cleanedTable(),
                workflow.layout().quarantine())) {
            storage.deleteRecursively(storage.resolve(folder));
        }
        String raw = storage.resolve(workflow.layout().rawInput());
        FileSystem fs = storage.fileSystem(raw);
        try {
            fs.mkdirs(new Path(raw));
            for (java.nio.file.Path in : inputs) {
                fs.copyFromLocalFile(false, true, new Path(in.toAbsolutePath().toUri()),
                        new Path(Storage.join(raw, in.getFileName().toString())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the input to " + raw + ": " + e.getMessage(), e);
        }
    }

    Results run() {
        CleaningReport cleaning = null;
        TrainingOutcome training = null;
        InferenceReport scoring = null;
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        List<Step> steps = workflow.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String head = String.format(Locale.ROOT, "[%d/%d] %-14s", i + 1, steps.size(), step.id());
            out.println(head + " " + step.description() + " ...");
            long t0 = System.nanoTime();
            String summary;
            try {
                if (step.kind() == Step.Kind.CRAWLER) {
                    LocalCrawler.Crawl c = LocalCrawler.crawl(spark, storage, workflow.settings().databaseName(), step);
                    summary = "registered " + c.table() + " (" + c.format() + ", " + c.columns() + " columns"
                            + (c.partitions() > 0 ? ", " + c.partitions() + " partition(s)" : "") + ")";
                } else {
                    Object result = runJob(step.job().orElseThrow());
                    if (result instanceof CleaningReport r) {
                        cleaning = r;
                        summary = String.format(Locale.ROOT, "%,d rows in: %,d cleaned, %,d quarantined%s",
                                r.rowsRead(), r.rowsWritten(), r.rowsRejected(),
                                r.rejectedByReason().isEmpty() ? "" : " " + r.rejectedByReason());
                    } else if (result instanceof TrainingOutcome t) {
                        training = t;
                        summary = String.format(Locale.ROOT, "%d models; champion %s (%s)", t.metrics().size(),
                                t.champion().model(), t.gate().promoted() ? "promoted" : "NOT promoted");
                    } else if (result instanceof InferenceReport s) {
                        scoring = s;
                        summary = String.format(Locale.ROOT, "%,d rows scored (%.1f%% predicted yes), %,d not scorable",
                                s.rowsScored(), 100 * s.positiveShare(), s.rowsRejected());
                    } else {
                        summary = "done";
                    }
                }
            } catch (Exception e) { // Spark's AnalysisException is a checked exception
                double s = (System.nanoTime() - t0) / 1e9;
                throw new StepFailedException(step, s, e);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.put(step.id(), s);
            String line = String.format(Locale.ROOT, "%s %s (%.1f s)", head, summary, s);
            lines.add(line);
            out.println(line);
        }
        return new Results(cleaning, training, scoring, seconds, lines);
    }

    private Object runJob(Step.Job job) {
        Map<String, String> args = new LinkedHashMap<>(job.arguments());
        args.putAll(extraJobArgs);
        try {
            Method execute = Class.forName(job.mainClass()).getMethod("execute", SparkSession.class, GlueArgs.class);
            return execute.invoke(null, spark, GlueArgs.of(args));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("job class " + job.mainClass() + " has no execute(SparkSession, GlueArgs)", e);
        }
    }

    /** A step that failed: carries which one, for the message. */
    static final class StepFailedException extends RuntimeException {
        final Step step;
        final double seconds;

        StepFailedException(Step step, double seconds, Exception cause) {
            super(cause.getMessage(), cause);
            this.step = step;
            this.seconds = seconds;
        }
    }
}
