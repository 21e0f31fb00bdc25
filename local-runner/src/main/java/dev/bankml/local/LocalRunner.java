package dev.bankml.local;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningConfig;
import dev.bankml.cleaning.CleaningJob;
import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.Failures;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.RunIds;
import dev.bankml.jobs.S3Endpoint;
import dev.bankml.jobs.Storage;
import dev.bankml.training.TrainingConfig;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.inference.InferenceConfig;
import dev.bankml.training.inference.InferenceJob;
import dev.bankml.training.inference.InferenceReport;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.CommandLineSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.GlueSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.LocalSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * {@code bin/pipeline}: the jobs on a laptop, in one local Spark session, laid out like the deployed
 * buckets under a local warehouse folder (or an S3-compatible server with {@code --s3_endpoint}).
 * Every option is a declared setting ({@link RunnerOptions}); the workflow's steps get the arguments
 * the deployed workflow gives its jobs.
 */
public final class LocalRunner {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalRunner.class);
    static final String DEFAULT_INPUT = "data/sample/bank.csv";
    static final String DEFAULT_WAREHOUSE = "warehouse";

    /** The repository root (bin/pipeline passes it); defaults are resolved against it, user paths against the cwd. */
    static Path projectRoot() {
        return Path.of(System.getProperty("bankml.project.root", ".")).toAbsolutePath().normalize();
    }

    static Path sampleInput() {
        return projectRoot().resolve(DEFAULT_INPUT);
    }

    static String usage() {
        return "Usage: bin/pipeline <command> [--key value ...]\n\nCommands:\n"
                + "  run      the demo: the sample as an outcomes delivery, then one cycle (crawl raw -> clean ->\n"
                + "           crawl cleaned -> evaluate -> train -> score), training asked for\n"
                + indent(RunnerOptions.help(RunnerOptions.ofRun()))
                + "  deliver  " + RunnerSettings.DELIVERY_KIND.flag() + " outcomes|leads FILE...: deliver files to the warehouse's raw folders (the upload)\n"
                + "  cycle    one workflow run over the warehouse as it stands: clean the new deliveries, evaluate the\n"
                + "           champion on new outcomes, train if due, score new leads\n"
                + indent(RunnerOptions.help(List.of(RunnerSettings.WAREHOUSE, RunSettings.RETRAIN, RunSettings.REPROCESS)))
                + "  replay   the sample as monthly deliveries of outcomes and leads, one cycle each, with a\n"
                + "           month-by-month table (a fresh warehouse: warehouse/replay/ by default)\n"
                + indent(RunnerOptions.help(List.of(RunnerSettings.WAREHOUSE, RunnerSettings.REPLAY_FIRST_MONTH, TrainingSettings.TUNING)))
                + "  clean    the cleaning job alone (its own arguments; default: the sample into the warehouse)\n"
                + "  train    the training job alone (its own arguments; default: the warehouse's cleaned data)\n"
                + "  score    clean a CSV of new customers (label optional) and score it with the latest champion;\n"
                + "           predictions go to the warehouse's predictions/scored/\n"
                + indent(RunnerOptions.help(RunnerOptions.ofScore().subList(0, 4)))
                + "  history  the metrics of every run in the warehouse, runs x models, then the monitoring history\n"
                + "           (a line per delivery measured, training decision, scoring and cycle)\n"
                + indent(RunnerOptions.help(RunnerOptions.ofHistory()))
                + "  bench    time clean, train and score on synthetic rows shaped like the sample (clean: against\n"
                + "           the bare Spark conversion of the same file, alternated, median of the pairs)\n"
                + indent(RunnerOptions.help(RunnerOptions.ofBench()))
                + "  help     this text (\"bin/pipeline <command> " + CommandLineSettings.HELP.flag()
                + "\" for a command's or a job's own options)\n";
    }

    private static String indent(String lines) {
        return lines.replaceAll("(?m)^", "       ");
    }

    private final PrintStream out;
    private final PrintStream err;

    LocalRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] argv) {
        int status = new LocalRunner(System.out, System.err).run(argv);
        System.exit(status);
    }

    /** Runs one command; returns the process exit status (0 ok, 1 failed, 2 bad usage). */
    int run(String[] argv) {
        if (argv.length == 0 || List.of(CommandLineSettings.HELP.name(), CommandLineSettings.HELP.flag(), "-h").contains(argv[0])) {
            out.print(usage());
            return argv.length == 0 ? 2 : 0;
        }
        String command = argv[0];
        try {
            if (command.equals("deliver")) {
                DeliverArgs d = deliverArgs(Arrays.copyOfRange(argv, 1, argv.length));
                if (d.options().flagged(CommandLineSettings.HELP)) {
                    out.println("bin/pipeline deliver " + RunnerSettings.DELIVERY_KIND.flag() + " outcomes|leads FILE...\n" + RunnerOptions.help(RunnerOptions.ofDeliver()));
                    return 0;
                }
                return deliver(checked(command, d.options(), RunnerOptions.ofDeliver()), d.files());
            }
            GlueArgs args = GlueArgs.parse(Arrays.copyOfRange(argv, 1, argv.length));
            if (args.flagged(CommandLineSettings.HELP)) {
                out.println(switch (command) {
                    case "clean" -> CleaningJob.JOB.usage();
                    case "train" -> TrainingJob.JOB.usage();
                    case "score" -> "bin/pipeline score: clean a CSV of new customers and score it\n"
                            + RunnerOptions.help(RunnerOptions.ofScore());
                    case "run" -> "bin/pipeline run: the whole workflow\n" + RunnerOptions.help(RunnerOptions.ofRun());
                    case "cycle" -> "bin/pipeline cycle: one workflow run over the warehouse as it stands\n"
                            + RunnerOptions.help(RunnerOptions.ofCycle());
                    case "replay" -> "bin/pipeline replay: the sample as monthly deliveries, one cycle each\n"
                            + RunnerOptions.help(RunnerOptions.ofReplay());
                    default -> usage();
                });
                return 0;
            }
            return switch (command) {
                case "run" -> runWorkflow(checked(command, args, RunnerOptions.ofRun()));
                case "cycle" -> cycle(checked(command, args, RunnerOptions.ofCycle()));
                case "replay" -> new Replay(this, out).run(checked(command, args, RunnerOptions.ofReplay()));
                case "clean" -> clean(checked(command, args, RunnerOptions.ofJob(JobKind.CLEANING)));
                case "train" -> train(checked(command, args, RunnerOptions.ofJob(JobKind.TRAINING)));
                case "score" -> score(checked(command, args, RunnerOptions.ofScore()));
                case "history" -> history(checked(command, args, RunnerOptions.ofHistory()));
                case "bench" -> new Benchmark(out).run(checked(command, args, RunnerOptions.ofBench()));
                default -> {
                    err.println("ERROR: unknown command '" + command + "'\n");
                    out.print(usage());
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

    private static GlueArgs checked(String command, GlueArgs args, List<Setting<?>> options) {
        RunnerOptions.check(command, args, options);
        return args;
    }

    private static String s3Endpoint(String[] argv) {
        try {
            return GlueArgs.parse(Arrays.copyOfRange(argv, 1, argv.length)).text(LocalSettings.S3_ENDPOINT.name()).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Where the stack trace of a failure went. */
    private static String details() {
        String log = System.getProperty("bankml.log.file");
        return Boolean.getBoolean("bankml.verbose") ? "(stack trace above)"
                : "(stack trace in " + (log == null ? "the log" : log) + "; " + CommandLineSettings.VERBOSE.flag() + " prints it here)";
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
        return args.find(RunnerSettings.WAREHOUSE).map(w -> Path.of(w).toAbsolutePath())
                .orElseGet(() -> projectRoot().resolve(DEFAULT_WAREHOUSE));
    }

    /** Where the buckets are: folders of the warehouse, or one bucket of an S3-compatible server. */
    static StorageLayout layout(GlueArgs given) {
        return given.has(LocalSettings.S3_ENDPOINT)
                ? StorageLayout.underOneRoot("s3a://" + given.get(RunnerSettings.S3_BUCKET))
                : StorageLayout.underOneRoot(warehouse(given).toString());
    }

    /**
     * The arguments {@code bin/pipeline run <options>} gives each job step, by step id, read exactly as
     * the command reads them, without running anything: the deployed workflow's arguments for the same
     * settings, with the warehouse's folders for the buckets.
     */
    public static Map<String, Map<String, String>> jobArguments(String... options) {
        GlueArgs given = checked("run", GlueArgs.parse(options), RunnerOptions.ofRun());
        return LocalWorkflow.jobArguments(workflow(given), RunnerOptions.runArguments(given));
    }

    private static WorkflowDefinition workflow(GlueArgs given) {
        return WorkflowDefinition.of(layout(given), RunnerOptions.deploymentValues(given));
    }

    /**
     * {@code bin/pipeline run}: the one-command demo. The warehouse's deliveries and cleaned tables are
     * replaced by the input, delivered as outcomes, and one cycle runs with training asked for; the
     * models, metrics and monitoring history stay (the quality gate compares with them).
     */
    private int runWorkflow(GlueArgs given) {
        long t0 = System.nanoTime();
        List<Path> inputs = inputFiles(given.find(RunnerSettings.INPUT).map(Path::of).orElseGet(LocalRunner::sampleInput));
        Map<String, String> runArgs = new LinkedHashMap<>(RunnerOptions.runArguments(given));
        runArgs.put(RunSettings.RETRAIN.name(), "true");
        Cycle cycle = prepare(given, runArgs);
        out.printf("bank-glue-ml: local workflow run %s%n", cycle.runId());
        out.printf("  input      %s%n", inputs.size() == 1 ? inputs.get(0) : inputs.size() + " files");
        cycle.describe(out);
        LocalWorkflow run = cycle.start();
        run.resetDeliveries();
        run.deliver(DeliveryKind.OUTCOMES, inputs);
        LocalWorkflow.Results results = run.run();
        RunSummary.print(out, cycle.workflow(), results, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** {@code bin/pipeline cycle}: one workflow run over the warehouse as it stands (what a landed file starts on AWS). */
    private int cycle(GlueArgs given) {
        long t0 = System.nanoTime();
        Cycle cycle = prepare(given, new LinkedHashMap<>(RunnerOptions.runArguments(given)));
        out.printf("bank-glue-ml: cycle %s%n", cycle.cycleId());
        cycle.describe(out);
        LocalWorkflow.Results results = cycle.start().run();
        RunSummary.print(out, cycle.workflow(), results, (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** {@code bin/pipeline deliver --kind outcomes|leads FILE...}: the upload to the raw bucket. */
    private int deliver(GlueArgs given, List<Path> files) {
        String kind = given.find(RunnerSettings.DELIVERY_KIND).orElseThrow(() -> new JobConfigurationException(
                "missing " + RunnerSettings.DELIVERY_KIND.flag() + " (" + RunnerSettings.DELIVERY_KIND.help() + ")"));
        if (files.isEmpty()) {
            throw new JobConfigurationException("bin/pipeline deliver: name the file(s) to deliver after the options");
        }
        files.forEach(LocalRunner::inputFiles);
        StorageLayout layout = StorageLayout.underOneRoot(warehouse(given).toString());
        Storage local = new Storage(new org.apache.hadoop.conf.Configuration());
        String folder = local.resolve(layout.deliveries(DeliveryKind.of(kind)));
        local.mkdirs(folder);
        for (Path f : files) {
            for (Path file : inputFiles(f)) {
                String target = Storage.join(folder, file.getFileName().toString());
                try {
                    java.nio.file.Files.copy(file, Path.of(java.net.URI.create(target)),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot deliver " + file + " to " + folder, e);
                }
                out.printf("Delivered %s as %s: %s%n", file, kind, target);
            }
        }
        out.println("Run bin/pipeline cycle to clean, evaluate, train (if due) and score it.");
        return 0;
    }

    /** The arguments after {@code deliver}: options ({@code --key value}) and the files. */
    static DeliverArgs deliverArgs(String[] argv) {
        List<String> options = new java.util.ArrayList<>();
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].startsWith("--")) {
                options.add(argv[i]);
                if (!argv[i].contains("=") && i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                    options.add(argv[++i]);
                }
            } else {
                files.add(Path.of(argv[i]));
            }
        }
        return new DeliverArgs(GlueArgs.parse(options.toArray(String[]::new)), files);
    }

    record DeliverArgs(GlueArgs options, List<Path> files) {
    }

    /** One cycle about to run: its workflow, jobs configured, session started on demand. */
    record Cycle(String runId, String cycleId, WorkflowDefinition workflow,
                 Map<String, PipelineJob.Configured<?, ?>> jobs, GlueArgs given, PrintStream out) {
        void describe(PrintStream out) {
            SettingValues settings = workflow.settings();
            out.printf("  warehouse  %s%n", workflow.layout().rawRoot().replaceAll("/raw$", ""));
            List<String> excluded = settings.get(TrainingSettings.EXCLUDE_FEATURES);
            out.printf("  label      %s   excluded features: %s   tuning: %s%n%n", settings.get(DeploymentSettings.LABEL),
                    excluded.isEmpty() ? "none" : String.join(",", excluded), settings.get(TrainingSettings.TUNING));
        }

        LocalWorkflow start() {
            SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
            given.find(LocalSettings.S3_ENDPOINT).ifPresent(endpoint -> S3Endpoint.apply(
                    spark.sparkContext().hadoopConfiguration(), endpoint,
                    given.find(LocalSettings.S3_ACCESS_KEY).orElse(System.getenv("AWS_ACCESS_KEY_ID")),
                    given.find(LocalSettings.S3_SECRET_KEY).orElse(System.getenv("AWS_SECRET_ACCESS_KEY"))));
            return new LocalWorkflow(spark, workflow, jobs, out);
        }
    }

    /**
     * Reads the options into the cycle's workflow and configures every job before anything is touched.
     * Like a Glue workflow run, the cycle has an id every job gets ({@code --WORKFLOW_RUN_ID}); the jobs
     * of one local cycle also share one run id.
     */
    Cycle prepare(GlueArgs given, Map<String, String> runArgs) {
        String runId = runArgs.computeIfAbsent(RunSettings.RUN_ID.name(), k -> RunIds.fromArgs(given));
        String cycleId = "local-" + runId;
        runArgs.put(GlueSettings.WORKFLOW_RUN_ID.name(), cycleId);
        WorkflowDefinition workflow = workflow(given);
        return new Cycle(runId, cycleId, workflow, LocalWorkflow.configure(workflow, runArgs), given, out);
    }

    static List<Path> inputFiles(Path input) {
        if (!Files.exists(input)) {
            throw new JobConfigurationException(RunnerSettings.INPUT.flag() + " " + input + " does not exist");
        }
        if (Files.isDirectory(input)) {
            try (var s = Files.list(input)) {
                List<Path> files = s.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
                if (files.isEmpty()) {
                    throw new JobConfigurationException(RunnerSettings.INPUT.flag() + " " + input + " holds no file");
                }
                return files;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return List.of(input);
    }

    /** The workflow of the local warehouse, with the deployment settings the command was given. */
    private static WorkflowDefinition localWorkflow(GlueArgs given) {
        return WorkflowDefinition.of(StorageLayout.underOneRoot(warehouse(given).toString()),
                RunnerOptions.deploymentValues(given));
    }

    /** A step's arguments from the workflow, then {@code overrides} (a blank value removes a key), then the job's own options given. */
    private static GlueArgs stepArgs(WorkflowDefinition wf, String step, Map<String, String> overrides, GlueArgs given) {
        JobKind job = wf.step(step).job().orElseThrow().kind();
        Map<String, String> fromUser = new LinkedHashMap<>();
        given.asMap().forEach((k, v) -> {
            if (Settings.named(k).filter(s -> s.readBy(job)).isPresent()) {
                fromUser.put(k, v);
            }
        });
        return GlueArgs.of(wf.step(step).job().orElseThrow().arguments()).with(overrides).with(fromUser);
    }

    private int clean(GlueArgs given) {
        WorkflowDefinition wf = localWorkflow(given);
        // The job alone cleans what it is pointed at (no ledger, no leads), unless told otherwise.
        GlueArgs args = stepArgs(wf, WorkflowDefinition.CLEAN, Map.of(WiringSettings.SOURCE_PATH.name(),
                sampleInput().toString(), WiringSettings.LEDGER_PATH.name(), "", WiringSettings.LEADS_SOURCE_PATH.name(), "",
                WiringSettings.LEADS_TARGET_PATH.name(), ""), given);
        CleaningConfig config = CleaningJob.JOB.configure(args);
        long t0 = System.nanoTime();
        SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
        CleaningReport r = CleaningJob.JOB.run(spark, config);
        out.printf("Cleaned %,d of %,d rows (%,d quarantined%s) in %.1f s%n", r.rowsWritten(), r.rowsRead(),
                r.rowsRejected(), r.rejectedByReason().isEmpty() ? "" : ": " + r.rejectedByReason(),
                (System.nanoTime() - t0) / 1e9);
        out.printf("  cleaned:    %s%n  quarantine: %s%n  report:     %s%n", r.targetPath(), r.rejectedPath(),
                config.reportPath());
        return 0;
    }

    private int train(GlueArgs given) {
        WorkflowDefinition wf = localWorkflow(given);
        Map<String, String> overrides = new LinkedHashMap<>();
        if (!given.has(WiringSettings.SOURCE_TABLE)) {
            overrides.put(WiringSettings.SOURCE_TABLE.name(), ""); // the warehouse's cleaned folder, not the catalog
            overrides.put(WiringSettings.SOURCE_PATH.name(), wf.layout().cleaned(DeliveryKind.OUTCOMES));
        }
        overrides.put(RunSettings.RETRAIN.name(), "true"); // the job alone trains: it was asked to
        TrainingConfig config = TrainingJob.JOB.configure(stepArgs(wf, WorkflowDefinition.TRAIN, overrides, given));
        SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
        TrainingOutcome o = TrainingJob.JOB.run(spark, config);
        RunSummary.models(out, o);
        out.printf("Trained in %.1f s; report %s/report.html%n", o.seconds(), o.runDir());
        return 0;
    }

    /**
     * Cleans a CSV of new customers (label optional) and scores exactly that file with the champion:
     * the cleaned rows go to a folder of this run's own, so earlier inputs are never scored again.
     * Everything is checked (arguments, a champion to score with) before anything is written.
     */
    private int score(GlueArgs given) {
        Path input = Path.of(given.required(RunnerSettings.INPUT, JobKind.INFERENCE));
        inputFiles(input);
        WorkflowDefinition wf = localWorkflow(given);
        String label = wf.settings().get(DeploymentSettings.LABEL);
        String runId = RunIds.fromArgs(given);
        String scratch = warehouse(given).resolve("scoring").resolve(runId).toString();
        Map<String, String> cleanOverrides = new LinkedHashMap<>();
        cleanOverrides.put(WiringSettings.SOURCE_PATH.name(), input.toAbsolutePath().toString());
        cleanOverrides.put(WiringSettings.TARGET_PATH.name(), scratch + "/cleaned");
        cleanOverrides.put(WiringSettings.REJECTED_PATH.name(), scratch + "/quarantine");
        cleanOverrides.put(WiringSettings.REPORT_PATH.name(), scratch + "/reports");
        cleanOverrides.put(WiringSettings.REQUIRE_LABEL.name(), "false");
        // Customers to score are scored even when many rows are bad, unless the person says otherwise.
        cleanOverrides.put(CleaningSettings.MAX_REJECTED_FRACTION.name(),
                given.has(CleaningSettings.MAX_REJECTED_FRACTION) ? "" : "1.0");
        cleanOverrides.put(RunSettings.RUN_ID.name(), runId);
        cleanOverrides.put(WiringSettings.LEDGER_PATH.name(), ""); // exactly this file, outside the cycle's deliveries
        cleanOverrides.put(WiringSettings.LEADS_SOURCE_PATH.name(), "");
        cleanOverrides.put(WiringSettings.LEADS_TARGET_PATH.name(), "");
        Map<String, String> scoreOverrides = new LinkedHashMap<>();
        scoreOverrides.put(WiringSettings.SOURCE_TABLE.name(), "");
        scoreOverrides.put(WiringSettings.SOURCE_PATH.name(), scratch + "/cleaned");
        scoreOverrides.put(RunSettings.RUN_ID.name(), runId);
        scoreOverrides.put(WiringSettings.LEADS_PATH.name(), "");
        scoreOverrides.put(WiringSettings.LEDGER_PATH.name(), "");
        scoreOverrides.put(WiringSettings.MONITORING_PATH.name(), "");
        CleaningConfig cleanConfig = CleaningJob.JOB.configure(stepArgs(wf, WorkflowDefinition.CLEAN, cleanOverrides,
                withoutPaths(given)));
        InferenceConfig scoreConfig = InferenceJob.JOB.configure(stepArgs(wf, WorkflowDefinition.SCORE, scoreOverrides,
                withoutPaths(given)));
        Storage local = new Storage(new org.apache.hadoop.conf.Configuration());
        String models = local.resolve(wf.layout().models());
        if (scoreConfig.modelRun().isEmpty() && new ModelStore(local, models).champion(label).isEmpty()) {
            throw new JobConfigurationException("there is no champion model for label '" + label + "' under " + models
                    + ": train one first (bin/pipeline run, or bin/pipeline train)");
        }

        SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
        CleaningReport cleaned = CleaningJob.JOB.run(spark, cleanConfig);
        InferenceReport r = InferenceJob.JOB.run(spark, scoreConfig);
        out.printf("Scored %,d of %,d rows of %s with %s (run %s): %,d predicted yes (%.1f%%)%n", r.rowsScored(),
                cleaned.rowsRead(), input, r.model(), r.modelRunId(), r.predictedYes(), 100 * r.positiveShare());
        out.printf("  not scorable: %,d quarantined by cleaning%s, %,d by scoring%n", cleaned.rowsRejected(),
                cleaned.rejectedByReason().isEmpty() ? "" : " " + cleaned.rejectedByReason(), r.rowsRejected());
        long unseen = r.unseenValues().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        out.printf("  unseen:       %s%n", unseen == 0 ? "no category value the champion did not see in training"
                : String.format(java.util.Locale.ROOT, "%,d unseen category values, scored with the encoders' unknown-"
                + "category slot: %s", unseen, dev.bankml.training.history.MonitoringReport.unseen(r.unseenValues())));
        out.printf("  campaign:     %s%n", r.campaign().describe());
        out.printf("  reasons:      %s%n", r.reasonsMethod().equals(dev.bankml.training.evaluation.Reasons.UNAVAILABLE)
                ? "none (the champion gives no per-customer contributions)"
                : "top 3 per customer (" + r.reasonsMethod() + ") in top_reasons");
        out.printf("  predictions:  %s%n", r.outputPath());
        return 0;
    }

    /** The options given, without the runner's own and the run id (the score command sets them itself). */
    private static GlueArgs withoutPaths(GlueArgs given) {
        Map<String, String> m = new LinkedHashMap<>(given.asMap());
        m.keySet().removeIf(k -> Settings.named(k).map(s -> s.scope() == Setting.Scope.WIRING
                || s.scope() == Setting.Scope.RUNNER || s == RunSettings.RUN_ID).orElse(true));
        return GlueArgs.of(m);
    }

    private int history(GlueArgs given) {
        StorageLayout layout = StorageLayout.underOneRoot(warehouse(given).toString());
        SparkSession spark = LocalSession.create(warehouse(given).resolve("_catalog"));
        int status = MetricsHistory.print(out, spark, layout.metrics(), given.get(DeploymentSettings.LABEL),
                given.get(RunnerSettings.HISTORY_METRIC));
        MonitoringLog.print(out, new dev.bankml.jobs.Storage(spark.sparkContext().hadoopConfiguration()),
                layout.monitoring(), given.get(DeploymentSettings.LABEL));
        return status;
    }
}
