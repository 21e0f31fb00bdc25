package dev.bankml.jobs;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Glue-style job arguments: {@code --key value} pairs (also {@code --key=value}, and a bare
 * {@code --flag} meaning an empty value). Keys this job does not know, such as the ones AWS Glue
 * adds ({@code --JOB_ID}, {@code --TempDir}, {@code --job-bookmark-option}...), are kept and ignored.
 */
public final class GlueArgs {
    private final Map<String, String> values;

    private GlueArgs(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Parses {@code argv}; fails on a token that is neither a key nor the value of one. */
    public static GlueArgs parse(String... argv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String token = argv[i];
            if (!token.startsWith("--") || token.length() == 2) {
                throw new JobConfigurationException("unexpected argument '" + token + "' at position " + (i + 1)
                        + ": arguments must be --key value pairs");
            }
            String body = token.substring(2);
            int eq = body.indexOf('=');
            if (eq > 0) {
                out.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                out.put(body, argv[++i]);
            } else {
                out.put(body, "");
            }
        }
        return new GlueArgs(out);
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

    public boolean has(String key) {
        String v = values.get(key);
        return v != null && !v.isBlank();
    }

    /** The value of a required key; fails naming the key and what it is for. */
    public String required(String key, String whatItIs) {
        if (!has(key)) {
            throw new JobConfigurationException("missing required argument --" + key + " (" + whatItIs + ")");
        }
        return values.get(key).strip();
    }

    public Optional<String> optional(String key) {
        return has(key) ? Optional.of(values.get(key).strip()) : Optional.empty();
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    /** A value that must be one of {@code allowed}. */
    public String choice(String key, String defaultValue, List<String> allowed) {
        String v = string(key, defaultValue).toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new JobConfigurationException("argument --" + key + " is '" + v + "': expected one of " + allowed);
        }
        return v;
    }

    public long longValue(String key, long defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new JobConfigurationException("argument --" + key + " is '" + v + "': expected a whole number");
        }
    }

    /** A decimal number within [min, max]. */
    public double doubleValue(String key, double defaultValue, double min, double max) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new JobConfigurationException("argument --" + key + " is '" + v + "': expected a number");
        }
        if (Double.isNaN(d) || d < min || d > max) {
            throw new JobConfigurationException("argument --" + key + " is " + v + ": expected a number between "
                    + min + " and " + max);
        }
        return d;
    }

    public boolean booleanValue(String key, boolean defaultValue) {
        String v = string(key, null);
        if (v == null) {
            return defaultValue;
        }
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on":
                return true;
            case "false", "no", "0", "off":
                return false;
            default:
                throw new JobConfigurationException("argument --" + key + " is '" + v + "': expected true or false");
        }
    }

    /** A comma-separated list, trimmed, lower-cased, without empty items. */
    public List<String> list(String key) {
        return optional(key).map(v -> Arrays.stream(v.split(","))
                        .map(s -> s.strip().toLowerCase(java.util.Locale.ROOT))
                        .filter(Predicate.not(String::isEmpty))
                        .distinct()
                        .toList())
                .orElse(List.of());
    }
}
