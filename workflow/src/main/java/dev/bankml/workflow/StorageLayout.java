package dev.bankml.workflow;

/**
 * Where every step reads and writes, derived from three roots: the raw bucket, the cleaned bucket
 * and the artifacts bucket ({@code s3://...} on AWS, folders of a local warehouse on a laptop).
 */
public record StorageLayout(String rawRoot, String cleanedRoot, String artifactsRoot) {

    /** The folder both the raw crawler and the cleaning job read; users upload CSV files here. */
    public static final String RAW_DATASET = "bank";
    /** The folder of the cleaned, partitioned Parquet table; the cleaned crawler reads it. */
    public static final String CLEANED_DATASET = "bank";

    /** Spark UI event logs of the deployed jobs, beside the artifacts (Glue writes them). */
    public static final String SPARK_EVENTS_FOLDER = "spark-events/";
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

    public String rawInput() {
        return rawRoot + "/" + RAW_DATASET + "/";
    }

    public String cleanedTable() {
        return cleanedRoot + "/" + CLEANED_DATASET + "/";
    }

    public String quarantine() {
        return cleanedRoot + "/quarantine/";
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

    public String metrics() {
        return artifactsRoot + "/metrics/";
    }

    public String testPredictions() {
        return artifactsRoot + "/predictions/test/";
    }

    public String scoredPredictions() {
        return artifactsRoot + "/predictions/scored/";
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
