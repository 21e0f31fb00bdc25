package dev.bankml.jobs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.bankml.workflow.settings.InvalidSettingException;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Setting;

/**
 * Glue-style job arguments: {@code --key value} pairs (also {@code --key=value}, and a bare
 * {@code --flag} meaning an empty value). Keys this job does not know, such as the ones AWS Glue
 * adds ({@code --JOB_ID}, {@code --TempDir}, {@code --job-bookmark-option}...), are kept and ignored.
 * Values are read through their {@link Setting}: parsed and checked as it declares.
 */
public final class GlueArgs {
    private final Map<String, String> values;
    /** Keys given more than once with different values, with every value given (in order). */
    private final Map<String, List<String>> contradictions;

    private GlueArgs(Map<String, String> values, Map<String, List<String>> contradictions) {
        this.values = Collections.unmodifiableMap(values);
        this.contradictions = Collections.unmodifiableMap(contradictions);
    }

    private GlueArgs(Map<String, String> values) {
        this(values, Map.of());
    }

    /** Parses {@code argv}; fails on a token that is neither a key nor the value of one. */
    public static GlueArgs parse(String... argv) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, List<String>> given = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String token = argv[i];
            if (!token.startsWith("--") || token.length() == 2) {
                throw new JobConfigurationException("unexpected argument '" + token + "' at position " + (i + 1)
                        + ": arguments must be --key value pairs");
            }
            String body = token.substring(2);
            int eq = body.indexOf('=');
            String key;
            String value;
            if (eq > 0) {
                key = body.substring(0, eq);
                value = body.substring(eq + 1);
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                key = body;
                value = argv[++i];
            } else {
                key = body;
                value = "";
            }
            out.put(key, value);
            given.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        Map<String, List<String>> contradictions = new LinkedHashMap<>();
        given.forEach((key, all) -> {
            if (all.stream().distinct().count() > 1) {
                contradictions.put(key, List.copyOf(all));
            }
        });
        return new GlueArgs(out, contradictions);
    }

    /**
     * Every value of a key given more than once with different values (empty otherwise). The last one
     * is the value read; whether that is the one that should win depends on who put each there.
     */
    public List<String> contradictoryValues(Setting<?> setting) {
        return contradictions.getOrDefault(setting.name(), List.of());
    }

    public static GlueArgs of(Map<String, String> values) {
        return new GlueArgs(new LinkedHashMap<>(values));
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /** Whether the key is present with a value that is not blank. */
    public boolean has(String key) {
        String v = values.get(key);
        return v != null && !v.isBlank();
    }

    public boolean has(Setting<?> setting) {
        return has(setting.name());
    }

    /** Whether the key is present at all, even as a bare flag ({@code --verbose}). */
    public boolean flagged(Setting<?> setting) {
        return values.containsKey(setting.name());
    }

    /**
     * The value given for a setting, parsed, if any.
     *
     * @throws JobConfigurationException naming the argument, its value and what is expected
     */
    public <T> Optional<T> find(Setting<T> setting) {
        if (!has(setting)) {
            return Optional.empty();
        }
        try {
            return Optional.of(setting.parse(values.get(setting.name())));
        } catch (InvalidSettingException e) {
            throw new JobConfigurationException(e.getMessage());
        }
    }

    /**
     * The value given for a setting, else its declared default.
     *
     * @throws JobConfigurationException when the value is invalid, or absent with no default
     */
    public <T> T get(Setting<T> setting) {
        return find(setting).or(setting::defaultValue).orElseThrow(() -> new JobConfigurationException(
                "missing required argument " + setting.flag() + " (" + setting.help() + ")"));
    }

    /**
     * The value of a setting {@code job} requires.
     *
     * @throws JobConfigurationException naming the argument and what it is for, when absent or invalid
     */
    public <T> T required(Setting<T> setting, JobKind job) {
        return find(setting).orElseThrow(() -> new JobConfigurationException(
                "missing required argument " + setting.flag() + " (" + setting.help(job) + ")"));
    }

    /** The raw text of a key, if present and not blank (for keys that are not settings: Glue's own). */
    public Optional<String> text(String key) {
        return has(key) ? Optional.of(values.get(key).strip()) : Optional.empty();
    }

    /** These arguments with {@code overrides} on top (a blank value removes the key). */
    public GlueArgs with(Map<String, String> overrides) {
        Map<String, String> m = new LinkedHashMap<>(values);
        overrides.forEach((k, v) -> {
            if (v == null || v.isBlank()) {
                m.remove(k);
            } else {
                m.put(k, v);
            }
        });
        return new GlueArgs(m);
    }
}
