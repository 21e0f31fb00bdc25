package dev.bankml.jobs;

import org.apache.hadoop.conf.Configuration;

/** Hadoop S3A settings for an S3-compatible server at a given URL (path-style, plain HTTP allowed). */
public final class S3Endpoint {
    private S3Endpoint() {
    }

    public static void apply(Configuration hadoop, String endpoint, String accessKey, String secretKey) {
        hadoop.set("fs.s3a.endpoint", endpoint);
        hadoop.set("fs.s3a.endpoint.region", "us-east-1");
        hadoop.set("fs.s3a.path.style.access", "true");
        hadoop.set("fs.s3a.connection.ssl.enabled", Boolean.toString(endpoint.startsWith("https:")));
        hadoop.set("fs.s3a.change.detection.mode", "none");
        hadoop.set("fs.s3a.impl.disable.cache", "true");
        hadoop.set("fs.s3a.attempts.maximum", "3");
        hadoop.set("fs.s3a.retry.limit", "3");
        if (accessKey != null && secretKey != null) {
            hadoop.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
            hadoop.set("fs.s3a.access.key", accessKey);
            hadoop.set("fs.s3a.secret.key", secretKey);
        } else {
            hadoop.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
        }
    }
}
