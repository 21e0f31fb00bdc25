package dev.bankml.jobs;

import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;

/**
 * Hadoop S3A settings for an S3-compatible server at a given URL (path-style, plain HTTP allowed),
 * with bounded waits: a dead or silent endpoint makes the job fail within
 * {@link #worstCaseSeconds} (about a minute and a half by default), never hang. S3A's defaults (a
 * 200-second socket timeout, 7 retries of 20 SDK attempts each) would wait for hours.
 */
public final class S3Endpoint {
    /** Seconds of silence after which one request is abandoned (connecting, or waiting for bytes). */
    public static final int DEFAULT_TIMEOUT_SECONDS = 10;
    static final int RETRIES = 2;
    /** Requests one file-system call may make: asking for a folder's status is a HEAD, a HEAD and a LIST. */
    static final int REQUESTS_PER_CALL = 3;
    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** S3A's first pause between tries; the next ones grow from it (S3A's exponential back-off). */
    static final long RETRY_INTERVAL_MS = 100;

    private S3Endpoint() {
    }

    public static void apply(Configuration hadoop, String endpoint, String accessKey, String secretKey) {
        apply(hadoop, endpoint, accessKey, secretKey, DEFAULT_TIMEOUT_SECONDS);
    }

    public static void apply(Configuration hadoop, String endpoint, String accessKey, String secretKey,
                             int timeoutSeconds) {
        hadoop.set("fs.s3a.endpoint", endpoint);
        hadoop.set("fs.s3a.endpoint.region", "us-east-1");
        hadoop.set("fs.s3a.path.style.access", "true");
        hadoop.set("fs.s3a.connection.ssl.enabled", Boolean.toString(endpoint.startsWith("https:")));
        hadoop.set("fs.s3a.change.detection.mode", "none");
        hadoop.set("fs.s3a.impl.disable.cache", "true");
        // Keep the markers of parent folders after a write (Hadoop 3.4's default): with "delete", every
        // file written is followed by a bulk delete of its parents' markers, which S3-compatible servers
        // such as s3proxy refuse and S3A then retries, pausing, for each file.
        hadoop.set("fs.s3a.directory.marker.retention", "keep");
        hadoop.setInt("fs.s3a.connection.establish.timeout", Math.min(CONNECT_TIMEOUT_MS, timeoutSeconds * 1000));
        hadoop.setInt("fs.s3a.connection.timeout", timeoutSeconds * 1000);
        hadoop.setInt("fs.s3a.attempts.maximum", 0); // no retries inside the SDK: S3A's own retries below
        hadoop.setInt("fs.s3a.retry.limit", RETRIES);
        // A short first pause: on a server on this machine a failed request is a dropped pooled connection
        // (the SDK reuses one the server closed), which the next try gets past at once.
        hadoop.set("fs.s3a.retry.interval", RETRY_INTERVAL_MS + "ms");
        hadoop.setInt("fs.s3a.retry.throttle.limit", RETRIES);
        if (accessKey != null && secretKey != null) {
            hadoop.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            hadoop.set("fs.s3a.access.key", accessKey);
            hadoop.set("fs.s3a.secret.key", secretKey);
        } else {
            hadoop.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
        }
    }

    /**
     * The longest one file-system call can take against an endpoint that accepts connections and
     * never answers: each of its requests waits the socket timeout on every try (the first and the
     * retries, in S3A and in the SDK), with S3A's growing pauses between tries (the first is
     * {@code fs.s3a.retry.interval}, then longer).
     */
    public static double worstCaseSeconds(Configuration hadoop) {
        int tries = hadoop.getInt("fs.s3a.retry.limit", 7) + 1;
        int sdkAttempts = hadoop.getInt("fs.s3a.attempts.maximum", 20) + 1;
        double socket = hadoop.getInt("fs.s3a.connection.timeout", 200_000) / 1000.0;
        double interval = hadoop.getTimeDuration("fs.s3a.retry.interval", 500, TimeUnit.MILLISECONDS)
                / 1000.0;
        double pauses = interval * tries * (tries - 1) / 2;
        return REQUESTS_PER_CALL * (tries * sdkAttempts * socket + pauses);
    }
}
