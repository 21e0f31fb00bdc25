package dev.bankml.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningJob;
import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.Failures;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.RunIds;
import dev.bankml.jobs.S3Endpoint;
import dev.bankml.jobs.Storage;
import dev.bankml.training.InferenceJob;
import dev.bankml.training.InferenceReport;
import dev.bankml.training.ModelStore;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.TrainingOutcome;
import dev.bankml.workflow.Arg;
import dev.bankml.workflow.PipelineSettings;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;

/**
 * {@code bin/pipeline}: the jobs on a laptop, in one local Spark session, laid out like the deployed
 * buckets under a local warehouse folder (or an S3-compatible server with {@code --s3_endpoint}).
 */
public final class Pipeline {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pipeline.class);
    static final String DEFAULT_INPUT = "data/sample/bank.csv";
    static final String DEFAULT_WAREHOUSE = "warehouse";

    /** The repository root (bin/pipeline passes it); defaults are resolved against it, user paths against the cwd. */
    static Path projectRoot() {
        return Path.of(System.getProperty("bankml.project.root", ".")).toAbsolutePath().normalize();
    }

    static Path sampleInput() {
        return projectRoot().resolve(DEFAULT_INPUT);
    }
    static final String DEFAULT_BUCKET = "bankml-local";

    static final String USAGE = """
            Usage: bin/pipeline <command> [--key value ...]

            Commands:
              run      play the whole workflow locally: crawl raw -> clean -> crawl cleaned -> train -> score
                         --input FILE|DIR        raw CSV (default: the repository's data/sample/bank.csv)
                         --label NAME            yes/no column to predict (default deposit)
                         --exclude_features a,b  e.g. duration (only known after the call)
                         --tuning fast|standard|thorough   (default standard)
                         --models lr,dt,rf,gbt,nb,svm,xgb  (default all seven)
                         --max_rejected_fraction X, --max_partition_shrink X, --encoding NAME,
                         --duplicates keep, --promotion_margin X, --seed N, --s3_timeout_seconds N
                                                 passed to the jobs that take them
                         --verbose               stack traces on the console too (always in logs/bankml.log)
                         --s3_endpoint URL       run against an S3-compatible server instead of local folders
                                                 (--s3_bucket NAME, default bankml-local, must exist;
                                                 keys from --s3_access_key/--s3_secret_key or AWS_* variables)
              clean    the cleaning job alone (its own arguments; default: the sample into the warehouse)
              train    the training job alone (its own arguments; default: the warehouse's cleaned data)
              score    --input FILE: clean a CSV of new customers (label optional) and score it with the
                       latest champion; predictions go to the warehouse's predictions/scored/
              history  the metrics of every run in the warehouse, runs x models (--label, --metric auc_pr)
              bench    --rows N: time clean, train and score on N synthetic rows shaped like the sample
                         --stages clean,train,score  --repeat 3  --tuning standard  --seed 42
                         (clean: bin/pipeline clean against the bare Spark conversion of the same
                         file, alternated, median of --repeat pairs; --stages generate: the file only)
              help     this text ("bin/pipeline <command> --help" for a job's own arguments)

            Common options:
              --warehouse DIR      local folder laid out like the buckets (default: warehouse/ in the repository)
            """;

    private final PrintStream out;
    private final PrintStream err;

    Pipeline(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] argv) {
        int status = new Pipeline(System.out, System.err).run(argv);
        System.exit(status);
    }

    /** Runs one command; returns the process exit status (0 ok, 1 failed, 2 bad usage). */
    int run(String[] argv) {
        if (argv.length == 0 || List.of("help", "--help", "-h").contains(argv[0])) {
            out.print(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        String command = argv[0];
        try {
            GlueArgs args = GlueArgs.parse(Arrays.copyOfRange(argv, 1, argv.length));
            if (args.keys().contains("help")) {
                out.println(switch (command) {
                    case "clean" -> CleaningJob.JOB.usage();
                    case "train" -> TrainingJob.JOB.usage();
                    case "score" -> InferenceJob.JOB.usage();
                    default -> USAGE;
                });
                return 0;
            }
            return switch (command) {
                case "run" -> runWorkflow(args);
                case "clean" -> clean(args);
                case "train" -> train(args);
                case "score" -> score(args);
                case "history" -> history(args);
                case "bench" -> new Benchmark(out).run(args);
                default -> {
                    err.println("ERROR: unknown command '" + command + "'\n");
                    out.print(USAGE);
                    yield 2;
                }
            };
        } catch (JobConfigurationException e) {
            err.println("ERROR: " + e.getMessage());
            return 2;
        } catch (JobFailedException e) {
            err.println("FAILED: " + e.getMessage());
            return 1;
        } catch (LocalWorkflow.StepFailedException e) {
            LOG.error("bin/pipeline {}: step {} failed", command, e.step.id(), e.getCause());
            err.printf("FAILED at step '%s' after %.1f s: %s%n", e.step.id(), e.seconds,
                    Failures.summary(e.getCause(), s3Endpoint(argv)));
            err.println("Look at: " + whatToLookAt(e));
            err.println("Fix the cause and run the same command again: each run starts from the input again.");
            return 1;
        } catch (Exception | Error e) { // whatever else failed: the cause in one line, the trace in the log
            LOG.error("bin/pipeline {} failed", command, e);
            err.println("FAILED: " + Failures.summary(e, s3Endpoint(argv)));
            err.println(details());
            return 1;
        }
    }

    private static String s3Endpoint(String[] argv) {
        try {
            return GlueArgs.parse(Arrays.copyOfRange(argv, 1, argv.length)).string(Arg.S3_ENDPOINT, null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Where the stack trace of a failure went. */
    private static String details() {
        String log = System.getProperty("bankml.log.file");
        return Boolean.getBoolean("bankml.verbose") ? "(stack trace above)"
                : "(stack trace in " + (log == null ? "the log" : log) + "; --verbose prints it here)";
    }

    private static String whatToLookAt(LocalWorkflow.StepFailedException e) {
        return switch (e.step.kind()) {
            case CRAWLER -> "the files under " + e.step.reads() + " " + details();
            case JOB -> e.getCause() instanceof JobConfigurationException || e.getCause() instanceof JobFailedException
                    ? "the message above (and the job's report under the warehouse's artifacts/reports/)"
                    : "the job's report under the warehouse's artifacts/reports/ and its inputs under " + e.step.reads()
                            + " " + details();
        };
    }

    /** The warehouse folder (always local: it also holds the local catalog). */
    static Path warehouse(GlueArgs args) {
        return args.optional("warehouse").map(w -> Path.of(w).toAbsolutePath())
                .orElseGet(() -> projectRoot().resolve(DEFAULT_WAREHOUSE));
    }

    private int runWorkflow(GlueArgs given) {
        long t0 = System.nanoTime();
        Path warehouse = warehouse(given);
        List<Path> inputs = inputFiles(given.optional("input").map(Path::of).orElseGet(Pipeline::sampleInput));
        String runId = RunIds.fromArgs(given);
        Map<String, String> jobArgs = new LinkedHashMap<>();
        jobArgs.put(Arg.RUN_ID, runId);
        for (String k : List.of(Arg.MODELS, Arg.SEED, Arg.TEST_FRACTION, "parallelism", Arg.MAX_REJECTED_FRACTION,
                Arg.DUPLICATES, Arg.PROMOTION_MARGIN, Arg.ENCODING, Arg.MAX_PARTITION_SHRINK, Arg.S3_TIMEOUT_SECONDS)) {
            given.optional(k).ifPresent(v -> jobArgs.put(k, v));
        }
        StorageLayout layout;
        if (given.has(Arg.S3_ENDPOINT)) {
            String bucket = given.string("s3_bucket", DEFAULT_BUCKET);
            layout = StorageLayout.underOneRoot("s3a://" + bucket);
            jobArgs.put(Arg.S3_ENDPOINT, given.optional(Arg.S3_ENDPOINT).get());
            given.optional("s3_access_key").ifPresent(v -> jobArgs.put("s3_access_key", v));
            given.optional("s3_secret_key").ifPresent(v -> jobArgs.put("s3_secret_key", v));
        } else {
            layout = StorageLayout.underOneRoot(warehouse.toString());
        }
        PipelineSettings settings = PipelineSettings.localDefaults()
                .withLabel(given.string(Arg.LABEL, PipelineSettings.DEFAULT_LABEL).toLowerCase(java.util.Locale.ROOT))
                .withExcludeFeatures(given.list(Arg.EXCLUDE_FEATURES))
                .withTuning(given.string(Arg.TUNING, PipelineSettings.DEFAULT_TUNING));
        WorkflowDefinition workflow = WorkflowDefinition.of(layout, settings);
        LocalWorkflow.validate(workflow, jobArgs); // before anything is touched

        out.printf("bank-glue-ml: local workflow run %s%n", runId);
        out.printf("  input      %s%n", inputs.size() == 1 ? inputs.get(0) : inputs.size() + " files");
        out.printf("  warehouse  %s%n", layout.rawRoot().replaceAll("/raw$", ""));
        out.printf("  label      %s   excluded features: %s   tuning: %s%n%n", settings.label(),
                settings.excludeFeatures().isEmpty() ? "none" : String.join(",", settings.excludeFeatures()),
                settings.tuning());
        SparkSession spark = LocalSession.create(warehouse.resolve("_catalog"));
        if (given.has(Arg.S3_ENDPOINT)) {
            S3Endpoint.apply(spark.sparkContext().hadoopConfiguration(), given.optional(Arg.S3_ENDPOINT).get(),
                    given.string("s3_access_key", System.getenv("AWS_ACCESS_KEY_ID")),
                    given.string("s3_secret_key", System.getenv("AWS_SECRET_ACCESS_KEY")));
        }
        LocalWorkflow run = new LocalWorkflow(spark, workflow, jobArgs, out);
        run.upload(inputs);
        LocalWorkflow.Results results = run.run();
        RunSummary.print(out, workflow, results, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    static List<Path> inputFiles(Path input) {
        if (!Files.exists(input)) {
            throw new JobConfigurationException("--input " + input + " does not exist");
        }
        if (Files.isDirectory(input)) {
            try (var s = Files.list(input)) {
                List<Path> files = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
                if (files.isEmpty()) {
                    throw new JobConfigurationException("--input " + input + " holds no file");
                }
                return files;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return List.of(input);
    }

    /** The workflow of a local warehouse, with the command's label, features and tuning. */
    private static WorkflowDefinition localWorkflow(GlueArgs given) {
        PipelineSettings settings = PipelineSettings.localDefaults()
                .withLabel(given.string(Arg.LABEL, PipelineSettings.DEFAULT_LABEL).toLowerCase(java.util.Locale.ROOT))
                .withExcludeFeatures(given.list(Arg.EXCLUDE_FEATURES))
                .withTuning(given.string(Arg.TUNING, PipelineSettings.DEFAULT_TUNING));
        return WorkflowDefinition.of(StorageLayout.underOneRoot(warehouse(given).toString()), settings);
    }

    /** A step's arguments from the workflow, then {@code overrides}, then what the user gave (local options dropped). */
    private static GlueArgs stepArgs(WorkflowDefinition wf, String step, Map<String, String> overrides, GlueArgs given) {
        Map<String, String> args = new LinkedHashMap<>(wf.step(step).job().orElseThrow().arguments());
        args.putAll(overrides);
        given.asMap().forEach((k, v) -> {
            if (!LOCAL_OPTIONS.contains(k)) {
                args.put(k, v);
            }
        });
        return GlueArgs.of(args);
    }

    /** Options of bin/pipeline itself, not of the jobs. */
    private static final java.util.Set<String> LOCAL_OPTIONS = java.util.Set.of("warehouse", "input", "verbose");

    private int clean(GlueArgs given) {
        WorkflowDefinition wf = localWorkflow(given);
        GlueArgs args = stepArgs(wf, WorkflowDefinition.CLEAN, Map.of(Arg.SOURCE_PATH, sampleInput().toString()), given);
        CleaningJob.JOB.validate(args);
        long t0 = System.nanoTime();
        SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
        CleaningReport r = CleaningJob.JOB.run(spark, args);
        out.printf("Cleaned %,d of %,d rows (%,d quarantined%s) in %.1f s%n", r.rowsWritten(), r.rowsRead(),
                r.rowsRejected(), r.rejectedByReason().isEmpty() ? "" : ": " + r.rejectedByReason(),
                (System.nanoTime() - t0) / 1e9);
        out.printf("  cleaned:    %s%n  quarantine: %s%n  report:     %s%n", r.targetPath(), r.rejectedPath(),
                args.string(Arg.REPORT_PATH, ""));
        return 0;
    }

    private int train(GlueArgs given) {
        WorkflowDefinition wf = localWorkflow(given);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (!given.has(Arg.SOURCE_TABLE)) {
            overrides.put(Arg.SOURCE_TABLE, ""); // the warehouse's cleaned folder, not the catalog
            overrides.put(Arg.SOURCE_PATH, wf.layout().cleanedTable());
        }
        GlueArgs args = withoutBlank(stepArgs(wf, WorkflowDefinition.TRAIN, overrides, given));
        TrainingJob.JOB.validate(args);
        SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
        TrainingOutcome o = TrainingJob.JOB.run(spark, args);
        RunSummary.models(out, o);
        out.printf("Trained in %.1f s; report %s/report.html%n", o.seconds(), o.runDir());
        return 0;
    }

    private static GlueArgs withoutBlank(GlueArgs args) {
        Map<String, String> m = new LinkedHashMap<>();
        args.asMap().forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                m.put(k, v);
            }
        });
        return GlueArgs.of(m);
    }

    /**
     * Cleans a CSV of new customers (label optional) and scores exactly that file with the champion:
     * the cleaned rows go to a folder of this run's own, so earlier inputs are never scored again.
     * Everything is checked (arguments, a champion to score with) before anything is written.
     */
    private int score(GlueArgs given) {
        Path input = Path.of(given.required("input", "CSV file (or folder) of customers to score"));
        inputFiles(input);
        WorkflowDefinition wf = localWorkflow(given);
        String label = wf.settings().label();
        String runId = RunIds.fromArgs(given);
        String scratch = warehouse(given).resolve("scoring").resolve(runId).toString();
        GlueArgs cleanArgs = stepArgs(wf, WorkflowDefinition.CLEAN, Map.of(
                Arg.SOURCE_PATH, input.toAbsolutePath().toString(),
                Arg.TARGET_PATH, scratch + "/cleaned",
                Arg.REJECTED_PATH, scratch + "/quarantine",
                Arg.REPORT_PATH, scratch + "/reports",
                Arg.REQUIRE_LABEL, "false",
                Arg.MAX_REJECTED_FRACTION, given.string(Arg.MAX_REJECTED_FRACTION, "1.0"),
                Arg.RUN_ID, runId), GlueArgs.of(Map.of()));
        Map<String, String> scoreOverrides = new LinkedHashMap<>(Map.of(
                Arg.SOURCE_TABLE, "",
                Arg.SOURCE_PATH, scratch + "/cleaned",
                Arg.RUN_ID, runId));
        given.optional(Arg.MODEL_RUN).ifPresent(r -> scoreOverrides.put(Arg.MODEL_RUN, r));
        GlueArgs scoreArgs = withoutBlank(stepArgs(wf, WorkflowDefinition.SCORE, scoreOverrides, GlueArgs.of(Map.of())));
        CleaningJob.JOB.validate(cleanArgs);
        InferenceJob.JOB.validate(scoreArgs);
        Storage local = new Storage(new org.apache.hadoop.conf.Configuration());
        String models = local.resolve(wf.layout().models());
        if (new ModelStore(local, models).champion(label).isEmpty() && !given.has(Arg.MODEL_RUN)) {
            throw new JobConfigurationException("there is no champion model for label '" + label + "' under " + models
                    + ": train one first (bin/pipeline run, or bin/pipeline train)");
        }

        SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
        CleaningReport cleaned = CleaningJob.JOB.run(spark, cleanArgs);
        InferenceReport r = InferenceJob.JOB.run(spark, scoreArgs);
        out.printf("Scored %,d of %,d rows of %s with %s (run %s): %,d predicted yes (%.1f%%)%n", r.rowsScored(),
                cleaned.rowsRead(), input, r.model(), r.modelRunId(), r.predictedYes(), 100 * r.positiveShare());
        out.printf("  not scorable: %,d quarantined by cleaning%s, %,d by scoring%n", cleaned.rowsRejected(),
                cleaned.rejectedByReason().isEmpty() ? "" : " " + cleaned.rejectedByReason(), r.rowsRejected());
        out.printf("  predictions:  %s%n", r.outputPath());
        return 0;
    }

    private int history(GlueArgs given) {
        StorageLayout layout = StorageLayout.underOneRoot(warehouse(given).toString());
        SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
        return MetricsHistory.print(out, spark, layout.metrics(), given.string(Arg.LABEL, PipelineSettings.DEFAULT_LABEL),
                given.string("metric", "auc_pr"));
    }
}
