package dev.bankml.workflow.settings;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * The values of the settings of one deployment or one run: those given explicitly, and for the rest
 * the declared default (a job's, or a deployment's). Immutable.
 */
public final class SettingValues {

    /** Which declared defaults apply to the settings not given. */
    public enum Defaults {
        /** A job run on its own, or the local runner: the jobs' defaults. */
        JOB,
        /** A deployment from cdk.json: the deployment defaults (publish metrics, environment dev). */
        DEPLOYMENT
    }

    private final Map<Setting<?>, Object> given;
    private final Defaults defaults;

    private SettingValues(Map<Setting<?>, Object> given, Defaults defaults) {
        this.given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
        this.defaults = defaults;
    }

    /** Nothing given: every setting at its default. */
    public static SettingValues defaults(Defaults defaults) {
        return new SettingValues(Map.of(), defaults);
    }

    /**
     * Parses the values of the settings of {@code scopes} found among {@code arguments} (job-argument
     * names without dashes); other keys are left alone.
     *
     * @throws InvalidSettingException for the first value a setting refuses
     */
    public static SettingValues parse(Map<String, String> arguments, Collection<Scope> scopes, Defaults defaults) {
        Map<Setting<?>, Object> out = new LinkedHashMap<>();
        for (Setting<?> s : Settings.all()) {
            String text = arguments.get(s.name());
            if (scopes.contains(s.scope()) && text != null && !text.isBlank()) {
                out.put(s, s.parse(text));
            }
        }
        return new SettingValues(out, defaults);
    }

    /**
     * The values a deployment's context sets: every {@code bankml:} key must be a declared one. Values
     * may be JSON strings, numbers, booleans or lists (cdk.json) or strings ({@code -c key=value}).
     *
     * @throws InvalidSettingException for a value a setting refuses
     * @throws IllegalArgumentException for an unknown {@code bankml:} key (almost always a typo)
     */
    public static SettingValues fromContext(Map<String, ?> context) {
        List<String> unknown = context.keySet().stream()
                .filter(k -> k.startsWith(Settings.CONTEXT_PREFIX) && Settings.withContextKey(k).isEmpty()
                        && !k.equals(Settings.STAGES_KEY))
                .sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown CDK context key(s) " + unknown + ": the known keys are "
                    + Settings.contextKeys());
        }
        Map<Setting<?>, Object> out = new LinkedHashMap<>();
        for (Setting<?> s : Settings.all()) {
            Optional<String> key = s.contextKey();
            Object raw = key.map(context::get).orElse(null);
            String text = raw == null ? "" : contextText(raw);
            if (!text.isBlank()) { // an empty value in cdk.json means "not set"
                out.put(s, s.parse(text));
            }
        }
        return new SettingValues(out, Defaults.DEPLOYMENT);
    }

    /** A context value as text: lists joined with commas, whole JSON numbers without a decimal point. */
    private static String contextText(Object raw) {
        if (raw instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        if (raw instanceof Number n && !(raw instanceof Long || raw instanceof Integer)) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.valueOf(raw);
        }
        return String.valueOf(raw).strip();
    }

    /** These values with {@code setting} set to {@code value}. */
    public <T> SettingValues with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> m = new LinkedHashMap<>(given);
        m.put(setting, value);
        return new SettingValues(m, defaults);
    }

    /** These values with every value of {@code other} given on top. */
    public SettingValues withAll(SettingValues other) {
        Map<Setting<?>, Object> m = new LinkedHashMap<>(given);
        m.putAll(other.given);
        return new SettingValues(m, defaults);
    }

    /** The value given, else the default. */
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(Setting<T> setting) {
        if (given.containsKey(setting)) {
            return Optional.of((T) given.get(setting));
        }
        return defaults == Defaults.DEPLOYMENT ? setting.deploymentDefault() : setting.defaultValue();
    }

    /**
     * The value given, else the default.
     *
     * @throws IllegalStateException when the setting has neither
     */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new IllegalStateException("setting " + setting.flag()
                + " has no value and no default"));
    }

    /** Whether the value was given rather than defaulted. */
    public boolean isGiven(Setting<?> setting) {
        return given.containsKey(setting);
    }

    /**
     * The job arguments of the deployment settings {@code job} reads, as {@code name -> text}, in
     * declaration order; a setting with no value (or an empty one: no excluded feature) is left out,
     * so the job takes its own default, which is the same. This is how the workflow hands a
     * deployment's settings to its jobs, on AWS and on a laptop alike.
     */
    public Map<String, String> jobArguments(JobKind job) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : Settings.readBy(job)) {
            if (s.scope() == Scope.DEPLOYMENT) {
                find(s).map(s::formatObject).filter(t -> !t.isEmpty()).ifPresent(t -> out.put(s.name(), t));
            }
        }
        return out;
    }

    /** The values given explicitly, as job-argument text ({@code name -> text}), in declaration order. */
    public Map<String, String> givenAsText() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : Settings.all()) {
            if (given.containsKey(s)) {
                out.put(s.name(), s.formatObject(given.get(s)));
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SettingValues other)) {
            return false;
        }
        for (Setting<?> s : Settings.all()) {
            if (!find(s).equals(other.find(s))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Settings.all().stream().map(this::find).toList().hashCode();
    }

    @Override
    public String toString() {
        return givenAsText().toString();
    }
}
