package dev.bankml.cdk;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.bankml.workflow.PipelineSettings;

/**
 * Everything one deployment can configure, parsed and validated from CDK context ({@code cdk.json} or
 * {@code -c bankml:key=value}); the stack reads nothing else.
 *
 * @param settings            the pipeline knobs shared with the jobs and the local runner
 * @param workerType          Glue worker type of every job
 * @param numberOfWorkers     Glue workers per job
 * @param jobTimeoutMinutes   a job run is stopped (TIMEOUT) after this long
 * @param notificationEmail   optional address subscribed to the alerts topic
 * @param aucFloor            the champion AUC-ROC alarm fires below this
 * @param rejectedFractionCeiling the rejected-fraction alarm fires above this
 * @param staleRunHours       the no-successful-run alarm fires after this many hours without one
 * @param projectRoot         the repository root (where the job jars and the Glue entry scripts are)
 */
public record PipelineConfig(
        PipelineSettings settings,
        String workerType,
        int numberOfWorkers,
        int jobTimeoutMinutes,
        Optional<String> notificationEmail,
        double aucFloor,
        double rejectedFractionCeiling,
        int staleRunHours,
        Path projectRoot) {

    public static final String PREFIX = "bankml:";
    public static final String ENVIRONMENT = PREFIX + "environment";
    public static final String DATABASE_NAME = PREFIX + "databaseName";
    public static final String WORKER_TYPE = PREFIX + "workerType";
    public static final String NUMBER_OF_WORKERS = PREFIX + "numberOfWorkers";
    public static final String JOB_TIMEOUT_MINUTES = PREFIX + "jobTimeoutMinutes";
    public static final String LABEL = PREFIX + "label";
    public static final String EXCLUDE_FEATURES = PREFIX + "excludeFeatures";
    public static final String TUNING = PREFIX + "tuning";
    public static final String MAX_REJECTED_FRACTION = PREFIX + "maxRejectedFraction";
    public static final String PROMOTION_MARGIN = PREFIX + "promotionMargin";
    public static final String NOTIFICATION_EMAIL = PREFIX + "notificationEmail";
    public static final String AUC_FLOOR = PREFIX + "aucFloor";
    public static final String REJECTED_FRACTION_CEILING = PREFIX + "rejectedFractionCeiling";
    public static final String STALE_RUN_HOURS = PREFIX + "staleRunHours";
    public static final String PUBLISH_METRICS = PREFIX + "publishMetrics";

    /** Every key this app reads; an unknown {@code bankml:} key is refused (it is almost always a typo). */
    public static final List<String> KEYS = List.of(ENVIRONMENT, DATABASE_NAME, WORKER_TYPE, NUMBER_OF_WORKERS,
            JOB_TIMEOUT_MINUTES, LABEL, EXCLUDE_FEATURES, TUNING, MAX_REJECTED_FRACTION, PROMOTION_MARGIN,
            NOTIFICATION_EMAIL, AUC_FLOOR, REJECTED_FRACTION_CEILING, STALE_RUN_HOURS, PUBLISH_METRICS);

    public static final String DEFAULT_ENVIRONMENT = "dev";
    public static final String DEFAULT_WORKER_TYPE = "G.1X";
    public static final int DEFAULT_NUMBER_OF_WORKERS = 2;
    public static final int DEFAULT_JOB_TIMEOUT_MINUTES = 120;
    public static final double DEFAULT_AUC_FLOOR = 0.85;
    public static final int DEFAULT_STALE_RUN_HOURS = 36;

    /** Worker types Glue 5.0 offers for Spark jobs. */
    public static final Set<String> WORKER_TYPES = Set.of("G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X",
            "R.1X", "R.2X", "R.4X", "R.8X");
    public static final Set<String> TUNINGS = Set.of("fast", "standard", "thorough");
    private static final String NAME = "[A-Za-z_][A-Za-z0-9_]*";

    public PipelineConfig {
        if (!WORKER_TYPES.contains(workerType)) {
            throw invalid(WORKER_TYPE, workerType, "one of " + sorted(WORKER_TYPES));
        }
        // Glue needs at least 2 workers; the cap only guards against a typo that would cost a fortune.
        if (numberOfWorkers < 2 || numberOfWorkers > 100) {
            throw invalid(NUMBER_OF_WORKERS, numberOfWorkers, "an integer from 2 to 100");
        }
        if (jobTimeoutMinutes < 5 || jobTimeoutMinutes > 2880) {
            throw invalid(JOB_TIMEOUT_MINUTES, jobTimeoutMinutes, "an integer from 5 to 2880");
        }
        notificationEmail.ifPresent(e -> {
            if (!e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw invalid(NOTIFICATION_EMAIL, e, "an e-mail address such as oncall@example.com, or absent");
            }
        });
        if (!(aucFloor > 0 && aucFloor <= 1)) {
            throw invalid(AUC_FLOOR, aucFloor, "a number in (0, 1]");
        }
        if (!(rejectedFractionCeiling >= 0 && rejectedFractionCeiling <= 1)) {
            throw invalid(REJECTED_FRACTION_CEILING, rejectedFractionCeiling, "a number in [0, 1]");
        }
        // One-hour periods: CloudWatch allows at most 7 days of evaluation range.
        if (staleRunHours < 1 || staleRunHours > 168) {
            throw invalid(STALE_RUN_HOURS, staleRunHours, "an integer from 1 to 168 (CloudWatch evaluates at most 7 days)");
        }
    }

    /** The prefix of every physical resource name: {@code bankml-<environment>}. */
    public String namePrefix() {
        return "bankml-" + settings.environment();
    }

    /** Default Glue database name for an environment: {@code bankml_<environment>} ('-' becomes '_'). */
    public static String defaultDatabaseName(String environment) {
        return "bankml_" + environment.replace('-', '_');
    }

    /**
     * Parses context values. A value may come from {@code cdk.json} (JSON string, number or boolean) or
     * from {@code -c key=value} (always a string); absent keys take the documented defaults.
     *
     * @param context     all context values (keys without the {@code bankml:} prefix are ignored)
     * @param projectRoot the repository root
     * @throws IllegalArgumentException naming the key, the bad value and what is expected
     */
    public static PipelineConfig fromContext(Map<String, ?> context, Path projectRoot) {
        List<String> unknown = context.keySet().stream()
                .filter(k -> k.startsWith(PREFIX) && !KEYS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown CDK context key(s) " + unknown + ": the known keys are " + KEYS);
        }
        Reader r = new Reader(context::get);
        String environment = r.string(ENVIRONMENT, DEFAULT_ENVIRONMENT);
        if (!environment.matches("[a-z][a-z0-9-]{0,20}")) {
            throw invalid(ENVIRONMENT, environment, "1-21 lower-case letters, digits or '-', starting with a letter");
        }
        String databaseName = r.string(DATABASE_NAME, defaultDatabaseName(environment));
        if (!databaseName.matches("[a-z][a-z0-9_]{0,60}")) {
            throw invalid(DATABASE_NAME, databaseName, "lower-case letters, digits or '_', starting with a letter");
        }
        String label = r.string(LABEL, PipelineSettings.DEFAULT_LABEL);
        if (!label.matches(NAME)) {
            throw invalid(LABEL, label, "a column name (letters, digits, '_')");
        }
        List<String> exclude = Arrays.stream(r.string(EXCLUDE_FEATURES, "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String f : exclude) {
            if (!f.matches(NAME)) {
                throw invalid(EXCLUDE_FEATURES, f, "a comma-separated list of column names");
            }
            if (f.equals(label)) {
                throw invalid(EXCLUDE_FEATURES, f, "feature columns only: '" + f + "' is the label");
            }
        }
        String tuning = r.string(TUNING, PipelineSettings.DEFAULT_TUNING);
        if (!TUNINGS.contains(tuning)) {
            throw invalid(TUNING, tuning, "one of " + sorted(TUNINGS));
        }
        double maxRejected = r.number(MAX_REJECTED_FRACTION, PipelineSettings.DEFAULT_MAX_REJECTED_FRACTION);
        if (!(maxRejected >= 0 && maxRejected <= 1)) {
            throw invalid(MAX_REJECTED_FRACTION, maxRejected, "a number in [0, 1]");
        }
        double margin = r.number(PROMOTION_MARGIN, PipelineSettings.DEFAULT_PROMOTION_MARGIN);
        if (!(margin >= 0 && margin <= 1)) {
            throw invalid(PROMOTION_MARGIN, margin, "a number in [0, 1]");
        }
        PipelineSettings settings = new PipelineSettings(environment, databaseName, label, exclude, tuning,
                maxRejected, margin, r.bool(PUBLISH_METRICS, true));
        String email = r.string(NOTIFICATION_EMAIL, "");
        return new PipelineConfig(settings,
                r.string(WORKER_TYPE, DEFAULT_WORKER_TYPE),
                r.integer(NUMBER_OF_WORKERS, DEFAULT_NUMBER_OF_WORKERS),
                r.integer(JOB_TIMEOUT_MINUTES, DEFAULT_JOB_TIMEOUT_MINUTES),
                email.isBlank() ? Optional.empty() : Optional.of(email.strip()),
                r.number(AUC_FLOOR, DEFAULT_AUC_FLOOR),
                r.number(REJECTED_FRACTION_CEILING, maxRejected),
                r.integer(STALE_RUN_HOURS, DEFAULT_STALE_RUN_HOURS),
                projectRoot);
    }

    private static IllegalArgumentException invalid(String key, Object value, String expected) {
        Object shown = value instanceof Double d && Double.isFinite(d)
                ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : value;
        return new IllegalArgumentException("Invalid CDK context " + key + "='" + shown + "': expected " + expected
                + ". Set it in cdk.json or with -c " + key + "=...");
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** Typed access to context values with defaults. */
    private record Reader(Function<String, Object> context) {
        String string(String key, String fallback) {
            Object v = context.apply(key);
            return v == null ? fallback : v.toString().strip();
        }

        double number(String key, double fallback) {
            Object v = context.apply(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            try {
                return Double.parseDouble(v.toString().strip());
            } catch (NumberFormatException e) {
                throw invalid(key, v, "a number");
            }
        }

        int integer(String key, int fallback) {
            Object v = context.apply(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.intValue();
            }
            try {
                return Integer.parseInt(v.toString().strip());
            } catch (NumberFormatException e) {
                throw invalid(key, v, "an integer");
            }
        }

        boolean bool(String key, boolean fallback) {
            Object v = context.apply(key);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            return switch (v.toString().strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid(key, v, "true or false");
            };
        }
    }
}
