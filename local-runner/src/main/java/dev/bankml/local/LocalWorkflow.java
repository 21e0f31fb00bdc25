package dev.bankml.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningJob;
import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.inference.InferenceJob;
import dev.bankml.training.inference.InferenceReport;
import dev.bankml.training.monitoring.MonitoringJob;
import dev.bankml.training.monitoring.MonitoringOutcome;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Settings;

/**
 * Plays the workflow definition (the same one the CDK app deploys) step by step in one local Spark
 * session: "upload" the input to the raw prefix, then crawl raw, clean, crawl cleaned, evaluate, train, score.
 * Each job gets the arguments the deployed workflow gives it ({@link #jobArguments}) and reads them
 * once, before anything is touched; a failing step stops the run, naming the step and what to look at.
 */
final class LocalWorkflow {
    /** The jobs the workflow names. */
    static final Map<JobKind, PipelineJob<?, ?>> JOBS = Map.of(
            JobKind.CLEANING, CleaningJob.JOB,
            JobKind.TRAINING, TrainingJob.JOB,
            JobKind.INFERENCE, InferenceJob.JOB,
            JobKind.MONITORING, MonitoringJob.JOB);

    private final SparkSession spark;
    private final Storage storage;
    private final WorkflowDefinition workflow;
    private final Map<String, PipelineJob.Configured<?, ?>> configured;
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

        MonitoringOutcome evaluation() {
            return (MonitoringOutcome) byStep.get(WorkflowDefinition.EVALUATE);
        }
    }

    /**
     * @param configured every job step's job with its configuration read ({@link #configure})
     */
    LocalWorkflow(SparkSession spark, WorkflowDefinition workflow, Map<String, PipelineJob.Configured<?, ?>> configured,
                  PrintStream out) {
        this.spark = spark;
        this.storage = new Storage(spark.sparkContext().hadoopConfiguration());
        this.workflow = workflow;
        this.configured = Map.copyOf(configured);
        this.out = out;
    }

    SparkSession spark() {
        return spark;
    }

    WorkflowDefinition workflow() {
        return workflow;
    }

    PrintStream out() {
        return out;
    }

    /** A location of the workflow's layout as the session reads it. */
    String resolve(String location) {
        return storage.resolve(location);
    }

    /** The job a step runs. */
    static PipelineJob<?, ?> job(Step step) {
        return JOBS.get(step.job().orElseThrow().kind());
    }

    /**
     * The arguments of every job step, by step id: the workflow's (the step's wiring and the deployment
     * settings its job reads, exactly as the deployed jobs get them), then this run's own (run id, S3
     * endpoint) where the step's job reads them. Pure.
     */
    static Map<String, Map<String, String>> jobArguments(WorkflowDefinition workflow, Map<String, String> runArgs) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Step step : workflow.steps()) {
            step.job().ifPresent(j -> {
                Map<String, String> args = new LinkedHashMap<>(j.arguments());
                runArgs.forEach((k, v) -> {
                    if (Settings.named(k).filter(s -> s.readBy(j.kind())).isPresent()) {
                        args.put(k, v);
                    }
                });
                out.put(step.id(), args);
            });
        }
        return out;
    }

    /**
     * Reads every job step's arguments into its job's configuration, before the run touches anything.
     *
     * @throws JobConfigurationException naming the step and the argument at fault
     */
    static Map<String, PipelineJob.Configured<?, ?>> configure(WorkflowDefinition workflow, Map<String, String> runArgs) {
        Map<String, PipelineJob.Configured<?, ?>> out = new LinkedHashMap<>();
        jobArguments(workflow, runArgs).forEach((stepId, args) -> {
            try {
                out.put(stepId, configured(job(workflow.step(stepId)), GlueArgs.of(args)));
            } catch (JobConfigurationException e) {
                throw new JobConfigurationException("step '" + stepId + "': " + e.getMessage());
            }
        });
        return out;
    }

    private static <C extends JobConfig, R> PipelineJob.Configured<C, R> configured(PipelineJob<C, R> job,
                                                                                   GlueArgs args) {
        return PipelineJob.Configured.of(job, args);
    }

    /**
     * Deletes the deliveries and the cleaned tables (and the ledger) of the warehouse; keeps models and
     * metrics, and the lock the cycle holds.
     */
    void resetDeliveries() {
        storage.deleteRecursively(storage.resolve(workflow.layout().rawRoot()));
        String ledger = storage.resolve(workflow.layout().ledger());
        for (FileStatus s : storage.list(storage.resolve(workflow.layout().cleanedRoot()))) {
            if (!sameFolder(s.getPath().toString(), ledger)) {
                storage.deleteRecursively(s.getPath().toString());
            }
        }
        for (FileStatus s : storage.list(ledger)) {
            if (!s.getPath().getName().equals(WarehouseLock.FILE)) {
                storage.deleteRecursively(s.getPath().toString());
            }
        }
    }

    private static boolean sameFolder(String a, String b) {
        return new Path(a).toUri().getPath().replaceAll("/+$", "").equals(new Path(b).toUri().getPath().replaceAll("/+$", ""));
    }


    /** Copies files into a kind's delivery folder, as an upload to the raw bucket would; returns where they went. */
    List<String> deliver(DeliveryKind kind, List<java.nio.file.Path> files) {
        String folder = storage.resolve(workflow.layout().deliveries(kind));
        FileSystem fs = storage.fileSystem(folder);
        List<String> out = new ArrayList<>();
        try {
            fs.mkdirs(new Path(folder));
            for (java.nio.file.Path in : files) {
                String target = Storage.join(folder, in.getFileName().toString());
                fs.copyFromLocalFile(false, true, new Path(in.toAbsolutePath().toUri()), new Path(target));
                out.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the delivery to " + folder + ": " + e.getMessage(), e);
        }
        return out;
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
                    List<LocalCrawler.Crawl> crawls = LocalCrawler.crawl(spark, storage, workflow.databaseName(), step);
                    summary = crawls.isEmpty() ? "nothing to crawl yet" : "registered " + String.join(", ", crawls.stream()
                            .map(c -> c.table() + " (" + c.format() + ", " + c.columns() + " columns"
                                    + (c.partitions() > 0 ? ", " + c.partitions() + " partition(s)" : "") + ")").toList());
                } else {
                    summary = runJob(configured.get(step.id()), step, byStep);
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

    private <C extends JobConfig, R> String runJob(PipelineJob.Configured<C, R> job, Step step,
                                                   Map<String, Object> byStep) {
        R result = job.run(spark);
        byStep.put(step.id(), result);
        return job.job().summary(result);
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
