package dev.bankml.training.approval;

import static dev.bankml.workflow.settings.JobKind.APPROVAL;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.RunContext;
import dev.bankml.workflow.settings.ApprovalSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.Usage;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The approval job's configuration, read once from its Glue-style arguments (see {@link Settings}).
 *
 * @param modelPath  the model store's root (the champion pointer and the versions)
 * @param ledgerPath the delivery ledger (its lock: a decision and a running cycle never interleave)
 * @param version    the model version decided about: the training run that saved it
 * @param approve    approve (else reject)
 * @param by         who decides
 * @param reason     why
 */
public record ApprovalConfig(RunContext context, String modelPath, String ledgerPath, String label, String version,
                             boolean approve, String by, String reason) implements JobConfig {

    public static final String USAGE = Usage.of(APPROVAL, "Approving a retired version is a rollback. A version that "
            + "reads a column known only after the call, or predicts another label, cannot be approved.");

    public static ApprovalConfig from(GlueArgs args) {
        String label = args.get(DeploymentSettings.LABEL);
        return new ApprovalConfig(RunContext.from(args, APPROVAL, label),
                args.required(WiringSettings.MODEL_PATH, APPROVAL), args.required(WiringSettings.LEDGER_PATH, APPROVAL),
                label, args.required(RunSettings.MODEL_RUN, APPROVAL),
                ApprovalSettings.APPROVE.equals(args.get(ApprovalSettings.DECISION)),
                args.required(ApprovalSettings.BY, APPROVAL).strip(), args.required(ApprovalSettings.REASON, APPROVAL).strip());
    }

    public String runId() {
        return context.runId();
    }
}
