package dev.bankml.training.monitoring;

import static dev.bankml.workflow.settings.JobKind.MONITORING;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.RunContext;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.Usage;

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
        String label = args.get(Settings.LABEL);
        return new MonitoringConfig(RunContext.from(args, MONITORING, label),
                args.required(Settings.OUTCOMES_PATH, MONITORING),
                args.required(Settings.LEDGER_PATH, MONITORING), args.required(Settings.MODEL_PATH, MONITORING),
                args.required(Settings.MONITORING_PATH, MONITORING), label, args.get(Settings.AUC_DROP_ALARM),
                args.get(Settings.PSI_ALARM));
    }

    public String runId() {
        return context.runId();
    }
}
