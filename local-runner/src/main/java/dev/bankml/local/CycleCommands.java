package dev.bankml.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.RunIds;
import dev.bankml.jobs.S3Endpoint;
import dev.bankml.jobs.Stopwatch;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.GlueSettings;
import dev.bankml.workflow.settings.LocalSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The commands that play the workflow: {@code run} (the demo), {@code cycle} (one workflow run over the
 * warehouse as it stands) and {@code deliver} (the upload that starts one on AWS).
 */
final class CycleCommands {
    private CycleCommands() {
    }

    /**
     * {@code bin/pipeline run}: the warehouse's deliveries and cleaned tables are replaced by the input,
     * delivered as outcomes, and one cycle runs with training asked for; the models, metrics and
     * monitoring history stay (the quality gate compares with them).
     */
    static int run(Command.Console console, Invocation in) {
        Stopwatch watch = Stopwatch.start();
        GlueArgs given = in.options();
        List<Path> inputs = RunnerPaths.inputFiles(given.find(RunnerSettings.INPUT).map(Path::of)
                .orElseGet(RunnerPaths::sampleInput));
        Map<String, String> runArgs = new LinkedHashMap<>(RunnerOptions.runArguments(given));
        runArgs.put(RunSettings.RETRAIN.name(), "true");
        Cycle cycle = prepare(given, runArgs, console.out());
        console.out().printf("bank-glue-ml: local workflow run %s%n", cycle.runId());
        console.out().printf("  input      %s%n", inputs.size() == 1 ? inputs.get(0) : inputs.size() + " files");
        cycle.describe();
        try (WarehouseLock lock = cycle.lock("run")) {
            LocalWorkflow run = cycle.start();
            run.resetDeliveries();
            deliverWithLeadsHeldBack(run, inputs, given, cycle.workflow().settings().get(DeploymentSettings.LABEL));
            LocalWorkflow.Results results = run.run();
            RunSummary.print(console.out(), run, results, watch.totalSeconds());
            return RunSummary.exitStatus(results);
        }
    }

    /**
     * The demo's deliveries: each input file as outcomes, with {@code --leads_share} of its rows held back
     * as a lead delivery (label and after-call columns removed), so the cycle ends with new customers scored.
     */
    private static void deliverWithLeadsHeldBack(LocalWorkflow run, List<Path> inputs, GlueArgs given, String label) {
        double share = given.get(RunnerSettings.LEADS_SHARE);
        Path folder = RunnerPaths.warehouse(given).resolve("_deliveries");
        for (Path input : inputs) {
            DeliveryFiles.Cut cut = DeliveryFiles.holdBackLeads(input, folder, share, label);
            run.deliver(DeliveryKind.OUTCOMES, List.of(cut.outcomes()));
            if (cut.leads() != null) {
                run.deliver(DeliveryKind.LEADS, List.of(cut.leads()));
                run.out().printf(Locale.ROOT, "  delivered  %s: %,d rows as outcomes, %,d held back as leads "
                        + "(no label, no after-call column)%n", input.getFileName(), cut.outcomeRows(), cut.leadRows());
            }
        }
    }

    /**
     * {@code bin/pipeline cycle}: one workflow run over the warehouse as it stands (what a landed file starts on
     * AWS), holding the warehouse for the whole cycle. Exit status {@value RunSummary#REFUSED} when the
     * cleaning refused a delivery (the others were cleaned, and the cycle went on).
     */
    static int cycle(Command.Console console, Invocation in) {
        Stopwatch watch = Stopwatch.start();
        Cycle cycle = prepare(in.options(), new LinkedHashMap<>(RunnerOptions.runArguments(in.options())), console.out());
        console.out().printf("bank-glue-ml: cycle %s%n", cycle.cycleId());
        cycle.describe();
        try (WarehouseLock lock = cycle.lock("cycle")) {
            LocalWorkflow run = cycle.start();
            LocalWorkflow.Results results = run.run();
            RunSummary.print(console.out(), run, results, watch.totalSeconds());
            return RunSummary.exitStatus(results);
        }
    }

    /** {@code bin/pipeline deliver --kind outcomes|leads FILE...}: the upload to the raw bucket. */
    static int deliver(Command.Console console, Invocation in) {
        GlueArgs given = in.options();
        String kind = given.find(RunnerSettings.DELIVERY_KIND).orElseThrow(() -> new JobConfigurationException(
                "missing " + RunnerSettings.DELIVERY_KIND.flag() + " (" + RunnerSettings.DELIVERY_KIND.help() + ")"));
        if (in.operands().isEmpty()) {
            throw new JobConfigurationException("bin/pipeline deliver: name the file(s) to deliver after the options");
        }
        List<Path> files = in.operands().stream().map(Path::of).toList();
        files.forEach(RunnerPaths::inputFiles);
        StorageLayout layout = StorageLayout.underOneRoot(RunnerPaths.warehouse(given).toString());
        Storage local = new Storage(new Configuration());
        String folder = local.resolve(layout.deliveries(DeliveryKind.of(kind)));
        local.mkdirs(folder);
        for (Path f : files) {
            for (Path file : RunnerPaths.inputFiles(f)) {
                String target = Storage.join(folder, file.getFileName().toString());
                try {
                    Files.copy(file, Path.of(URI.create(target)), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot deliver " + file + " to " + folder, e);
                }
                console.out().printf("Delivered %s as %s: %s%n", file, kind, target);
            }
        }
        console.out().println("Run bin/pipeline cycle to clean, evaluate, train (if due) and score it.");
        return 0;
    }

    /**
     * The arguments {@code bin/pipeline run <options>} gives each job step, by step id, read exactly as
     * the command reads them, without running anything.
     */
    static Map<String, Map<String, String>> jobArguments(GlueArgs given) {
        return LocalWorkflow.jobArguments(RunnerPaths.workflow(given), RunnerOptions.runArguments(given));
    }

    /**
     * Reads the options into the cycle's workflow and configures every job before anything is touched.
     * Like a Glue workflow run, the cycle has an id every job gets ({@code --WORKFLOW_RUN_ID}); the jobs
     * of one local cycle also share one run id.
     */
    static Cycle prepare(GlueArgs given, Map<String, String> runArgs, PrintStream out) {
        String runId = runArgs.computeIfAbsent(RunSettings.RUN_ID.name(), k -> RunIds.fromArgs(given));
        String cycleId = "local-" + runId;
        runArgs.put(GlueSettings.WORKFLOW_RUN_ID.name(), cycleId);
        WorkflowDefinition workflow = RunnerPaths.workflow(given);
        return new Cycle(runId, cycleId, workflow, LocalWorkflow.configure(workflow, runArgs), given, out);
    }

    /** One cycle about to run: its workflow, jobs configured, session started on demand. */
    record Cycle(String runId, String cycleId, WorkflowDefinition workflow,
                 Map<String, PipelineJob.Configured<?, ?>> jobs, GlueArgs given, PrintStream out) {
        void describe() {
            SettingValues settings = workflow.settings();
            out.printf("  warehouse  %s%n", workflow.layout().rawRoot().replaceAll("/raw$", ""));
            List<String> excluded = settings.get(TrainingSettings.EXCLUDE_FEATURES);
            out.printf("  label      %s   features: %s%s   tuning: %s%n%n", settings.get(DeploymentSettings.LABEL),
                    settings.get(TrainingSettings.FEATURES),
                    excluded.isEmpty() ? "" : " without " + String.join(",", excluded), settings.get(TrainingSettings.TUNING));
        }


        LocalWorkflow start() {
            SparkSession spark = LocalSession.create(RunnerPaths.catalog(given));
            withEndpoint(spark.sparkContext().hadoopConfiguration());
            return new LocalWorkflow(spark, workflow, jobs, out);
        }

        /**
         * Takes the warehouse for the whole cycle, before Spark starts, so that a second cycle is refused at
         * once; the cycle's jobs re-enter the lock (same cycle id).
         *
         * @throws dev.bankml.jobs.WarehouseBusyException when another cycle holds it
         */
        WarehouseLock lock(String command) {
            Storage storage = new Storage(withEndpoint(new Configuration()));
            return WarehouseLock.take(storage, workflow.layout().ledger(), "bin/pipeline " + command, cycleId, runId);
        }

        private Configuration withEndpoint(Configuration hadoop) {
            given.find(LocalSettings.S3_ENDPOINT).ifPresent(endpoint -> S3Endpoint.apply(hadoop, endpoint,
                    given.find(LocalSettings.S3_ACCESS_KEY).orElse(System.getenv("AWS_ACCESS_KEY_ID")),
                    given.find(LocalSettings.S3_SECRET_KEY).orElse(System.getenv("AWS_SECRET_ACCESS_KEY"))));
            return hadoop;
        }
    }
}
