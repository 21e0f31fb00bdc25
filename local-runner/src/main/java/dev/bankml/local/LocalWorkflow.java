package dev.bankml.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningJob;
import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.GlueJob;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.training.InferenceJob;
import dev.bankml.training.InferenceReport;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.TrainingOutcome;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;

/**
 * Plays the workflow definition (the same one the CDK app deploys) step by step in one local Spark
 * session: "upload" the input to the raw prefix, then crawl raw, clean, crawl cleaned, train, score.
 * Every job's arguments are checked before anything is touched; a failing step stops the run,
 * naming the step and what to look at.
 */
final class LocalWorkflow {
    /** The jobs the workflow names, by main class. */
    static final Map<String, GlueJob<?>> JOBS = Map.of(
            WorkflowDefinition.CLEANING_CLASS, CleaningJob.JOB,
            WorkflowDefinition.TRAINING_CLASS, TrainingJob.JOB,
            WorkflowDefinition.INFERENCE_CLASS, InferenceJob.JOB);

    private final SparkSession spark;
    private final Storage storage;
    private final WorkflowDefinition workflow;
    private final Map<String, String> extraJobArgs;
    private final PrintStream out;

    /** What the run produced, step by step, for the summary. */
    record Results(Map<String, Object> byStep, Map<String, Double> stepSeconds, List<String> stepLines) {
        CleaningReport cleaning() {
            return (CleaningReport) byStep.get(WorkflowDefinition.CLEAN);
        }

        TrainingOutcome training() {
            return (TrainingOutcome) byStep.get(WorkflowDefinition.TRAIN);
        }

        InferenceReport scoring() {
            return (InferenceReport) byStep.get(WorkflowDefinition.SCORE);
        }
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

    /** The job a step runs. */
    static GlueJob<?> job(Step step) {
        Step.Job j = step.job().orElseThrow();
        GlueJob<?> job = JOBS.get(j.mainClass());
        if (job == null) {
            throw new IllegalStateException("the workflow names job class " + j.mainClass() + ", which this runner does not know");
        }
        return job;
    }

    /** A job step's arguments: the workflow's, with this run's on top. */
    static GlueArgs arguments(Step step, Map<String, String> extra) {
        Map<String, String> args = new LinkedHashMap<>(step.job().orElseThrow().arguments());
        args.putAll(extra);
        return GlueArgs.of(args);
    }

    /**
     * Checks every job step's arguments, before the run touches anything.
     *
     * @throws JobConfigurationException naming the step and the argument at fault
     */
    static void validate(WorkflowDefinition workflow, Map<String, String> extra) {
        for (Step step : workflow.steps()) {
            if (step.kind() == Step.Kind.JOB) {
                try {
                    job(step).validate(arguments(step, extra));
                } catch (JobConfigurationException e) {
                    throw new JobConfigurationException("step '" + step.id() + "': " + e.getMessage());
                }
            }
        }
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
        Map<String, Object> byStep = new LinkedHashMap<>();
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
                    summary = runJob(job(step), arguments(step, extraJobArgs), step, byStep);
                }
            } catch (Exception e) { // Spark's AnalysisException and SparkException are checked exceptions
                double s = (System.nanoTime() - t0) / 1e9;
                throw new StepFailedException(step, s, e);
            }
            double s = (System.nanoTime() - t0) / 1e9;
            seconds.put(step.id(), s);
            String line = String.format(Locale.ROOT, "%s %s (%.1f s)", head, summary, s);
            lines.add(line);
            out.println(line);
        }
        return new Results(byStep, seconds, lines);
    }

    private <R> String runJob(GlueJob<R> job, GlueArgs args, Step step, Map<String, Object> byStep) {
        R result = job.run(spark, args);
        byStep.put(step.id(), result);
        return job.summary(result);
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
