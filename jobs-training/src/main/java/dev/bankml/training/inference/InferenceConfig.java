package dev.bankml.training.inference;

import static dev.bankml.workflow.settings.JobKind.INFERENCE;

import java.util.Optional;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.RunContext;
import dev.bankml.jobs.Storage;
import dev.bankml.training.data.DataSource;
import dev.bankml.workflow.settings.CampaignSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.MonitoringSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.Usage;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The inference job's configuration, read once from its Glue-style arguments (see {@link Settings}).
 * It scores either what its source holds ({@code --source_path} or {@code --source_table}), or, in a
 * cycle, each lead delivery of the ledger not scored yet ({@code --leads_path} with {@code --ledger_path}).
 *
 * @param context        the run's id, metrics and connections
 * @param source         what to score, outside a cycle
 * @param leads          the cleaned leads table and the ledger, in a cycle
 * @param modelRun       score with the model saved by this training run instead of the champion
 * @param rejectedPath   where rows that cannot be scored go (default {@code <output_path>/_rejected/})
 * @param monitoringPath the monitoring history, in a cycle (a record per lead delivery scored, the report)
 * @param campaign       which scored customers to mark for a call
 * @param reasonsFor     whose reasons are computed: {@code all}, {@code contacted} or {@code none}
 */
public record InferenceConfig(RunContext context, Optional<DataSource> source, Optional<Leads> leads, String modelPath,
                              Optional<String> modelRun, String label, String outputPath, String rejectedPath,
                              Optional<String> monitoringPath, double aucDropAlarm, double psiAlarm,
                              Campaign campaign, String reasonsFor) implements JobConfig {

    public static final String USAGE = Usage.of(INFERENCE, "Give exactly one of " + WiringSettings.SOURCE_PATH.flag() + " and "
            + WiringSettings.SOURCE_TABLE.flag() + ", or " + WiringSettings.LEADS_PATH.flag() + " with " + WiringSettings.LEDGER_PATH.flag()
            + " to score each new lead delivery once.");

    /**
     * @param leadsPath  root of the cleaned leads table
     * @param ledgerPath the delivery ledger
     * @param shadowPath where a challenger (a candidate waiting for approval) scores the same deliveries
     */
    public record Leads(String leadsPath, String ledgerPath, Optional<String> shadowPath) {
    }

    public static InferenceConfig from(GlueArgs args) {
        Optional<String> leadsPath = args.find(WiringSettings.LEADS_PATH);
        Optional<String> ledger = args.find(WiringSettings.LEDGER_PATH);
        if (leadsPath.isPresent() != ledger.isPresent()) {
            throw new JobConfigurationException("give both " + WiringSettings.LEADS_PATH.flag() + " and "
                    + WiringSettings.LEDGER_PATH.flag() + " (a cycle's scoring), or neither");
        }
        boolean cycle = leadsPath.isPresent();
        if (cycle && (args.has(WiringSettings.SOURCE_PATH) || args.has(WiringSettings.SOURCE_TABLE))) {
            throw new JobConfigurationException("give " + WiringSettings.LEADS_PATH.flag() + " or a source ("
                    + WiringSettings.SOURCE_PATH.flag() + ", " + WiringSettings.SOURCE_TABLE.flag() + "), not both");
        }
        Optional<DataSource> source = cycle ? Optional.empty() : Optional.of(DataSource.from(args));
        String label = args.get(DeploymentSettings.LABEL);
        String output = args.required(WiringSettings.OUTPUT_PATH, INFERENCE);
        return new InferenceConfig(RunContext.from(args, INFERENCE, label), source,
                leadsPath.map(l -> new Leads(l, ledger.orElseThrow(), args.find(WiringSettings.SHADOW_PATH))),
                args.required(WiringSettings.MODEL_PATH, INFERENCE), args.find(RunSettings.MODEL_RUN), label, output,
                args.find(WiringSettings.REJECTED_PATH).orElse(Storage.join(output, "_rejected/")),
                args.find(WiringSettings.MONITORING_PATH), args.get(MonitoringSettings.AUC_DROP_ALARM), args.get(MonitoringSettings.PSI_ALARM),
                Campaign.from(args),
                args.get(CampaignSettings.REASONS_FOR));
    }

    /** Whether only the customers marked for a call get their reasons. */
    public boolean reasonsForContactedOnly() {
        return CampaignSettings.REASONS_CONTACTED.equals(reasonsFor);
    }

    public String runId() {
        return context.runId();
    }

    /** What is scored, for messages. */
    public String describe() {
        return source.map(DataSource::describe).orElseGet(() -> "the new lead deliveries of " + leads.get().leadsPath());
    }

    /** Whether the session needs the catalog: to read a source table, or (on Glue) to register the partitions written. */
    public boolean catalog() {
        return source.flatMap(DataSource::table).isPresent() || context.registersPartitions();
    }
}
