package dev.bankml.cdk;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.bankml.workflow.StorageLayout;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.constructs.Construct;

/**
 * The data of the pipeline: one KMS key and four buckets (raw input, cleaned table, artifacts, and
 * the access logs of the other three).
 */
public class DataStorage extends Construct {

    /** @param namePrefix prefix of the key alias */
    public record Props(String namePrefix) {
    }

    /**
     * What the stack keeps when it is deleted or a resource is replaced (data, its key, the record of what
     * ran): CloudFormation's RetainExceptOnCreate. Unlike Retain, it still deletes them when the stack's
     * first creation rolls back, so a failed first deploy leaves no named log group behind to block the
     * next attempt (a redeploy is the whole recovery), and no empty bucket or unused key to pay for.
     */
    static final RemovalPolicy KEPT = RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE;

    /** Server access logs are kept this long. */
    static final int ACCESS_LOG_DAYS = 365;
    /** Days Glue's temporary files (model checkpoints of a training run) are kept: a run lasts hours. */
    static final int GLUE_TEMP_DAYS = 7;
    /** Days the Spark UI's event logs are kept: long enough to look into last month's runs. */
    static final int SPARK_EVENTS_DAYS = 30;

    private final Key key;
    private final Bucket raw;
    private final Bucket cleaned;
    private final Bucket artifacts;
    private final Bucket accessLogs;

    public DataStorage(Construct scope, String id, Props props) {
        super(scope, id);
        // Kept on stack deletion like the buckets: retained objects stay readable only with this key.
        this.key = new Key(this, "Key", KeyProps.builder()
                .alias("alias/" + props.namePrefix() + "-data")
                .description("Encrypts the bank ML pipeline's data and Glue logs")
                .enableKeyRotation(true)
                .removalPolicy(KEPT)
                .build());
        // S3 server access logs can only be delivered to an SSE-S3 bucket.
        this.accessLogs = new SecureBucket(this, "AccessLogs", SecureBucket.Props.builder()
                .expireAfter(Duration.days(ACCESS_LOG_DAYS)).build()).bucket();
        // Raw input is what people upload: versions keep an overwritten or deleted upload recoverable.
        this.raw = data("Raw", "raw/", Map.of());
        // Cleaned data is rewritten by every run: versions let a bad run be rolled back.
        this.cleaned = data("Cleaned", "cleaned/", Map.of());
        // Artifacts too; Glue's temp dir (model checkpoints) and the Spark UI's event logs are scratch.
        Map<String, Duration> scratch = new LinkedHashMap<>();
        scratch.put(StorageLayout.GLUE_TEMP_FOLDER, Duration.days(GLUE_TEMP_DAYS));
        scratch.put(StorageLayout.SPARK_EVENTS_FOLDER, Duration.days(SPARK_EVENTS_DAYS));
        this.artifacts = data("Artifacts", "artifacts/", scratch);
    }

    private Bucket data(String id, String logPrefix, Map<String, Duration> scratch) {
        return new SecureBucket(this, id, SecureBucket.Props.builder().encryptedWith(key).accessLogsTo(accessLogs, logPrefix)
                .versioned().scratch(scratch).build()).bucket();
    }

    /** The workflow's paths over these buckets (CloudFormation tokens for the bucket names). */
    public StorageLayout layout() {
        return new StorageLayout("s3://" + raw.getBucketName(), "s3://" + cleaned.getBucketName(),
                "s3://" + artifacts.getBucketName());
    }

    public Key key() {
        return key;
    }

    public Bucket raw() {
        return raw;
    }

    public Bucket cleaned() {
        return cleaned;
    }

    public Bucket artifacts() {
        return artifacts;
    }

    public Bucket accessLogs() {
        return accessLogs;
    }
}
