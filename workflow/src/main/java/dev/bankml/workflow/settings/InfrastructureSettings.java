package dev.bankml.workflow.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * What the CDK app alone reads: worker sizes, alarms, who is notified, how a cycle starts, where
 * a deployment goes. Scope {@link Setting.Scope#INFRASTRUCTURE}.
 */
public final class InfrastructureSettings {
    private InfrastructureSettings() {
    }

    private static final String REGION = "[a-z]{2}(-[a-z]+)+-\\d{1,2}";
    private static final String REGION_WORDS = "an AWS region such as eu-west-1";

    /**
     * Glue's worker types and the DPUs each is billed as (an R worker's DPUs are memory-optimized ones):
     * a run's DPU-seconds are workers x DPUs x seconds.
     */
    public static final Map<String, Integer> DPU_PER_WORKER = dpuPerWorker();
    /** The worker types Glue's Flex execution class runs on. */
    public static final List<String> FLEX_WORKER_TYPES = List.of("G.1X", "G.2X");
    /** Glue's execution classes: dedicated capacity, or spare capacity at a lower price that may start late. */
    public static final String STANDARD = "STANDARD";
    public static final String FLEX = "FLEX";

    public static final Setting<String> WORKER_TYPE = Setting.builder("worker_type", Scope.INFRASTRUCTURE,
                    ValueType.choice(List.copyOf(DPU_PER_WORKER.keySet())))
            .byDefault("G.1X")
            .help("Glue worker type of every job")
            .deployedAs("workerType")
            .build();
    // Glue needs at least 2 workers; the cap only guards against a typo that would cost a fortune.
    public static final Setting<Long> NUMBER_OF_WORKERS = Setting.builder("number_of_workers", Scope.INFRASTRUCTURE,
                    ValueType.integer(2, 100, null))
            .byDefault(2L)
            .help("Glue workers per job")
            .deployedAs("numberOfWorkers")
            .build();
    public static final Setting<Long> JOB_TIMEOUT_MINUTES = Setting.builder("job_timeout_minutes",
                    Scope.INFRASTRUCTURE, ValueType.integer(5, 2880, null))
            .byDefault(120L)
            .help("a job run is stopped (TIMEOUT) after this long")
            .deployedAs("jobTimeoutMinutes")
            .build();
    public static final Setting<String> NOTIFICATION_EMAIL = Setting.builder("notification_email",
                    Scope.INFRASTRUCTURE, ValueType.text("|[^@\\s]+@[^@\\s]+\\.[^@\\s]+", false,
                            "an e-mail address such as oncall@example.com, or absent", "ADDRESS"))
            .byDefault("")
            .help("address subscribed to the alerts topic")
            .deployedAs("notificationEmail")
            .build();
    public static final Setting<Double> AUC_FLOOR = Setting.builder("auc_floor", Scope.INFRASTRUCTURE,
                    ValueType.decimal(0, false, 1))
            .byDefault(0.7)
            .help("the champion AUC-ROC alarm fires below this (a pre-call model on the sample reaches about 0.79; "
                    + "one that reads the call's duration, never a lead scorer, about 0.94)")
            .deployedAs("aucFloor")
            .build();
    public static final Setting<Double> REJECTED_FRACTION_CEILING = Setting.builder("rejected_fraction_ceiling",
                    Scope.INFRASTRUCTURE, ValueType.decimal(0, true, 1))
            .byDefault(Default.derived("the max_rejected_fraction"))
            .help("the rejected-fraction alarm fires above this")
            .deployedAs("rejectedFractionCeiling")
            .build();
    // One-hour periods: CloudWatch allows at most 7 days of evaluation range. Off by default: a cycle
    // runs when a delivery arrives, about once a month, so silence is the normal state (docs/DEPLOY.md).
    public static final Setting<Long> STALE_RUN_HOURS = Setting.builder("stale_run_hours", Scope.INFRASTRUCTURE,
                    ValueType.integer(0, 168, "CloudWatch evaluates at most 7 days"))
            .byDefault(0L)
            .help("the no-successful-run alarm fires after this many hours without one (0: no such alarm, "
                    + "for deliveries less often than weekly)")
            .deployedAs("staleRunHours")
            .build();
    /** How a cycle starts on AWS: when deliveries land (EventBridge → EVENT trigger), or only by hand. */
    public static final Setting<String> CYCLE_START = Setting.builder("cycle_start", Scope.INFRASTRUCTURE,
                    ValueType.choice(List.of("deliveries", "manual")))
            .byDefault("deliveries")
            .help("deliveries: a cycle starts when files land in raw/outcomes/ or raw/leads/ (and can still be "
                    + "started by hand); manual: only start-workflow-run or the console start one")
            .deployedAs("cycleStart")
            .build();
    public static final Setting<Long> EVENT_BATCH_SIZE = Setting.builder("event_batch_size", Scope.INFRASTRUCTURE,
                    ValueType.integer(1, 100, "Glue's EventBatchingCondition"))
            .byDefault(10L)
            .help("a cycle starts when this many files have landed in raw/ ...")
            .deployedAs("eventBatchSize")
            .build();
    public static final Setting<Long> EVENT_BATCH_WINDOW_SECONDS = Setting.builder("event_batch_window_seconds",
                    Scope.INFRASTRUCTURE, ValueType.integer(1, 900, "Glue's EventBatchingCondition"))
            .byDefault(300L)
            .help("... or this many seconds after the first one landed")
            .deployedAs("eventBatchWindowSeconds")
            .build();
    // The two steps nothing waits on within the hour (the contact list waits on training, but a month is long):
    // Flex is about a third cheaper per DPU-hour, may start minutes late and may lose reclaimed workers.
    private static final ValueType<String> EXECUTION_CLASSES = ValueType.choice(List.of(STANDARD, FLEX));
    public static final Setting<String> EVALUATE_EXECUTION_CLASS = Setting.builder("evaluate_execution_class",
                    Scope.INFRASTRUCTURE, EXECUTION_CLASSES)
            .byDefault(STANDARD)
            .help("Glue execution class of the evaluate job: STANDARD or FLEX (as for the training job)")
            .deployedAs("evaluateExecutionClass")
            .build();
    public static final Setting<String> TRAIN_EXECUTION_CLASS = Setting.builder("train_execution_class",
                    Scope.INFRASTRUCTURE, EXECUTION_CLASSES)
            .byDefault(STANDARD)
            .help("Glue execution class of the training job: STANDARD, or FLEX: about a third cheaper per DPU-hour, "
                    + "may start late and lose workers while it runs; G.1X or G.2X workers only")
            .deployedAs("trainExecutionClass")
            .build();
    // EventBridge does not promise to deliver every S3 event, nor Glue to act on every notification: a scheduled
    // notification makes sure a delivery whose event was lost is picked up within this many days.
    private static final ValueType<Long> DAYS_IN_A_MONTH = ValueType.integer(0, 31, "a month at most");
    public static final Setting<Long> CATCH_UP_DAYS = Setting.builder("catch_up_days", Scope.INFRASTRUCTURE, DAYS_IN_A_MONTH)
            .byDefault(7L)
            .help("days between scheduled cycle starts that pick up a delivery whose event was lost (0: none)")
            .deployedAs("catchUpDays")
            .build();
    // Where a deployment goes. Empty: wherever the credentials of `cdk deploy` point (the stack is then
    // environment-agnostic). A delivery pipeline's stages need them, or the pipeline cannot be synthesized offline.
    public static final Setting<String> DEPLOY_ACCOUNT = Setting.builder("deploy_account", Scope.INFRASTRUCTURE,
                    ValueType.text("|\\d{12}", false, "a 12-digit AWS account id, or absent", "ACCOUNT"))
            .byDefault("")
            .help("the AWS account the pipeline is deployed to")
            .deployedAs("account")
            .build();
    public static final Setting<String> DEPLOY_REGION = Setting.builder("deploy_region", Scope.INFRASTRUCTURE,
                    ValueType.text("|" + REGION, false, REGION_WORDS + ", or absent", "REGION"))
            .byDefault("")
            .help("the AWS region the pipeline is deployed to")
            .deployedAs("region")
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(WORKER_TYPE, NUMBER_OF_WORKERS, JOB_TIMEOUT_MINUTES, NOTIFICATION_EMAIL, AUC_FLOOR,
            REJECTED_FRACTION_CEILING, STALE_RUN_HOURS, CYCLE_START, EVENT_BATCH_SIZE, EVENT_BATCH_WINDOW_SECONDS,
            EVALUATE_EXECUTION_CLASS, TRAIN_EXECUTION_CLASS, CATCH_UP_DAYS, DEPLOY_ACCOUNT, DEPLOY_REGION);

    /** The execution class setting of each job that may run on Flex. */
    public static final Map<JobKind, Setting<String>> EXECUTION_CLASS = Map.of(JobKind.MONITORING, EVALUATE_EXECUTION_CLASS,
            JobKind.TRAINING, TRAIN_EXECUTION_CLASS);

    private static Map<String, Integer> dpuPerWorker() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int dpu : new int[] {1, 2, 4, 8, 12, 16}) {
            m.put("G." + dpu + "X", dpu);
        }
        for (int dpu : new int[] {1, 2, 4, 8}) {
            m.put("R." + dpu + "X", dpu);
        }
        return Collections.unmodifiableMap(m);
    }
}
