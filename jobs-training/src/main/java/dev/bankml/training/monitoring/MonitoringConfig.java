package dev.bankml.training.monitoring;

import static dev.bankml.workflow.settings.JobKind.MONITORING;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.RunContext;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.MonitoringSettings;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.Usage;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The monitoring job's configuration, read once from its Glue-style arguments (see {@link Settings}).
 *
 * @param outcomesPath   root of the cleaned outcomes table
 * @param aucDropAlarm   alarm when the out-of-time AUC-ROC is lower than the champion's test AUC-ROC by more
 * @param psiAlarm       alarm when a population stability index is above
 */
public record MonitoringConfig(RunContext context, String outcomesPath, String ledgerPath,
                               String modelPath, String monitoringPath, String label, double aucDropAlarm,
                               double psiAlarm) implements JobConfig {

    public static final String USAGE = Usage.of(MONITORING);

    public static MonitoringConfig from(GlueArgs args) {
        String label = args.get(DeploymentSettings.LABEL);
        return new MonitoringConfig(RunContext.from(args, MONITORING, label),
                args.required(WiringSettings.OUTCOMES_PATH, MONITORING),
                args.required(WiringSettings.LEDGER_PATH, MONITORING), args.required(WiringSettings.MODEL_PATH, MONITORING),
                args.required(WiringSettings.MONITORING_PATH, MONITORING), label, args.get(MonitoringSettings.AUC_DROP_ALARM),
                args.get(MonitoringSettings.PSI_ALARM));
    }

    public String runId() {
        return context.runId();
    }
}
