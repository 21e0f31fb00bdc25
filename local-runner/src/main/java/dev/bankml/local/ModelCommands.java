package dev.bankml.local;

import java.util.List;

import org.apache.hadoop.conf.Configuration;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.training.approval.ApprovalConfig;
import dev.bankml.training.approval.ApprovalJob;
import dev.bankml.training.approval.ApprovalOutcome;
import dev.bankml.training.history.MonitoringHistory;
import dev.bankml.training.history.ShadowEvidence;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.ApprovalSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.RunSettings;

/**
 * {@code bin/pipeline models}, {@code approve} and {@code reject}: a label's model versions with the evidence
 * beside them, and a person's decision about one, carried out by the approval job's own code (holding the
 * warehouse's lock, as on AWS). No Spark: versions and histories are small JSON files.
 */
final class ModelCommands {
    private ModelCommands() {
    }

    static int models(Command.Console console, Invocation in) {
        GlueArgs given = in.options();
        StorageLayout layout = StorageLayout.underOneRoot(RunnerPaths.warehouse(given).toString());
        Storage storage = new Storage(new Configuration());
        String label = given.get(DeploymentSettings.LABEL);
        ModelVersions versions = new ModelVersions(storage, layout.models());
        console.out().println("Model versions, label " + label + " (" + versions.location() + ")");
        VersionTable.print(console.out(), label, versions.list(label),
                ShadowEvidence.of(new MonitoringHistory(storage, layout.monitoring(), label).records()));
        return 0;
    }

    static int approve(Command.Console console, Invocation in) {
        return decide(console, in, ApprovalSettings.APPROVE);
    }

    static int reject(Command.Console console, Invocation in) {
        return decide(console, in, ApprovalSettings.REJECT);
    }

    /**
     * Runs the approval job on the warehouse: the workflow's arguments for it, the version (the one operand),
     * the decision (the command's name), who and why.
     */
    private static int decide(Command.Console console, Invocation in, String decision) {
        GlueArgs given = in.options();
        String run = onlyOperand(decision, in.operands(), "RUN (the training run that saved the version: "
                + "bin/pipeline models lists them)");
        WorkflowDefinition wf = RunnerPaths.localWorkflow(given);
        GlueArgs args = StepArguments.of(wf.approval()).set(RunSettings.MODEL_RUN, run)
                .set(ApprovalSettings.DECISION, decision).withOptions(given).args();
        ApprovalConfig config = ApprovalJob.JOB.configure(args);
        ApprovalOutcome outcome = ApprovalJob.decide(new Storage(new Configuration()), config);
        console.out().println(outcome.message());
        return 0;
    }

    /**
     * The one operand of a command that takes a single word.
     *
     * @throws JobConfigurationException naming what was given instead
     */
    static String onlyOperand(String command, List<String> operands, String what) {
        if (operands.size() != 1) {
            throw new JobConfigurationException("bin/pipeline " + command + " takes one " + what + ", not "
                    + (operands.isEmpty() ? "none" : operands.size() + ": " + operands));
        }
        return operands.get(0);
    }
}
