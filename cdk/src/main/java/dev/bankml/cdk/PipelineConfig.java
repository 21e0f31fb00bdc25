package dev.bankml.cdk;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeliveryPipelineSettings;
import dev.bankml.workflow.settings.DeliveryStages;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.InvalidSettingException;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.MonitoringSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.Settings;

/**
 * Everything one deployment configures, read once from CDK context ({@code cdk.json} or
 * {@code -c bankml:key=value}) through the declarations in {@link Settings}: the settings the jobs
 * read (handed to them by the workflow) and the ones only the stack reads (workers, alarms). The
 * stack reads nothing else.
 *
 * @param settings    every setting's value for this deployment
 * @param projectRoot the repository root (where the job jars and the Glue entry scripts are)
 */
public record PipelineConfig(SettingValues settings, Path projectRoot) {

    /**
     * Parses context values. A value may come from {@code cdk.json} (JSON string, number or boolean) or
     * from {@code -c key=value} (always a string); absent keys take the declared deployment defaults.
     *
     * @param context     all context values (keys without the {@code bankml:} prefix are ignored)
     * @param projectRoot the repository root
     * @throws IllegalArgumentException naming the key, the bad value and what is expected
     */
    public static PipelineConfig fromContext(Map<String, ?> context, Path projectRoot) {
        SettingValues values;
        try {
            values = SettingValues.fromContext(context);
        } catch (InvalidSettingException e) {
            throw invalid(e.setting(), e.value(), e.expected());
        }
        values = DeploymentSettings.asDeployed(values);
        List<Settings.Conflict> conflicts = Settings.conflicts(values);
        if (!conflicts.isEmpty()) {
            Settings.Conflict c = conflicts.get(0);
            throw invalid(c.setting(), c.value(), c.problem());
        }
        return new PipelineConfig(values, projectRoot);
    }

    /**
     * The configuration of one stage of the delivery pipeline (its context is the app's with the
     * stage's values on top).
     *
     * @throws IllegalArgumentException naming the stage, the key, the value and what is expected
     */
    public static PipelineConfig ofStage(DeliveryStages.Stage stage, Path projectRoot) {
        try {
            return fromContext(stage.context(), projectRoot);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Stage '" + stage.name() + "' of " + Settings.STAGES_KEY + ": "
                    + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException invalid(Setting<?> setting, String value, String expected) {
        String key = setting.contextKey().orElse(setting.name());
        return new IllegalArgumentException("Invalid CDK context " + key + "='" + value + "': expected " + expected
                + ". Set it in cdk.json or with -c " + key + "=...");
    }

    /** The prefix of every physical resource name: {@code bankml-<environment>}. */
    public String namePrefix() {
        return "bankml-" + environment();
    }

    public String environment() {
        return settings.get(DeploymentSettings.ENVIRONMENT);
    }

    public String databaseName() {
        return settings.get(DeploymentSettings.DATABASE_NAME);
    }

    public String label() {
        return settings.get(DeploymentSettings.LABEL);
    }

    public String workerType() {
        return settings.get(InfrastructureSettings.WORKER_TYPE);
    }

    public int numberOfWorkers() {
        return Math.toIntExact(settings.get(InfrastructureSettings.NUMBER_OF_WORKERS));
    }

    public int jobTimeoutMinutes() {
        return Math.toIntExact(settings.get(InfrastructureSettings.JOB_TIMEOUT_MINUTES));
    }

    public Optional<String> notificationEmail() {
        return settings.find(InfrastructureSettings.NOTIFICATION_EMAIL).filter(e -> !e.isBlank());
    }

    public double aucFloor() {
        return settings.get(InfrastructureSettings.AUC_FLOOR);
    }

    /** The rejected-fraction alarm's ceiling: its own setting, else the cleaning job's limit. */
    public double rejectedFractionCeiling() {
        return settings.find(InfrastructureSettings.REJECTED_FRACTION_CEILING).orElse(settings.get(CleaningSettings.MAX_REJECTED_FRACTION));
    }

    /** Whether deliveries start a cycle (an EVENT start trigger and its EventBridge rule) or only a person does. */
    public boolean startsOnDeliveries() {
        return settings.get(InfrastructureSettings.CYCLE_START).equals("deliveries");
    }

    /** Glue's execution class for a job: the deployment's choice for the jobs that may run on Flex, else STANDARD. */
    public String executionClass(JobKind job) {
        Setting<String> setting = InfrastructureSettings.EXECUTION_CLASS.get(job);
        return setting == null ? InfrastructureSettings.STANDARD : settings.get(setting);
    }

    /** Days between the scheduled notifications that catch a delivery whose event was lost (0: none). */
    public int catchUpDays() {
        return Math.toIntExact(settings.get(InfrastructureSettings.CATCH_UP_DAYS));
    }

    public int eventBatchSize() {
        return Math.toIntExact(settings.get(InfrastructureSettings.EVENT_BATCH_SIZE));
    }

    public int eventBatchWindowSeconds() {
        return Math.toIntExact(settings.get(InfrastructureSettings.EVENT_BATCH_WINDOW_SECONDS));
    }

    public double aucDropAlarm() {
        return settings.get(MonitoringSettings.AUC_DROP_ALARM);
    }

    public double psiAlarm() {
        return settings.get(MonitoringSettings.PSI_ALARM);
    }

    public int staleRunHours() {
        return Math.toIntExact(settings.get(InfrastructureSettings.STALE_RUN_HOURS));
    }

    /** The account the pipeline's stack is deployed to, when set (else: where the credentials point). */
    public Optional<String> account() {
        return text(InfrastructureSettings.DEPLOY_ACCOUNT);
    }

    /** The region the pipeline's stack is deployed to, when set (else: where the credentials point). */
    public Optional<String> region() {
        return text(InfrastructureSettings.DEPLOY_REGION);
    }

    /** The delivery pipeline's repository ({@code owner/name}), when set. */
    public Optional<String> pipelineRepository() {
        return text(DeliveryPipelineSettings.PIPELINE_REPOSITORY);
    }

    public String pipelineBranch() {
        return settings.get(DeliveryPipelineSettings.PIPELINE_BRANCH);
    }

    /** The connection to the Git host, when set. */
    public Optional<String> pipelineConnectionArn() {
        return text(DeliveryPipelineSettings.PIPELINE_CONNECTION_ARN);
    }

    public Optional<String> pipelineAccount() {
        return text(DeliveryPipelineSettings.PIPELINE_ACCOUNT);
    }

    public Optional<String> pipelineRegion() {
        return text(DeliveryPipelineSettings.PIPELINE_REGION);
    }

    /** An optional text setting: absent or empty means not set. */
    private Optional<String> text(Setting<String> setting) {
        return settings.find(setting).filter(v -> !v.isBlank());
    }
}
