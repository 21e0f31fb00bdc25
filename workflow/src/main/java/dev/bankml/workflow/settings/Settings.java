package dev.bankml.workflow.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * The registry of the pipeline's settings: every file of declarations ({@link WiringSettings},
 * {@link DeploymentSettings}, {@link CleaningSettings}, {@link TrainingSettings},
 * {@link MonitoringSettings}, {@link CampaignSettings}, {@link RunSettings}, {@link ApprovalSettings}, {@link LocalSettings},
 * {@link GlueSettings}, {@link CommandLineSettings}, {@link InfrastructureSettings},
 * {@link DeliveryPipelineSettings}), listed here in the order help texts and job arguments follow.
 * Jobs, the CDK app, the workflow and the local runner find settings here (see {@link Setting}); the
 * runner's own options live in its module.
 */
public final class Settings {
    private Settings() {
    }

    /** The prefix of this app's keys in {@code cdk.json} context. */
    public static final String CONTEXT_PREFIX = "bankml:";

    /**
     * The {@code cdk.json} key of the delivery pipeline's stages, in order: a list of objects, each
     * with its {@code name} and any deployment key (without the prefix) it sets differently from the
     * top level: {@code [{"name": "dev", "account": "..."}, {"name": "prod", "numberOfWorkers": 5}]}.
     * Read by {@link DeliveryStages}.
     */
    public static final String STAGES_KEY = CONTEXT_PREFIX + "stages";

    private static final List<Setting<?>> ALL = registered(WiringSettings.ALL, DeploymentSettings.ALL,
            CleaningSettings.ALL, TrainingSettings.ALL, MonitoringSettings.ALL, CampaignSettings.ALL, RunSettings.ALL,
            ApprovalSettings.ALL,
            LocalSettings.ALL, GlueSettings.ALL, CommandLineSettings.ALL, InfrastructureSettings.ALL,
            DeliveryPipelineSettings.ALL);

    @SafeVarargs
    private static List<Setting<?>> registered(List<Setting<?>>... files) {
        List<Setting<?>> out = Stream.of(files).flatMap(List::stream).toList();
        Set<String> names = new HashSet<>();
        for (Setting<?> s : out) {
            if (!names.add(s.name())) {
                throw new IllegalStateException("setting " + s.flag() + " is declared twice");
            }
        }
        return out;
    }

    /** Every setting, in registration order. */
    public static List<Setting<?>> all() {
        return ALL;
    }

    /** The settings of a scope, in registration order. */
    public static List<Setting<?>> ofScope(Scope scope) {
        return ALL.stream().filter(s -> s.scope() == scope).toList();
    }

    /** The settings a job reads, in registration order. */
    public static List<Setting<?>> readBy(JobKind job) {
        return ALL.stream().filter(s -> s.readBy(job)).toList();
    }

    /** The setting with this job-argument name, if any. */
    public static Optional<Setting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The setting a deployment sets with this context key ({@code bankml:...}), if any. */
    public static Optional<Setting<?>> withContextKey(String key) {
        return ALL.stream().filter(s -> s.contextKey().filter(key::equals).isPresent()).findFirst();
    }

    /** Every context key a deployment may set. */
    public static List<String> contextKeys() {
        return ALL.stream().flatMap(s -> s.contextKey().stream()).toList();
    }

    /**
     * A value that is valid on its own but not with the others.
     *
     * @param setting the setting whose value is refused
     * @param value   its text
     * @param problem what is wrong, in words
     */
    public record Conflict(Setting<?> setting, String value, String problem) {
        /** As a job argument's error: "argument --x is 'v': problem". */
        public String message() {
            return "argument " + setting.flag() + " is '" + value + "': " + problem;
        }
    }

    /**
     * The values that cannot be together (empty when they are fine): the label cannot also be an excluded
     * feature, Flex needs G.1X or G.2X workers, and at most one campaign rule.
     */
    public static List<Conflict> conflicts(SettingValues values) {
        List<Conflict> out = new ArrayList<>();
        String label = values.get(DeploymentSettings.LABEL);
        List<String> excluded = values.get(TrainingSettings.EXCLUDE_FEATURES);
        if (excluded.contains(label)) {
            out.add(new Conflict(TrainingSettings.EXCLUDE_FEATURES, TrainingSettings.EXCLUDE_FEATURES.format(excluded),
                    "feature columns only: '" + label + "' is the label"));
        }
        String workerType = values.get(InfrastructureSettings.WORKER_TYPE);
        for (Setting<String> executionClass : List.of(InfrastructureSettings.EVALUATE_EXECUTION_CLASS,
                InfrastructureSettings.TRAIN_EXECUTION_CLASS)) {
            if (InfrastructureSettings.FLEX.equals(values.get(executionClass))
                    && !InfrastructureSettings.FLEX_WORKER_TYPES.contains(workerType)) {
                out.add(new Conflict(executionClass, InfrastructureSettings.FLEX, "Glue's Flex execution class runs on "
                        + InfrastructureSettings.FLEX_WORKER_TYPES + " workers only, and the worker type is " + workerType));
            }
        }
        CampaignSettings.conflict(values.find(CampaignSettings.CONTACT_SHARE), values.find(CampaignSettings.CONTACT_COUNT),
                values.find(CampaignSettings.VALUE_PER_YES), values.find(CampaignSettings.COST_PER_CALL)).ifPresent(out::add);
        return out;
    }
}
