package dev.bankml.workflow;

/**
 * Where every step reads and writes, derived from three roots: the raw bucket, the cleaned bucket
 * and the artifacts bucket ({@code s3://...} on AWS, folders of a local warehouse on a laptop).
 *
 * <pre>
 * raw/outcomes/, raw/leads/                     the deliveries, as uploaded (one CSV file each)
 * cleaned/outcomes/, cleaned/leads/             the cleaned tables, one partition (batch_id) per delivery
 * cleaned/quarantine/                           rejected rows with their reasons
 * cleaned/ledger/                               one entry per delivery: what was cleaned, when, by which run
 * artifacts/models/, metrics/, predictions/     models (and their versions), metrics (and the monitoring history),
 *                                               predictions (scored, and in the shadow)
 * </pre>
 */
public record StorageLayout(String rawRoot, String cleanedRoot, String artifactsRoot) {

    /** Spark UI event logs of the deployed jobs, beside the artifacts (Glue writes them). */
    public static final String SPARK_EVENTS_FOLDER = "spark-events/";
    /** The folder of the model versions in the model store (see {@link #modelVersions()}). */
    public static final String MODEL_VERSIONS_FOLDER = "versions";
    /** The warehouse's lock, in the ledger's folder: one cycle (or one approval) at a time. */
    public static final String LOCK_FILE = "_lock.json";
    /** Glue's --TempDir of the deployed jobs (model checkpoints), beside the artifacts. */
    public static final String GLUE_TEMP_FOLDER = "glue-temp/";

    public StorageLayout {
        rawRoot = trimSlash(require(rawRoot, "rawRoot"));
        cleanedRoot = trimSlash(require(cleanedRoot, "cleanedRoot"));
        artifactsRoot = trimSlash(require(artifactsRoot, "artifactsRoot"));
    }

    /** A layout with the three "buckets" as sub-folders of one root (the local warehouse). */
    public static StorageLayout underOneRoot(String root) {
        String r = trimSlash(root);
        return new StorageLayout(r + "/raw", r + "/cleaned", r + "/artifacts");
    }

    /** The folder users upload deliveries of a kind to; the raw crawler and the cleaning job read it. */
    public String deliveries(DeliveryKind kind) {
        return rawRoot + "/" + kind.id() + "/";
    }

    /** The cleaned, partitioned Parquet table of a kind of delivery; the cleaned crawler reads it. */
    public String cleaned(DeliveryKind kind) {
        return cleanedRoot + "/" + kind.id() + "/";
    }

    public String quarantine() {
        return cleanedRoot + "/quarantine/";
    }

    /** The delivery ledger, beside the cleaned tables (not crawled). */
    public String ledger() {
        return cleanedRoot + "/ledger/";
    }

    /** The warehouse's lock file (jobs/.../WarehouseLock). */
    public String warehouseLock() {
        return ledger() + LOCK_FILE;
    }

    public String cleaningReports() {
        return artifactsRoot + "/reports/cleaning/";
    }

    /** The cleaning report of the most recent cleaning run (the training report embeds it). */
    public String latestCleaningReport() {
        return cleaningReports() + "latest.json";
    }

    public String models() {
        return artifactsRoot + "/models/";
    }

    /**
     * The model versions of every label, one JSON line per file ({@code <label>-<run>.json}): what was trained
     * on what, and every decision about it. One folder, so it is a table as it is (the catalog's
     * {@code model_versions}).
     */
    public String modelVersions() {
        return models() + MODEL_VERSIONS_FOLDER + "/";
    }

    public String metrics() {
        return artifactsRoot + "/metrics/";
    }

    /** The monitoring history: a record per cycle and per delivery, JSON and Parquet, and its report. */
    public String monitoring() {
        return artifactsRoot + "/metrics/monitoring/";
    }

    /** The monitoring history as Parquet, partitioned by label and cycle (written by the score step). */
    public String monitoringHistory() {
        return monitoring() + "history/";
    }

    /** The metrics history as Parquet: one row per model per training run, partitioned by label and run. */
    public String metricsHistory() {
        return metrics() + "history/";
    }

    public String testPredictions() {
        return artifactsRoot + "/predictions/test/";
    }

    public String scoredPredictions() {
        return artifactsRoot + "/predictions/scored/";
    }

    /** A challenger's scores of the lead deliveries, beside the champion's: never the contact list. */
    public String shadowPredictions() {
        return artifactsRoot + "/predictions/shadow/";
    }

    public String scoringRejected() {
        return artifactsRoot + "/predictions/rejected/";
    }

    public String sparkEventLogs() {
        return artifactsRoot + "/" + SPARK_EVENTS_FOLDER;
    }

    public String glueTempDir() {
        return artifactsRoot + "/" + GLUE_TEMP_FOLDER;
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static String trimSlash(String s) {
        String t = s.strip();
        while (t.endsWith("/") && !t.endsWith("://")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
