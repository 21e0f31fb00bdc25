package dev.bankml.workflow.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * The stages of the delivery pipeline, in order, each with the context its deployment is configured
 * from: the app's context ({@code cdk.json}) with the stage's own values on top. A stage may set any
 * deployment key a single deployment can (account, region, sizes, alarm targets, the jobs' settings)
 * except the pipeline's own ({@link DeliveryPipelineSettings}); its {@code environment} is its name
 * unless it says otherwise. The values are checked when the stage's configuration is read, through
 * the same declarations as the top level's.
 */
public final class DeliveryStages {
    private DeliveryStages() {
    }

    /** The key of a stage's name in its object. */
    public static final String NAME = "name";
    /** The stages when {@code cdk.json} names none: a dev stage, then (after approval) prod. */
    public static final List<String> DEFAULT_STAGES = List.of("dev", "prod");
    private static final String STAGE_NAME = "[a-z][a-z0-9-]{0,20}";

    /**
     * One stage.
     *
     * @param name    its name (the CDK stage's id and, unless set, its environment)
     * @param context the context its deployment is configured from
     */
    public record Stage(String name, Map<String, Object> context) {
        public Stage {
            context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
        }
    }

    /**
     * The stages of {@code context}'s {@link Settings#STAGES_KEY}, or {@link #DEFAULT_STAGES}.
     *
     * @throws IllegalArgumentException naming the stage and the key at fault, and what is expected
     */
    public static List<Stage> fromContext(Map<String, ?> context) {
        Object raw = context.get(Settings.STAGES_KEY);
        List<?> entries = raw == null
                ? DEFAULT_STAGES.stream().map(n -> Map.of(NAME, n)).toList()
                : raw instanceof List<?> l ? l : null;
        if (entries == null || entries.isEmpty()) {
            throw new IllegalArgumentException("Invalid CDK context " + Settings.STAGES_KEY + "='" + raw + "': expected a "
                    + "non-empty list of objects in cdk.json, such as [{\"" + NAME + "\": \"dev\"}, {\"" + NAME
                    + "\": \"prod\", \"numberOfWorkers\": 5}]");
        }
        Map<String, Object> base = new LinkedHashMap<>(context);
        base.remove(Settings.STAGES_KEY);
        List<Stage> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Stage stage = stage(base, entries.get(i), Settings.STAGES_KEY + "[" + i + "]");
            if (!names.add(stage.name())) {
                throw new IllegalArgumentException("Invalid CDK context " + Settings.STAGES_KEY + ": two stages are named '"
                        + stage.name() + "'");
            }
            out.add(stage);
        }
        return out;
    }

    private static Stage stage(Map<String, Object> base, Object entry, String where) {
        if (!(entry instanceof Map<?, ?> values)) {
            throw new IllegalArgumentException("Invalid CDK context " + where + "='" + entry + "': expected an object with "
                    + "a \"" + NAME + "\"");
        }
        Object name = values.get(NAME);
        if (!(name instanceof String n) || !n.matches(STAGE_NAME)) {
            throw new IllegalArgumentException("Invalid CDK context " + where + "." + NAME + "='" + name + "': expected "
                    + "1-21 lower-case letters, digits or '-', starting with a letter");
        }
        Map<String, Object> merged = new LinkedHashMap<>(base);
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals(NAME)) {
                continue;
            }
            Optional<Setting<?>> setting = Settings.withContextKey(Settings.CONTEXT_PREFIX + key)
                    .filter(DeliveryStages::perStage);
            if (setting.isEmpty()) {
                throw new IllegalArgumentException("Unknown key " + where + "." + key + " (stage '" + n + "'): a stage may "
                        + "set " + stageKeys());
            }
            merged.put(Settings.CONTEXT_PREFIX + key, e.getValue());
        }
        // The top level's environment names the deployment made by hand, not the stage's.
        if (!values.containsKey(keyOf(DeploymentSettings.ENVIRONMENT))) {
            merged.put(DeploymentSettings.ENVIRONMENT.contextKey().orElseThrow(), n);
        }
        return new Stage(n, merged);
    }

    private static boolean perStage(Setting<?> s) {
        return (s.scope() == Scope.DEPLOYMENT || s.scope() == Scope.INFRASTRUCTURE) && !DeliveryPipelineSettings.ALL.contains(s);
    }

    private static String keyOf(Setting<?> s) {
        return s.contextKey().orElseThrow().substring(Settings.CONTEXT_PREFIX.length());
    }

    /** The keys a stage may set, without the prefix. */
    public static List<String> stageKeys() {
        return Settings.all().stream().filter(s -> s.contextKey().isPresent() && perStage(s)).map(DeliveryStages::keyOf)
                .toList();
    }
}
