package dev.bankml.training.monitoring;

import static dev.bankml.workflow.settings.JobKind.MONITORING;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.RunContext;
import dev.bankml.workflow.settings.CampaignSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.MonitoringSettings;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.Usage;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The monitoring job's configuration, read once from its Glue-style arguments (see {@link Settings}).
 *
 * @param outcomesPath   root of the cleaned outcomes table
 * @param alarms         when a delivery raises an alarm
 * @param contactShare   the top share of each delivery, by score, in which champion and challenger count the yes
 *                       answers they would have reached
 */
public record MonitoringConfig(RunContext context, String outcomesPath, String ledgerPath,
                               String modelPath, String monitoringPath, String label, Alarms alarms,
                               double contactShare) implements JobConfig {

    /**
     * @param aucDrop alarm when the out-of-time AUC-ROC is lower than the champion's test AUC-ROC by more
     * @param psi     alarm when a population stability index is above
     */
    public record Alarms(double aucDrop, double psi) {
    }

    public static final String USAGE = Usage.of(MONITORING);

    public static MonitoringConfig from(GlueArgs args) {
        String label = args.get(DeploymentSettings.LABEL);
        return new MonitoringConfig(RunContext.from(args, MONITORING, label),
                args.required(WiringSettings.OUTCOMES_PATH, MONITORING),
                args.required(WiringSettings.LEDGER_PATH, MONITORING), args.required(WiringSettings.MODEL_PATH, MONITORING),
                args.required(WiringSettings.MONITORING_PATH, MONITORING), label,
                new Alarms(args.get(MonitoringSettings.AUC_DROP_ALARM), args.get(MonitoringSettings.PSI_ALARM)),
                args.find(CampaignSettings.CONTACT_SHARE).orElse(SideBySide.DEFAULT_CONTACT_SHARE));
    }

    public String runId() {
        return context.runId();
    }
}
