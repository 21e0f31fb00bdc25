package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.CLEANING;
import static dev.bankml.workflow.settings.JobKind.INFERENCE;
import static dev.bankml.workflow.settings.JobKind.MONITORING;
import static dev.bankml.workflow.settings.JobKind.TRAINING;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import dev.bankml.workflow.DeliveryKind;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * Every setting of the pipeline, each declared once: the one place where a setting's name, type,
 * bounds, defaults, help and {@code cdk.json} key are written. Jobs, the CDK app, the workflow and
 * the local runner read these declarations and nothing else (see {@link Setting}).
 */
public final class Settings {
    private Settings() {
    }

    /** Filled as the declarations below are built, in declaration order; declared first so it exists then. */
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    /** The prefix of this app's keys in {@code cdk.json} context. */
    public static final String CONTEXT_PREFIX = "bankml:";

    private static final String COLUMN = "[a-z_][a-z0-9_]*";
    private static final String RUN_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    private static final String RUN_ID_WORDS = "up to 64 letters, digits, '_', '.' or '-'";
    private static final String REGION = "[a-z]{2}(-[a-z]+)+-\\d{1,2}";
    private static final String REGION_WORDS = "an AWS region such as eu-west-1";

    // ---- Inputs and outputs: wired by the workflow from the storage layout and the catalog --------

    public static final Setting<String> SOURCE_PATH = Setting.builder("source_path", Scope.WIRING, ValueType.path())
            .help("where the job reads its input")
            .requiredBy(CLEANING, "a CSV file or a folder of CSV files (local, s3:// or s3a://)")
            .readBy(TRAINING, "cleaned Parquet root (local, s3:// or s3a://); or --source_table")
            .readBy(INFERENCE, "cleaned Parquet (the cleaning job's output; the label may be absent); or --source_table")
            .build();
    public static final Setting<String> SOURCE_TABLE = Setting.builder("source_table", Scope.WIRING,
                    ValueType.text("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*", false, "database.table", "DB.TABLE"))
            .help("the cleaned table in the Glue Data Catalog / local catalog; or --source_path")
            .readBy(TRAINING, INFERENCE)
            .build();
    public static final Setting<String> TARGET_PATH = Setting.builder("target_path", Scope.WIRING, ValueType.path())
            .help("root of the cleaned Parquet table")
            .requiredBy(CLEANING, null)
            .build();
    public static final Setting<String> REJECTED_PATH = Setting.builder("rejected_path", Scope.WIRING, ValueType.path())
            .help("where rows that cannot be used go, with their reasons")
            .requiredBy(CLEANING, "root of the quarantine (rejected rows with reasons)")
            .readBy(INFERENCE, "rows that cannot be scored (default <output_path>/_rejected/)")
            .build();
    public static final Setting<String> REPORT_PATH = Setting.builder("report_path", Scope.WIRING, ValueType.path())
            .help("folder of the run reports")
            .defaultText("<target_path>/_reports/")
            .readBy(CLEANING)
            .build();
    public static final Setting<String> MODEL_PATH = Setting.builder("model_path", Scope.WIRING, ValueType.path())
            .help("the model store root (a champion pointer per label)")
            .requiredBy(TRAINING, null)
            .requiredBy(INFERENCE, "the training job's model store root")
            .requiredBy(MONITORING, "the training job's model store root (the champion)")
            .build();
    public static final Setting<String> METRICS_PATH = Setting.builder("metrics_path", Scope.WIRING, ValueType.path())
            .help("metrics root (JSON per run, Parquet history, HTML report)")
            .requiredBy(TRAINING, null)
            .build();
    public static final Setting<String> PREDICTIONS_PATH = Setting.builder("predictions_path", Scope.WIRING,
                    ValueType.path())
            .help("test-split predictions root")
            .requiredBy(TRAINING, null)
            .build();
    public static final Setting<String> OUTPUT_PATH = Setting.builder("output_path", Scope.WIRING, ValueType.path())
            .help("predictions root (partitioned by label and batch_id)")
            .requiredBy(INFERENCE, null)
            .build();
    public static final Setting<String> CLEANING_REPORT = Setting.builder("cleaning_report", Scope.WIRING,
                    ValueType.path())
            .help("cleaning report JSON to show in the HTML report")
            .readBy(TRAINING)
            .build();
    public static final Setting<Boolean> REQUIRE_LABEL = Setting.builder("require_label", Scope.WIRING, ValueType.bool())
            .defaultValue(true)
            .help("the label column must be present (false for customers to score)")
            .readBy(CLEANING)
            .build();

    public static final Setting<String> LEADS_SOURCE_PATH = Setting.builder("leads_source_path", Scope.WIRING,
                    ValueType.path())
            .help("the folder of the lead deliveries (customers to score; the label absent or empty)")
            .readBy(CLEANING)
            .build();
    public static final Setting<String> LEADS_TARGET_PATH = Setting.builder("leads_target_path", Scope.WIRING,
                    ValueType.path())
            .help("root of the cleaned leads table (required with --leads_source_path)")
            .readBy(CLEANING)
            .build();
    public static final Setting<String> LEDGER_PATH = Setting.builder("ledger_path", Scope.WIRING, ValueType.path())
            .help("the delivery ledger: with it a run cleans only new or changed deliveries, and the later "
                    + "steps find the deliveries they have not handled yet")
            .readBy(CLEANING, TRAINING, INFERENCE)
            .requiredBy(MONITORING, null)
            .build();
    public static final Setting<String> MONITORING_PATH = Setting.builder("monitoring_path", Scope.WIRING,
                    ValueType.path())
            .help("the monitoring history (a record per cycle and per delivery) and its report")
            .requiredBy(MONITORING, null)
            .readBy(TRAINING, INFERENCE)
            .build();
    public static final Setting<String> OUTCOMES_PATH = Setting.builder("outcomes_path", Scope.WIRING, ValueType.path())
            .help("root of the cleaned outcomes table (labelled deliveries)")
            .requiredBy(MONITORING, null)
            .build();
    public static final Setting<String> LEADS_PATH = Setting.builder("leads_path", Scope.WIRING, ValueType.path())
            .help("root of the cleaned leads table: the lead deliveries not scored yet are scored")
            .readBy(INFERENCE, "root of the cleaned leads table: with --ledger_path, each lead delivery not scored "
                    + "yet is scored, once")
            .build();
    // The stack passes its region as a CloudFormation pseudo-parameter: Glue documents no region
    // variable on 5.0 workers, and metrics must land where the stack's alarms read them.
    public static final Setting<String> AWS_REGION = Setting.builder("aws_region", Scope.WIRING,
                    ValueType.text(REGION, false, REGION_WORDS, "REGION"))
            .defaultText("the SDK's lookup: aws.region, AWS_REGION, AWS_DEFAULT_REGION, profile, instance metadata")
            .help("the AWS region the job runs in, where its CloudWatch metrics go (the stack sets it)")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();

    // ---- One value per deployment: cdk.json on AWS, bin/pipeline options on a laptop -------------

    public static final Setting<String> ENVIRONMENT = Setting.builder("environment", Scope.DEPLOYMENT,
                    ValueType.text("[a-z][a-z0-9-]{0,20}", false,
                            "1-21 lower-case letters, digits or '-', starting with a letter", "NAME"))
            .defaultValue("local").deploymentDefault("dev")
            .help("deployment name: part of every resource name and a dimension of every metric")
            .deployedAs("environment")
            .fixedForRuns()
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();
    public static final Setting<String> DATABASE_NAME = Setting.builder("database_name", Scope.DEPLOYMENT,
                    ValueType.text("[a-z][a-z0-9_]{0,60}", false,
                            "lower-case letters, digits or '_', starting with a letter", "NAME"))
            .defaultValue("bankml").derivedOnDeployment()
            .defaultText("bankml locally, bankml_<environment> on AWS")
            .help("catalog database of the crawled tables")
            .deployedAs("databaseName")
            .build();
    public static final Setting<String> LABEL = Setting.builder("label", Scope.DEPLOYMENT,
                    ValueType.choice(List.of("deposit", "default", "housing", "loan")))
            .defaultValue("deposit")
            .help("the yes/no column to predict")
            .deployedAs("label")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .readBy(INFERENCE, "which label's champion scores")
            .build();
    public static final Setting<List<String>> EXCLUDE_FEATURES = Setting.builder("exclude_features", Scope.DEPLOYMENT,
                    ValueType.list(COLUMN, "a comma-separated list of column names", "a,b"))
            .defaultValue(List.of())
            .help("columns never used as features (e.g. duration: only known after the call)")
            .deployedAs("excludeFeatures")
            .readBy(TRAINING)
            .build();
    public static final Setting<List<String>> MODELS = Setting.builder("models", Scope.DEPLOYMENT,
                    ValueType.list("lr|dt|rf|gbt|nb|svm|xgb|logistic_regression|decision_tree|random_forest"
                                    + "|gradient_boosted_trees|naive_bayes|linear_svm|xgboost",
                            "a comma-separated list of lr, dt, rf, gbt, nb, svm, xgb", "lr,dt,rf,gbt,nb,svm,xgb"))
            .defaultValue(List.of())
            .defaultText("all seven")
            .help("which algorithms to train")
            .deployedAs("models")
            .readBy(TRAINING)
            .build();
    public static final Setting<String> TUNING = Setting.builder("tuning", Scope.DEPLOYMENT,
                    ValueType.choice(List.of("fast", "standard", "thorough")))
            .defaultValue("standard")
            .help("hyper-parameter search budget")
            .deployedAs("tuning")
            .readBy(TRAINING)
            .build();
    public static final Setting<Long> SEED = Setting.builder("seed", Scope.DEPLOYMENT,
                    ValueType.integer(0, Integer.MAX_VALUE, null))
            .defaultValue(42L)
            .help("seed of the split and of the models")
            .deployedAs("seed")
            .readBy(TRAINING)
            .build();
    public static final Setting<Double> TEST_FRACTION = Setting.builder("test_fraction", Scope.DEPLOYMENT,
                    ValueType.decimal(0.05, true, 0.5))
            .defaultValue(0.2)
            .help("share of the labelled rows held out for testing")
            .deployedAs("testFraction")
            .readBy(TRAINING)
            .build();
    public static final Setting<Double> PROMOTION_MARGIN = Setting.builder("promotion_margin", Scope.DEPLOYMENT,
                    ValueType.decimal(0, true, 1))
            .defaultValue(0.01)
            .help("keep the previous champion if the new one's test AUC-PR is lower by more than this")
            .deployedAs("promotionMargin")
            .readBy(TRAINING)
            .build();
    public static final Setting<Long> PARALLELISM = Setting.builder("parallelism", Scope.DEPLOYMENT,
                    ValueType.integer(1, 64, null))
            .defaultValue(2L)
            .help("models trained at the same time")
            .deployedAs("parallelism")
            .readBy(TRAINING)
            .build();
    public static final Setting<Double> MAX_REJECTED_FRACTION = Setting.builder("max_rejected_fraction",
                    Scope.DEPLOYMENT, ValueType.decimal(0, true, 1))
            .defaultValue(0.05)
            .help("publish nothing when more than this share of the rows is rejected")
            .deployedAs("maxRejectedFraction")
            .readBy(CLEANING)
            .build();
    public static final Setting<Double> MAX_PARTITION_SHRINK = Setting.builder("max_partition_shrink",
                    Scope.DEPLOYMENT, ValueType.decimal(0, true, 1))
            .defaultValue(0.5)
            .help("refuse to publish when a re-delivered file would remove more than this share of its "
                    + "partition's rows (1 allows anything)")
            .deployedAs("maxPartitionShrink")
            .readBy(CLEANING)
            .build();
    public static final Setting<String> DUPLICATES = Setting.builder("duplicates", Scope.DEPLOYMENT,
                    ValueType.choice(List.of("quarantine", "keep")))
            .defaultValue("quarantine")
            .help("what to do with a record repeated within its file")
            .deployedAs("duplicates")
            .readBy(CLEANING)
            .build();
    public static final Setting<String> ENCODING = Setting.builder("encoding", Scope.DEPLOYMENT,
                    ValueType.asciiCompatibleEncoding())
            .defaultValue("UTF-8")
            .help("the files' character encoding (e.g. windows-1252); lines not valid in it are quarantined")
            .deployedAs("encoding")
            .readBy(CLEANING)
            .build();
    public static final Setting<Boolean> PUBLISH_METRICS = Setting.builder("publish_metrics", Scope.DEPLOYMENT,
                    ValueType.bool())
            .defaultValue(false).deploymentDefault(true)
            .help("publish CloudWatch metrics (in the job's region)")
            .deployedAs("publishMetrics")
            .fixedForRuns()
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();
    public static final Setting<String> CLOUDWATCH_ENDPOINT = Setting.builder("cloudwatch_endpoint", Scope.DEPLOYMENT,
                    ValueType.text("https?://\\S+", false, "an http(s) URL", "URL"))
            .help("CloudWatch endpoint override (a VPC endpoint, tests)")
            .deployedAs("cloudwatchEndpoint")
            .fixedForRuns()
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();

    public static final Setting<Long> RETRAIN_MIN_NEW_ROWS = Setting.builder("retrain_min_new_rows", Scope.DEPLOYMENT,
                    ValueType.integer(1, Integer.MAX_VALUE, null))
            .defaultValue(5_000L)
            .help("retrain when this many labelled rows arrived since the last training")
            .deployedAs("retrainMinNewRows")
            .readBy(TRAINING)
            .build();
    public static final Setting<Double> RETRAIN_MIN_NEW_SHARE = Setting.builder("retrain_min_new_share",
                    Scope.DEPLOYMENT, ValueType.decimal(0, false, 10))
            .defaultValue(0.2)
            .help("retrain when the labelled rows since the last training reach this share of the rows it used")
            .deployedAs("retrainMinNewShare")
            .readBy(TRAINING)
            .build();
    public static final Setting<Double> AUC_DROP_ALARM = Setting.builder("auc_drop_alarm", Scope.DEPLOYMENT,
                    ValueType.decimal(0, false, 1))
            .defaultValue(0.05)
            .help("alarm (and retrain) when the champion's AUC-ROC on a new outcomes delivery falls more than "
                    + "this below its test AUC-ROC")
            .deployedAs("aucDropAlarm")
            .readBy(MONITORING)
            .build();
    public static final Setting<Double> PSI_ALARM = Setting.builder("psi_alarm", Scope.DEPLOYMENT,
                    ValueType.decimal(0, false, 10))
            .defaultValue(0.25)
            .help("alarm (and retrain) when a feature's or the score's population stability index on a new "
                    + "delivery exceeds this")
            .deployedAs("psiAlarm")
            .readBy(MONITORING)
            .build();

    // The campaign the scoring marks (contact flag): by share, by count, or by expected value; at most one.
    public static final Setting<Double> CONTACT_SHARE = Setting.builder("contact_share", Scope.DEPLOYMENT,
                    ValueType.decimal(0, false, 1))
            .defaultText("none: contact = predicted (the model's threshold)")
            .help("contact this share of the scored customers, highest scores first")
            .deployedAs("contactShare")
            .readBy(INFERENCE)
            .build();
    public static final Setting<Long> CONTACT_COUNT = Setting.builder("contact_count", Scope.DEPLOYMENT,
                    ValueType.integer(1, Integer.MAX_VALUE, null))
            .help("contact this many of the scored customers, highest scores first")
            .deployedAs("contactCount")
            .readBy(INFERENCE)
            .build();
    public static final Setting<Double> VALUE_PER_YES = Setting.builder("value_per_yes", Scope.DEPLOYMENT,
                    ValueType.decimal(0, false, 1e12))
            .help("with --cost_per_call: contact every customer whose calibrated P(yes) times this exceeds the "
                    + "cost of a call")
            .deployedAs("valuePerYes")
            .readBy(INFERENCE)
            .build();
    public static final Setting<Double> COST_PER_CALL = Setting.builder("cost_per_call", Scope.DEPLOYMENT,
                    ValueType.decimal(0, true, 1e12))
            .help("with --value_per_yes: what one call costs, in the same unit")
            .deployedAs("costPerCall")
            .readBy(INFERENCE)
            .build();

    // ---- Given when a run starts ------------------------------------------------------------------

    public static final Setting<String> RUN_ID = Setting.builder("run_id", Scope.RUN,
                    ValueType.text(RUN_ID_PATTERN, false, RUN_ID_WORDS, "ID"))
            .defaultText("a new id: the UTC start time and 6 random hex digits")
            .help("run identifier (reports, staging folders, metrics, model folders)")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();
    public static final Setting<String> MODEL_RUN = Setting.builder("model_run", Scope.RUN,
                    ValueType.text(RUN_ID_PATTERN, false, RUN_ID_WORDS, "RUN_ID"))
            .help("score with the model saved by that training run instead of the champion")
            .readBy(INFERENCE)
            .build();

    public static final Setting<String> REPROCESS = Setting.builder("reprocess", Scope.RUN,
                    ValueType.text("(?s).*\\S.*", false, "all, or a delivery's file name or location", "all|FILE"))
            .help("clean again, on purpose, every delivery (all) or the named one, although the ledger has it")
            .readBy(CLEANING)
            .build();
    public static final Setting<Boolean> RETRAIN = Setting.builder("retrain", Scope.RUN, ValueType.bool())
            .defaultValue(false)
            .help("train in this run whatever the retraining policy says")
            .readBy(TRAINING)
            .build();

    // ---- Off AWS Glue only: an S3-compatible server ---------------------------------------------

    public static final Setting<String> S3_ENDPOINT = Setting.builder("s3_endpoint", Scope.LOCAL,
                    ValueType.text("https?://\\S+", false, "an http(s) URL", "URL"))
            .help("S3-compatible endpoint for s3a:// paths (local runs)")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();
    public static final Setting<String> S3_ACCESS_KEY = Setting.builder("s3_access_key", Scope.LOCAL,
                    ValueType.text("\\S+", false, "a key without spaces", "KEY"))
            .defaultText("$AWS_ACCESS_KEY_ID")
            .help("access key of the S3-compatible endpoint")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();
    public static final Setting<String> S3_SECRET_KEY = Setting.builder("s3_secret_key", Scope.LOCAL,
                    ValueType.text("\\S+", false, "a key without spaces", "KEY"))
            .defaultText("$AWS_SECRET_ACCESS_KEY")
            .help("secret key of the S3-compatible endpoint")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();
    public static final Setting<Long> S3_TIMEOUT_SECONDS = Setting.builder("s3_timeout_seconds", Scope.LOCAL,
                    ValueType.integer(1, 600, null))
            .defaultValue(10L)
            .help("give up on an S3 request after this many seconds (2 retries)")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();

    // ---- Set by AWS Glue itself --------------------------------------------------------------------

    private static ValueType<String> glueText() {
        return ValueType.text("(?s).*\\S.*", false, "a value", "VALUE");
    }

    public static final Setting<String> GLUE_JOB_NAME = Setting.builder("JOB_NAME", Scope.GLUE, glueText())
            .help("the Glue job's name").build();
    /** Present only when AWS Glue runs the job: the jobs tell Glue from a laptop by it. */
    public static final Setting<String> GLUE_JOB_RUN_ID = Setting.builder("JOB_RUN_ID", Scope.GLUE, glueText())
            .help("the Glue job run's id").build();
    /** The workflow run a job run belongs to: a cycle's identity in the monitoring history. */
    public static final Setting<String> GLUE_WORKFLOW_RUN_ID = Setting.builder("WORKFLOW_RUN_ID", Scope.GLUE,
                    glueText())
            .help("the Glue workflow run's id")
            .readBy(CLEANING, MONITORING, TRAINING, INFERENCE).build();
    public static final Setting<String> GLUE_TEMP_DIR = Setting.builder("TempDir", Scope.GLUE, ValueType.path())
            .help("Glue's temporary folder (shared storage for model checkpoints)")
            .readBy(TRAINING).build();

    // ---- bin/pipeline's own options ----------------------------------------------------------------

    public static final Setting<String> INPUT = Setting.builder("input", Scope.RUNNER, ValueType.path())
            .defaultText("the repository's data/sample/bank.csv")
            .help("raw CSV file or folder")
            .build();
    public static final Setting<String> WAREHOUSE = Setting.builder("warehouse", Scope.RUNNER, ValueType.path())
            .defaultText("warehouse/ in the repository")
            .help("local folder laid out like the buckets")
            .build();
    public static final Setting<String> S3_BUCKET = Setting.builder("s3_bucket", Scope.RUNNER,
                    ValueType.text("[a-z0-9][a-z0-9.-]{2,62}", false, "an S3 bucket name", "NAME"))
            .defaultValue("bankml-local")
            .help("with --s3_endpoint: the bucket the warehouse lives in")
            .build();
    public static final Setting<Boolean> HELP = Setting.builder("help", Scope.RUNNER, ValueType.bool())
            .defaultValue(false)
            .help("print the options and stop")
            .build();
    public static final Setting<Boolean> VERBOSE = Setting.builder("verbose", Scope.RUNNER, ValueType.bool())
            .defaultValue(false)
            .help("stack traces on the console")
            .build();
    public static final Setting<String> HISTORY_METRIC = Setting.builder("metric", Scope.RUNNER,
                    ValueType.choice(List.of("auc_pr", "auc_roc", "f1", "accuracy", "precision", "recall",
                            "validation_auc_pr", "train_seconds")))
            .defaultValue("auc_pr")
            .help("the metric bin/pipeline history shows")
            .build();
    public static final Setting<Long> BENCH_ROWS = Setting.builder("rows", Scope.RUNNER,
                    ValueType.integer(1_000, 100_000_000, null))
            .defaultValue(100_000L)
            .help("rows of the synthetic export the benchmark generates")
            .build();
    public static final Setting<Long> BENCH_REPEAT = Setting.builder("repeat", Scope.RUNNER, ValueType.integer(1, 20, null))
            .defaultValue(3L)
            .help("pairs of cleaning runs the benchmark times (medians)")
            .build();
    public static final Setting<List<String>> BENCH_STAGES = Setting.builder("stages", Scope.RUNNER,
                    ValueType.list("generate|clean|train|score|cycle",
                            "some of generate (only), clean, train, score, cycle (the monthly cycle against a full run "
                                    + "on the sample, or on --input)", "clean,train,score"))
            .defaultValue(List.of("clean", "train", "score"))
            .help("which stages the benchmark times")
            .build();
    public static final Setting<String> BENCH_WORK = Setting.builder("work", Scope.RUNNER, ValueType.path())
            .defaultText("bench-work/ in the repository")
            .help("the benchmark's working folder")
            .build();

    public static final Setting<String> DELIVERY_KIND = Setting.builder("kind", Scope.RUNNER,
                    ValueType.choice(DeliveryKind.ids()))
            .help("which kind of delivery the files are: outcomes (labelled history) or leads (to score)")
            .build();
    public static final Setting<String> REPLAY_FIRST_MONTH = Setting.builder("history_until", Scope.RUNNER,
                    ValueType.choice(List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                            "nov", "dec")))
            .defaultValue("apr")
            .help("the replay's first delivery holds the outcomes of the months up to this one; then one cycle "
                    + "per month")
            .build();
    public static final Setting<String> PEER_OUTPUT = Setting.builder("output", Scope.RUNNER, ValueType.path())
            .help("the CSV file the peer benchmark's rows are written to")
            .build();

    // ---- The deployment (CDK app only) ------------------------------------------------------------

    public static final Setting<String> WORKER_TYPE = Setting.builder("worker_type", Scope.INFRASTRUCTURE,
                    ValueType.choice(List.of("G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X", "R.1X", "R.2X",
                            "R.4X", "R.8X")))
            .defaultValue("G.1X")
            .help("Glue worker type of every job")
            .deployedAs("workerType")
            .build();
    // Glue needs at least 2 workers; the cap only guards against a typo that would cost a fortune.
    public static final Setting<Long> NUMBER_OF_WORKERS = Setting.builder("number_of_workers", Scope.INFRASTRUCTURE,
                    ValueType.integer(2, 100, null))
            .defaultValue(2L)
            .help("Glue workers per job")
            .deployedAs("numberOfWorkers")
            .build();
    public static final Setting<Long> JOB_TIMEOUT_MINUTES = Setting.builder("job_timeout_minutes",
                    Scope.INFRASTRUCTURE, ValueType.integer(5, 2880, null))
            .defaultValue(120L)
            .help("a job run is stopped (TIMEOUT) after this long")
            .deployedAs("jobTimeoutMinutes")
            .build();
    public static final Setting<String> NOTIFICATION_EMAIL = Setting.builder("notification_email",
                    Scope.INFRASTRUCTURE, ValueType.text("|[^@\\s]+@[^@\\s]+\\.[^@\\s]+", false,
                            "an e-mail address such as oncall@example.com, or absent", "ADDRESS"))
            .defaultValue("")
            .help("address subscribed to the alerts topic")
            .deployedAs("notificationEmail")
            .build();
    public static final Setting<Double> AUC_FLOOR = Setting.builder("auc_floor", Scope.INFRASTRUCTURE,
                    ValueType.decimal(0, false, 1))
            .defaultValue(0.85)
            .help("the champion AUC-ROC alarm fires below this")
            .deployedAs("aucFloor")
            .build();
    public static final Setting<Double> REJECTED_FRACTION_CEILING = Setting.builder("rejected_fraction_ceiling",
                    Scope.INFRASTRUCTURE, ValueType.decimal(0, true, 1))
            .defaultText("the max_rejected_fraction")
            .help("the rejected-fraction alarm fires above this")
            .deployedAs("rejectedFractionCeiling")
            .build();
    // One-hour periods: CloudWatch allows at most 7 days of evaluation range. Off by default: a cycle
    // runs when a delivery arrives, about once a month, so silence is the normal state (docs/DEPLOY.md).
    public static final Setting<Long> STALE_RUN_HOURS = Setting.builder("stale_run_hours", Scope.INFRASTRUCTURE,
                    ValueType.integer(0, 168, "CloudWatch evaluates at most 7 days"))
            .defaultValue(0L)
            .help("the no-successful-run alarm fires after this many hours without one (0: no such alarm, "
                    + "for deliveries less often than weekly)")
            .deployedAs("staleRunHours")
            .build();

    /** How a cycle starts on AWS: when deliveries land (EventBridge → EVENT trigger), or only by hand. */
    public static final Setting<String> CYCLE_START = Setting.builder("cycle_start", Scope.INFRASTRUCTURE,
                    ValueType.choice(List.of("deliveries", "manual")))
            .defaultValue("deliveries")
            .help("deliveries: a cycle starts when files land in raw/outcomes/ or raw/leads/ (and can still be "
                    + "started by hand); manual: only start-workflow-run or the console start one")
            .deployedAs("cycleStart")
            .build();
    public static final Setting<Long> EVENT_BATCH_SIZE = Setting.builder("event_batch_size", Scope.INFRASTRUCTURE,
                    ValueType.integer(1, 100, "Glue's EventBatchingCondition"))
            .defaultValue(10L)
            .help("a cycle starts when this many files have landed in raw/ ...")
            .deployedAs("eventBatchSize")
            .build();
    public static final Setting<Long> EVENT_BATCH_WINDOW_SECONDS = Setting.builder("event_batch_window_seconds",
                    Scope.INFRASTRUCTURE, ValueType.integer(1, 900, "Glue's EventBatchingCondition"))
            .defaultValue(300L)
            .help("... or this many seconds after the first one landed")
            .deployedAs("eventBatchWindowSeconds")
            .build();

    // Where a deployment goes. Empty: wherever the credentials of `cdk deploy` point (the stack is then
    // environment-agnostic). A delivery pipeline's stages need them, or the pipeline cannot be synthesized offline.
    public static final Setting<String> DEPLOY_ACCOUNT = Setting.builder("deploy_account", Scope.INFRASTRUCTURE,
                    ValueType.text("|\\d{12}", false, "a 12-digit AWS account id, or absent", "ACCOUNT"))
            .defaultValue("")
            .help("the AWS account the pipeline is deployed to")
            .deployedAs("account")
            .build();
    public static final Setting<String> DEPLOY_REGION = Setting.builder("deploy_region", Scope.INFRASTRUCTURE,
                    ValueType.text("|" + REGION, false, REGION_WORDS + ", or absent", "REGION"))
            .defaultValue("")
            .help("the AWS region the pipeline is deployed to")
            .deployedAs("region")
            .build();

    // ---- The delivery pipeline (CDK Pipelines): one per app, not per stage -------------------------

    public static final Setting<String> PIPELINE_REPOSITORY = Setting.builder("pipeline_repository",
                    Scope.INFRASTRUCTURE, ValueType.text("|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", false,
                            "owner/repository as the Git host names it, or absent", "OWNER/REPO"))
            .defaultValue("")
            .help("the Git repository the delivery pipeline builds")
            .deployedAs("pipelineRepository")
            .build();
    public static final Setting<String> PIPELINE_BRANCH = Setting.builder("pipeline_branch", Scope.INFRASTRUCTURE,
                    ValueType.text("[A-Za-z0-9._/-]+", false, "a branch name", "BRANCH"))
            .defaultValue("main")
            .help("the branch whose pushes the delivery pipeline builds and deploys")
            .deployedAs("pipelineBranch")
            .build();
    public static final Setting<String> PIPELINE_CONNECTION_ARN = Setting.builder("pipeline_connection_arn",
                    Scope.INFRASTRUCTURE, ValueType.text(
                            "|arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[A-Za-z0-9-]+",
                            false, "the ARN of a CodeConnections (CodeStar) connection to the Git host, or absent",
                            "ARN"))
            .defaultValue("")
            .help("the connection through which the delivery pipeline reads the repository")
            .deployedAs("pipelineConnectionArn")
            .build();
    public static final Setting<String> PIPELINE_ACCOUNT = Setting.builder("pipeline_account", Scope.INFRASTRUCTURE,
                    ValueType.text("|\\d{12}", false, "a 12-digit AWS account id, or absent", "ACCOUNT"))
            .defaultValue("")
            .help("the AWS account of the delivery pipeline itself (the tools account)")
            .deployedAs("pipelineAccount")
            .build();
    public static final Setting<String> PIPELINE_REGION = Setting.builder("pipeline_region", Scope.INFRASTRUCTURE,
                    ValueType.text("|" + REGION, false, REGION_WORDS + ", or absent", "REGION"))
            .defaultValue("")
            .help("the AWS region of the delivery pipeline itself")
            .deployedAs("pipelineRegion")
            .build();

    /** The delivery pipeline's own settings: one value per app, which no stage may set. */
    public static final List<Setting<?>> DELIVERY_PIPELINE = List.of(PIPELINE_REPOSITORY, PIPELINE_BRANCH,
            PIPELINE_CONNECTION_ARN, PIPELINE_ACCOUNT, PIPELINE_REGION);

    /**
     * The {@code cdk.json} key of the delivery pipeline's stages, in order: a list of objects, each
     * with its {@code name} and any deployment key (without the prefix) it sets differently from the
     * top level: {@code [{"name": "dev", "account": "..."}, {"name": "prod", "numberOfWorkers": 5}]}.
     * Read by {@link DeliveryStages}.
     */
    public static final String STAGES_KEY = CONTEXT_PREFIX + "stages";

    /** Every setting, in declaration order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(DECLARED);
    }

    /** The settings of a scope, in declaration order. */
    public static List<Setting<?>> ofScope(Scope scope) {
        return DECLARED.stream().filter(s -> s.scope() == scope).toList();
    }

    /** The settings a job reads, in declaration order. */
    public static List<Setting<?>> readBy(JobKind job) {
        return DECLARED.stream().filter(s -> s.readBy(job)).toList();
    }

    /** The setting with this job-argument name, if any. */
    public static Optional<Setting<?>> named(String name) {
        return DECLARED.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The setting a deployment sets with this context key ({@code bankml:...}), if any. */
    public static Optional<Setting<?>> withContextKey(String key) {
        return DECLARED.stream().filter(s -> s.contextKey().filter(key::equals).isPresent()).findFirst();
    }

    /** Every context key a deployment may set. */
    public static List<String> contextKeys() {
        return DECLARED.stream().flatMap(s -> s.contextKey().stream()).toList();
    }

    /**
     * A value that is valid on its own but not with the others.
     *
     * @param setting the setting whose value is refused
     * @param value   its text
     * @param problem what is wrong, in words
     */
    public record Conflict(Setting<?> setting, String value, String problem) {
        /** As a job argument's error: "argument --x is 'v': problem". */
        public String message() {
            return "argument " + setting.flag() + " is '" + value + "': " + problem;
        }
    }

    /** The values that cannot be together (empty when they are fine): the label cannot also be an excluded feature. */
    public static List<Conflict> conflicts(SettingValues values) {
        List<Conflict> out = new ArrayList<>();
        String label = values.get(LABEL);
        if (values.get(EXCLUDE_FEATURES).contains(label)) {
            out.add(new Conflict(EXCLUDE_FEATURES, EXCLUDE_FEATURES.format(values.get(EXCLUDE_FEATURES)),
                    "feature columns only: '" + label + "' is the label"));
        }
        campaignConflict(values.find(CONTACT_SHARE), values.find(CONTACT_COUNT), values.find(VALUE_PER_YES),
                values.find(COST_PER_CALL)).ifPresent(out::add);
        return out;
    }

    /**
     * The campaign rules given that cannot go together: at most one of a share, a count and an expected
     * value, and a value per yes only with a cost per call (and the other way round).
     */
    public static Optional<Conflict> campaignConflict(Optional<Double> share, Optional<Long> count,
                                                      Optional<Double> valuePerYes, Optional<Double> costPerCall) {
        if (valuePerYes.isPresent() != costPerCall.isPresent()) {
            Setting<Double> given = valuePerYes.isPresent() ? VALUE_PER_YES : COST_PER_CALL;
            Setting<Double> missing = valuePerYes.isPresent() ? COST_PER_CALL : VALUE_PER_YES;
            return Optional.of(new Conflict(given, given.format(valuePerYes.or(() -> costPerCall).get()),
                    "give " + missing.flag() + " with it (the expected value of a call needs both)"));
        }
        int rules = (share.isPresent() ? 1 : 0) + (count.isPresent() ? 1 : 0) + (valuePerYes.isPresent() ? 1 : 0);
        if (rules > 1) {
            Setting<?> second = count.isPresent() && share.isPresent() ? CONTACT_COUNT : VALUE_PER_YES;
            String value = second == CONTACT_COUNT ? CONTACT_COUNT.format(count.get())
                    : VALUE_PER_YES.format(valuePerYes.get());
            return Optional.of(new Conflict(second, value, "give one campaign rule: " + CONTACT_SHARE.flag() + ", "
                    + CONTACT_COUNT.flag() + ", or " + VALUE_PER_YES.flag() + " with " + COST_PER_CALL.flag()));
        }
        return Optional.empty();
    }

    static void register(Setting<?> setting) {
        for (Setting<?> s : DECLARED) {
            if (s.name().equals(setting.name())) {
                throw new IllegalStateException("setting " + setting.flag() + " is declared twice");
            }
        }
        DECLARED.add(setting);
    }
}
