package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.APPROVAL;
import static dev.bankml.workflow.settings.JobKind.CLEANING;
import static dev.bankml.workflow.settings.JobKind.INFERENCE;
import static dev.bankml.workflow.settings.JobKind.MONITORING;
import static dev.bankml.workflow.settings.JobKind.TRAINING;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * Where each job reads and writes: set per step by the workflow from the storage layout and the
 * catalog; a person gives them only when running one job by hand. Scope {@link Setting.Scope#WIRING}.
 */
public final class WiringSettings {
    private WiringSettings() {
    }

    private static final String REGION = "[a-z]{2}(-[a-z]+)+-\\d{1,2}";
    private static final String REGION_WORDS = "an AWS region such as eu-west-1";

    public static final Setting<String> SOURCE_PATH = Setting.builder("source_path", Scope.WIRING, ValueType.path())
            .help("where the job reads its input")
            .requiredBy(CLEANING, "a CSV file or a folder of CSV files (local, s3:// or s3a://)")
            .readBy(TRAINING, "cleaned Parquet root (local, s3:// or s3a://); or --source_table")
            .readBy(INFERENCE, "cleaned Parquet (the cleaning job's output; the label may be absent); or --source_table")
            .build();
    public static final Setting<String> SOURCE_TABLE = Setting.builder("source_table", Scope.WIRING, table())
            .help("the cleaned table in the Glue Data Catalog / local catalog; or --source_path")
            .readBy(TRAINING, INFERENCE)
            .build();
    public static final Setting<String> TARGET_PATH = Setting.builder("target_path", Scope.WIRING, ValueType.path())
            .help("root of the cleaned Parquet table")
            .requiredBy(CLEANING, null)
            .build();
    public static final Setting<String> SHADOW_PATH = Setting.builder("shadow_path", Scope.WIRING, ValueType.path())
            .help("where the challenger's scores of the same lead deliveries go, partitioned like the predictions: "
                    + "the evidence for its approval, never the contact list (without it, no shadow scoring)")
            .readBy(INFERENCE)
            .build();
    public static final Setting<String> REJECTED_PATH = Setting.builder("rejected_path", Scope.WIRING, ValueType.path())
            .help("where rows that cannot be used go, with their reasons")
            .requiredBy(CLEANING, "root of the quarantine (rejected rows with reasons)")
            .readBy(INFERENCE, "rows that cannot be scored (default <output_path>/_rejected/)")
            .build();
    public static final Setting<String> REPORT_PATH = Setting.builder("report_path", Scope.WIRING, ValueType.path())
            .help("folder of the run reports")
            .byDefault(Default.derived("<target_path>/_reports/"))
            .readBy(CLEANING)
            .build();
    public static final Setting<String> MODEL_PATH = Setting.builder("model_path", Scope.WIRING, ValueType.path())
            .help("the model store root (a champion pointer per label)")
            .requiredBy(TRAINING, null)
            .requiredBy(INFERENCE, "the training job's model store root")
            .requiredBy(MONITORING, "the training job's model store root (the champion)")
            .requiredBy(APPROVAL, "the training job's model store root (the champion pointer and the model versions)")
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
            .byDefault(true)
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
            .requiredBy(APPROVAL, "the delivery ledger: its lock keeps a decision and a running cycle apart")
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
            .byDefault(Default.derived("the SDK's lookup: aws.region, AWS_REGION, AWS_DEFAULT_REGION, profile, instance metadata"))
            .help("the AWS region the job runs in, where its CloudWatch metrics go (the stack sets it)")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING)
            .build();

    // What a run costs: Glue bills workers x DPUs per worker x seconds (one minute at least). Glue tells a job
    // neither, so the workflow passes the deployment's.
    public static final Setting<Long> DPU_PER_WORKER = Setting.builder("dpu_per_worker", Scope.WIRING,
                    ValueType.integer(1, 16, "Glue's worker types"))
            .help("DPUs of one Glue worker of this job (its worker type), for the run's DPU-seconds")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING, APPROVAL)
            .build();
    public static final Setting<Long> WORKER_COUNT = Setting.builder("worker_count", Scope.WIRING,
                    ValueType.integer(1, 100, "Glue's workers per job"))
            .help("Glue workers of this job, for the run's DPU-seconds")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING, APPROVAL)
            .build();
    // The analysts' tables (catalog/OutputTables): a job registers the partitions it writes in its table.
    public static final Setting<String> SCORED_TABLE = Setting.builder("scored_table", Scope.WIRING, table())
            .help("the catalog table of the scored leads: the run registers the partitions it writes there")
            .readBy(INFERENCE)
            .build();
    public static final Setting<String> MONITORING_TABLE = Setting.builder("monitoring_table", Scope.WIRING, table())
            .help("the catalog table of the monitoring history: the run registers the partitions it writes there")
            .readBy(INFERENCE)
            .build();
    public static final Setting<String> METRICS_TABLE = Setting.builder("metrics_table", Scope.WIRING, table())
            .help("the catalog table of the metrics history: the run registers the partitions it writes there")
            .readBy(TRAINING)
            .build();

    /** The tables whose partitions the jobs register (in the catalog the jobs otherwise only read). */
    public static final List<Setting<String>> OUTPUT_TABLES = List.of(SCORED_TABLE, MONITORING_TABLE, METRICS_TABLE);

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(SOURCE_PATH, SOURCE_TABLE, TARGET_PATH, SHADOW_PATH, REJECTED_PATH,
            REPORT_PATH, MODEL_PATH, METRICS_PATH, PREDICTIONS_PATH, OUTPUT_PATH, CLEANING_REPORT,
            REQUIRE_LABEL, LEADS_SOURCE_PATH, LEADS_TARGET_PATH, LEDGER_PATH, MONITORING_PATH,
            OUTCOMES_PATH, LEADS_PATH, AWS_REGION, DPU_PER_WORKER, WORKER_COUNT, SCORED_TABLE, MONITORING_TABLE,
            METRICS_TABLE);

    private static ValueType<String> table() {
        return ValueType.text("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*", false, "database.table", "DB.TABLE");
    }
}
