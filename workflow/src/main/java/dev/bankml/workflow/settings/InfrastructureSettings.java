package dev.bankml.workflow.settings;

import java.util.List;

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

    public static final Setting<String> WORKER_TYPE = Setting.builder("worker_type", Scope.INFRASTRUCTURE,
                    ValueType.choice(List.of("G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X", "R.1X", "R.2X",
                            "R.4X", "R.8X")))
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
            .byDefault(0.85)
            .help("the champion AUC-ROC alarm fires below this")
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
            DEPLOY_ACCOUNT, DEPLOY_REGION);
}
