package dev.bankml.local;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningConfig;
import dev.bankml.cleaning.CleaningJob;
import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.RunIds;
import dev.bankml.jobs.Storage;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.evaluation.Reasons;
import dev.bankml.training.history.MonitoringReport;
import dev.bankml.training.inference.InferenceConfig;
import dev.bankml.training.inference.InferenceJob;
import dev.bankml.training.inference.InferenceReport;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * {@code bin/pipeline score --input FILE}: cleans a CSV of new customers (label optional) and scores
 * exactly that file with the champion. The cleaned rows go to a folder of this run's own, so earlier
 * inputs are never scored again. Everything is checked (arguments, a champion to score with) before
 * anything is written.
 */
final class ScoreCommand {
    private ScoreCommand() {
    }

    static int run(Command.Console console, Invocation in) {
        GlueArgs given = in.options();
        Path input = Path.of(given.required(RunnerSettings.INPUT, JobKind.INFERENCE));
        RunnerPaths.inputFiles(input);
        WorkflowDefinition wf = RunnerPaths.localWorkflow(given);
        String label = wf.settings().get(DeploymentSettings.LABEL);
        String runId = RunIds.fromArgs(given);
        String scratch = RunnerPaths.warehouse(given).resolve("scoring").resolve(runId).toString();

        StepArguments clean = StepArguments.of(wf, WorkflowDefinition.CLEAN)
                .set(WiringSettings.SOURCE_PATH, input.toAbsolutePath().toString())
                .set(WiringSettings.TARGET_PATH, scratch + "/cleaned")
                .set(WiringSettings.REJECTED_PATH, scratch + "/quarantine")
                .set(WiringSettings.REPORT_PATH, scratch + "/reports")
                .set(WiringSettings.REQUIRE_LABEL, "false")
                .set(RunSettings.RUN_ID, runId)
                // exactly this file, outside the cycle's deliveries
                .remove(WiringSettings.LEDGER_PATH, WiringSettings.LEADS_SOURCE_PATH, WiringSettings.LEADS_TARGET_PATH);
        if (!given.has(CleaningSettings.MAX_REJECTED_FRACTION)) {
            // Customers to score are scored even when many rows are bad, unless the person says otherwise.
            clean.set(CleaningSettings.MAX_REJECTED_FRACTION, "1.0");
        }
        StepArguments score = StepArguments.of(wf, WorkflowDefinition.SCORE)
                .set(WiringSettings.SOURCE_PATH, scratch + "/cleaned")
                .set(RunSettings.RUN_ID, runId)
                .remove(WiringSettings.SOURCE_TABLE, WiringSettings.LEADS_PATH, WiringSettings.LEDGER_PATH,
                        WiringSettings.MONITORING_PATH);
        CleaningConfig cleanConfig = CleaningJob.JOB.configure(clean.withOptions(given, ScoreCommand::notAPath).args());
        InferenceConfig scoreConfig = InferenceJob.JOB.configure(score.withOptions(given, ScoreCommand::notAPath).args());
        Storage local = new Storage(new Configuration());
        String models = local.resolve(wf.layout().models());
        if (scoreConfig.modelRun().isEmpty() && new ModelStore(local, models).champion(label).isEmpty()) {
            throw new JobConfigurationException("there is no champion model for label '" + label + "' under " + models
                    + ": train one first (bin/pipeline run, or bin/pipeline train)");
        }

        SparkSession spark = LocalSession.create(RunnerPaths.catalog(given));
        CleaningReport cleaned = CleaningJob.JOB.run(spark, cleanConfig);
        InferenceReport r = InferenceJob.JOB.run(spark, scoreConfig);
        report(console, input, cleaned, r);
        return 0;
    }

    /** The options a person gives for scoring; the paths and the run id are the command's own. */
    private static boolean notAPath(Setting<?> s) {
        return s.scope() != Setting.Scope.WIRING && s != RunSettings.RUN_ID;
    }

    private static void report(Command.Console console, Path input, CleaningReport cleaned, InferenceReport r) {
        console.out().printf("Scored %,d of %,d rows of %s with %s (run %s): %,d predicted yes (%.1f%%)%n", r.rowsScored(),
                cleaned.rowsRead(), input, r.model(), r.modelRunId(), r.predictedYes(), 100 * r.positiveShare());
        console.out().printf("  not scorable: %,d quarantined by cleaning%s, %,d by scoring%n", cleaned.rowsRejected(),
                cleaned.rejectedByReason().isEmpty() ? "" : " " + cleaned.rejectedByReason(), r.rowsRejected());
        long unseen = r.unseenValues().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        console.out().printf("  unseen:       %s%n", unseen == 0
                ? "no category value the champion did not see in training"
                : String.format(Locale.ROOT, "%,d unseen category values, scored with the encoders' unknown-category "
                        + "slot: %s", unseen, MonitoringReport.unseen(r.unseenValues())));
        console.out().printf("  campaign:     %s%n", r.campaign().describe());
        console.out().printf("  reasons:      %s%n", r.reasonsMethod().equals(Reasons.UNAVAILABLE)
                ? "none (the champion gives no per-customer contributions)"
                : "top 3 per customer (" + r.reasonsMethod() + ") in top_reasons");
        console.out().printf("  predictions:  %s%n", r.outputPath());
    }
}
