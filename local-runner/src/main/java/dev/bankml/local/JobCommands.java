package dev.bankml.local;

import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningConfig;
import dev.bankml.cleaning.CleaningJob;
import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Stopwatch;
import dev.bankml.training.TrainingConfig;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.WiringSettings;

/** {@code bin/pipeline clean} and {@code train}: one job alone, with its own arguments, on the warehouse. */
final class JobCommands {
    private JobCommands() {
    }

    /** The cleaning job alone cleans what it is pointed at (the sample by default), with no ledger and no leads. */
    static int clean(Command.Console console, Invocation in) {
        GlueArgs given = in.options();
        WorkflowDefinition wf = RunnerPaths.localWorkflow(given);
        GlueArgs args = StepArguments.of(wf, WorkflowDefinition.CLEAN)
                .set(WiringSettings.SOURCE_PATH, RunnerPaths.sampleInput().toString())
                .remove(WiringSettings.LEDGER_PATH, WiringSettings.LEADS_SOURCE_PATH, WiringSettings.LEADS_TARGET_PATH)
                .withOptions(given).args();
        CleaningConfig config = CleaningJob.JOB.configure(args);
        Stopwatch watch = Stopwatch.start();
        SparkSession spark = LocalSession.create(RunnerPaths.catalog(given));
        CleaningReport r = CleaningJob.JOB.run(spark, config);
        console.out().printf("Cleaned %,d of %,d rows (%,d quarantined%s) in %.1f s%n", r.rowsWritten(), r.rowsRead(),
                r.rowsRejected(), r.rejectedByReason().isEmpty() ? "" : ": " + r.rejectedByReason(),
                watch.totalSeconds());
        console.out().printf("  cleaned:    %s%n  quarantine: %s%n  report:     %s%n", r.targetPath(), r.rejectedPath(),
                config.reportPath());
        return 0;
    }

    /** The training job alone trains (it was asked to) on the warehouse's cleaned folder, unless given a table. */
    static int train(Command.Console console, Invocation in) {
        GlueArgs given = in.options();
        WorkflowDefinition wf = RunnerPaths.localWorkflow(given);
        StepArguments step = StepArguments.of(wf, WorkflowDefinition.TRAIN).set(RunSettings.RETRAIN, "true");
        if (!given.has(WiringSettings.SOURCE_TABLE)) {
            step.remove(WiringSettings.SOURCE_TABLE)
                    .set(WiringSettings.SOURCE_PATH, wf.layout().cleaned(DeliveryKind.OUTCOMES));
        }
        TrainingConfig config = TrainingJob.JOB.configure(step.withOptions(given).args());
        SparkSession spark = LocalSession.create(RunnerPaths.catalog(given));
        TrainingOutcome o = TrainingJob.JOB.run(spark, config);
        RunSummary.models(console.out(), o);
        console.out().printf("Trained in %.1f s; report %s/report.html%n", o.seconds(), o.runDir());
        return 0;
    }
}
