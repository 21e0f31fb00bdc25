package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.BucketProps;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * An S3 bucket with the settings every bucket of this app shares: public access blocked, TLS 1.2 or
 * later required, encryption at rest, server access logs, incomplete multipart uploads cleaned up,
 * scratch folders expired, and kept when the stack is deleted.
 */
public class SecureBucket extends Construct {

    /**
     * How one bucket differs from the others; built by name with {@link #builder()}.
     *
     * @param encryptionKey  SSE-KMS with this key; empty for SSE-S3 (required for an access-logs target)
     * @param accessLogs     the bucket receiving this bucket's server access logs; empty for the logs bucket itself
     * @param accessLogsPrefix key prefix of this bucket's access logs in the logs bucket
     * @param versioned      keep previous versions (data that must survive a bad run)
     * @param expireAfter    delete current objects after this long (logs); empty to keep them
     * @param scratch        folders (key prefixes) of temporary files, each expired after its duration
     */
    public record Props(Optional<IKey> encryptionKey, Optional<IBucket> accessLogs, String accessLogsPrefix,
            boolean versioned, Optional<Duration> expireAfter, Map<String, Duration> scratch) {
        public Props {
            scratch = Collections.unmodifiableMap(new LinkedHashMap<>(scratch));
        }

        /** SSE-S3, no access logs, not versioned, nothing expires: what each call of the builder changes. */
        public static Builder builder() {
            return new Builder();
        }

        /** Sets what differs from the builder's starting point. */
        public static final class Builder {
            private Optional<IKey> encryptionKey = Optional.empty();
            private Optional<IBucket> accessLogs = Optional.empty();
            private String accessLogsPrefix = "";
            private boolean versioned;
            private Optional<Duration> expireAfter = Optional.empty();
            private Map<String, Duration> scratch = Map.of();

            private Builder() {
            }

            /** SSE-KMS with this key. */
            public Builder encryptedWith(IKey key) {
                this.encryptionKey = Optional.of(key);
                return this;
            }

            /** Server access logs to {@code bucket}, under {@code prefix}. */
            public Builder accessLogsTo(IBucket bucket, String prefix) {
                this.accessLogs = Optional.of(bucket);
                this.accessLogsPrefix = prefix;
                return this;
            }

            /** Keeps previous versions (data that must survive a bad run). */
            public Builder versioned() {
                this.versioned = true;
                return this;
            }

            /** Every current object is deleted after {@code age}. */
            public Builder expireAfter(Duration age) {
                this.expireAfter = Optional.of(age);
                return this;
            }

            /** Folders (key prefixes) of temporary files, each expired after its duration. */
            public Builder scratch(Map<String, Duration> folders) {
                this.scratch = folders;
                return this;
            }

            public Props build() {
                return new Props(encryptionKey, accessLogs, accessLogsPrefix, versioned, expireAfter, scratch);
            }
        }
    }

    /** The oldest TLS version a request may use (older ones are refused by the bucket policy). */
    static final double MINIMUM_TLS_VERSION = 1.2;
    /** Days a replaced version of a scratch file is kept: nothing rolls back to a checkpoint or an event log. */
    static final int SCRATCH_NONCURRENT_DAYS = 1;

    /** Days after which an unfinished multipart upload is aborted (its parts cost money and are invisible). */
    static final int ABORT_MULTIPART_DAYS = 7;
    /** Days a replaced or deleted object version is kept in a versioned bucket. */
    static final int NONCURRENT_VERSION_DAYS = 90;

    private final Bucket bucket;

    public SecureBucket(Construct scope, String id, Props props) {
        super(scope, id);
        List<LifecycleRule> rules = new ArrayList<>();
        rules.add(LifecycleRule.builder().id("abort-incomplete-multipart-uploads")
                .abortIncompleteMultipartUploadAfter(Duration.days(ABORT_MULTIPART_DAYS)).build());
        if (props.versioned()) {
            rules.add(LifecycleRule.builder().id("expire-old-versions")
                    .noncurrentVersionExpiration(Duration.days(NONCURRENT_VERSION_DAYS)).build());
        }
        props.expireAfter().ifPresent(d -> rules.add(LifecycleRule.builder().id("expire-objects").expiration(d).build()));
        // Scratch folders would otherwise grow forever, and in a versioned bucket every replaced file stays too.
        props.scratch().forEach((prefix, d) -> rules.add(LifecycleRule.builder()
                .id("expire-" + prefix.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", ""))
                .prefix(prefix)
                .expiration(d)
                .noncurrentVersionExpiration(props.versioned() ? Duration.days(SCRATCH_NONCURRENT_DAYS) : null)
                .build()));

        BucketProps.Builder b = BucketProps.builder()
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .minimumTlsVersion(MINIMUM_TLS_VERSION)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(props.versioned())
                .lifecycleRules(rules)
                .removalPolicy(DataStorage.KEPT);
        if (props.encryptionKey().isPresent()) {
            // A bucket key cuts KMS requests (and their cost) by caching a data key per bucket.
            b.encryption(BucketEncryption.KMS).encryptionKey(props.encryptionKey().get()).bucketKeyEnabled(true);
        } else {
            b.encryption(BucketEncryption.S3_MANAGED);
        }
        props.accessLogs().ifPresent(logs -> b.serverAccessLogsBucket(logs).serverAccessLogsPrefix(props.accessLogsPrefix()));
        this.bucket = new Bucket(this, "Bucket", b.build());
    }

    public Bucket bucket() {
        return bucket;
    }
}
