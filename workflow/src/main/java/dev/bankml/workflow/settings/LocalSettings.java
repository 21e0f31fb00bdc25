package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.APPROVAL;
import static dev.bankml.workflow.settings.JobKind.CLEANING;
import static dev.bankml.workflow.settings.JobKind.INFERENCE;
import static dev.bankml.workflow.settings.JobKind.MONITORING;
import static dev.bankml.workflow.settings.JobKind.TRAINING;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * Off AWS Glue only: an S3-compatible server and its keys (refused on Glue). Scope
 * {@link Setting.Scope#LOCAL}.
 */
public final class LocalSettings {
    private LocalSettings() {
    }

    public static final Setting<String> S3_ENDPOINT = Setting.builder("s3_endpoint", Scope.LOCAL,
                    ValueType.text("https?://\\S+", false, "an http(s) URL", "URL"))
            .help("S3-compatible endpoint for s3a:// paths (local runs)")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING, APPROVAL)
            .build();
    public static final Setting<String> S3_ACCESS_KEY = Setting.builder("s3_access_key", Scope.LOCAL,
                    ValueType.text("\\S+", false, "a key without spaces", "KEY"))
            .byDefault(Default.derived("$AWS_ACCESS_KEY_ID"))
            .help("access key of the S3-compatible endpoint")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING, APPROVAL)
            .build();
    public static final Setting<String> S3_SECRET_KEY = Setting.builder("s3_secret_key", Scope.LOCAL,
                    ValueType.text("\\S+", false, "a key without spaces", "KEY"))
            .byDefault(Default.derived("$AWS_SECRET_ACCESS_KEY"))
            .help("secret key of the S3-compatible endpoint")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING, APPROVAL)
            .build();
    public static final Setting<Long> S3_TIMEOUT_SECONDS = Setting.builder("s3_timeout_seconds", Scope.LOCAL,
                    ValueType.integer(1, 600, null))
            .byDefault(10L)
            .help("give up on an S3 request after this many seconds (2 retries)")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING, APPROVAL)
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_TIMEOUT_SECONDS);
}
