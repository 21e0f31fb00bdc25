package dev.bankml.workflow;

/**
 * Names of the Glue-style job arguments ({@code --name value}) shared by the jobs, the CDK app and
 * the local runner, so a key is spelled in exactly one place.
 */
public final class Arg {
    private Arg() {
    }

    // Inputs and outputs.
    public static final String SOURCE_PATH = "source_path";
    public static final String SOURCE_TABLE = "source_table";
    public static final String TARGET_PATH = "target_path";
    public static final String REJECTED_PATH = "rejected_path";
    public static final String REPORT_PATH = "report_path";
    public static final String MODEL_PATH = "model_path";
    public static final String METRICS_PATH = "metrics_path";
    public static final String PREDICTIONS_PATH = "predictions_path";
    public static final String OUTPUT_PATH = "output_path";
    public static final String CLEANING_REPORT = "cleaning_report";

    // Cleaning options.
    public static final String MAX_REJECTED_FRACTION = "max_rejected_fraction";
    public static final String REQUIRE_LABEL = "require_label";
    public static final String DUPLICATES = "duplicates";
    public static final String ENCODING = "encoding";
    public static final String MAX_PARTITION_SHRINK = "max_partition_shrink";

    // Training and inference options.
    public static final String LABEL = "label";
    public static final String EXCLUDE_FEATURES = "exclude_features";
    public static final String MODELS = "models";
    public static final String SEED = "seed";
    public static final String TEST_FRACTION = "test_fraction";
    public static final String TUNING = "tuning";
    public static final String PROMOTION_MARGIN = "promotion_margin";
    public static final String MODEL_RUN = "model_run";

    // Run-wide options.
    public static final String RUN_ID = "run_id";
    public static final String ENVIRONMENT = "environment";
    public static final String PUBLISH_METRICS = "publish_metrics";
    public static final String CLOUDWATCH_ENDPOINT = "cloudwatch_endpoint";
    public static final String S3_ENDPOINT = "s3_endpoint";
    public static final String S3_TIMEOUT_SECONDS = "s3_timeout_seconds";

    // Set by AWS Glue itself.
    public static final String GLUE_JOB_NAME = "JOB_NAME";
    public static final String GLUE_JOB_RUN_ID = "JOB_RUN_ID";
}
