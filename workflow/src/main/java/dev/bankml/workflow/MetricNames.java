package dev.bankml.workflow;

import java.util.List;

import dev.bankml.workflow.settings.JobKind;

/**
 * The CloudWatch metrics the jobs publish, defined once: the jobs publish exactly these names and
 * the CDK app builds its alarms and dashboard from the same constants.
 */
public final class MetricNames {
    private MetricNames() {
    }

    public static final String NAMESPACE = "BankMl/Pipeline";

    // Dimensions of every metric.
    public static final String DIM_ENVIRONMENT = "Environment";
    public static final String DIM_JOB = "Job";
    public static final String DIM_LABEL = "Label";

    // Values of the Job dimension.
    public static final String JOB_CLEANING = JobKind.CLEANING.id();
    public static final String JOB_TRAINING = JobKind.TRAINING.id();
    public static final String JOB_INFERENCE = JobKind.INFERENCE.id();
    public static final String JOB_MONITORING = JobKind.MONITORING.id();

    /** A metric: its name, CloudWatch unit, the job that publishes it, and what it means. */
    public record Metric(String name, String unit, String job, String description) {
    }

    // Cleaning job (data quality).
    public static final Metric ROWS_READ = new Metric("RowsRead", "Count", JOB_CLEANING, "data rows read from the raw input");
    public static final Metric ROWS_WRITTEN = new Metric("RowsWritten", "Count", JOB_CLEANING, "rows published to the cleaned table");
    public static final Metric ROWS_REJECTED = new Metric("RowsRejected", "Count", JOB_CLEANING, "rows sent to the quarantine");
    public static final Metric REJECTED_FRACTION = new Metric("RejectedFraction", "None", JOB_CLEANING,
            "rows rejected / rows read (0..1)");
    public static final Metric DELIVERIES_REFUSED = new Metric("DeliveriesRefused", "Count", JOB_CLEANING,
            "deliveries the cleaning refused and set aside this run (the others were cleaned and published)");

    // Training job (model quality).
    public static final Metric CHAMPION_AUC_ROC = new Metric("ChampionAucRoc", "None", JOB_TRAINING,
            "test AUC-ROC of this run's champion");
    public static final Metric CHAMPION_AUC_PR = new Metric("ChampionAucPr", "None", JOB_TRAINING,
            "test AUC-PR of this run's champion");
    public static final Metric CHAMPION_MARGIN = new Metric("ChampionMarginOverPrevious", "None", JOB_TRAINING,
            "selection metric of the new champion minus the previous champion's (0 on a first run)");
    public static final Metric MODEL_PROMOTED = new Metric("ModelPromoted", "Count", JOB_TRAINING,
            "1 when the new champion replaced the previous one, 0 when the quality gate kept the old one");
    public static final Metric TRAINING_ROWS = new Metric("TrainingRows", "Count", JOB_TRAINING, "rows in the training split");
    public static final Metric TRAINING_SECONDS = new Metric("TrainingSeconds", "Seconds", JOB_TRAINING,
            "wall time to tune, fit and evaluate all models");

    // Inference job.
    public static final Metric ROWS_SCORED = new Metric("RowsScored", "Count", JOB_INFERENCE, "rows given a prediction");
    public static final Metric POSITIVE_SHARE = new Metric("PositiveShare", "None", JOB_INFERENCE,
            "share of scored rows predicted yes (0..1)");
    public static final Metric SCORING_REJECTED = new Metric("ScoringRowsRejected", "Count", JOB_INFERENCE,
            "rows that could not be scored (quarantined)");

    public static final Metric TRAINED = new Metric("Trained", "Count", JOB_TRAINING,
            "1 when the cycle trained, 0 when the retraining policy skipped training");

    // Monitoring job (the champion on new outcomes, drift of every new delivery).
    public static final Metric OUT_OF_TIME_AUC_ROC = new Metric("OutOfTimeAucRoc", "None", JOB_MONITORING,
            "the champion's AUC-ROC on a new outcomes delivery it had not seen (one point per delivery)");
    public static final Metric OUT_OF_TIME_AUC_DROP = new Metric("OutOfTimeAucDrop", "None", JOB_MONITORING,
            "the champion's test AUC-ROC minus its AUC-ROC on new outcomes (largest of the cycle's deliveries)");
    public static final Metric MAX_PSI = new Metric("MaxPsi", "None", JOB_MONITORING,
            "largest population stability index of a feature or the score on a new delivery");
    public static final Metric UNSEEN_VALUES = new Metric("UnseenValues", "Count", JOB_MONITORING,
            "category values of new deliveries the champion never saw in training");

    /** Published by every job when it finishes successfully (value 1). */
    public static final String RUN_SUCCEEDED = "RunSucceeded";
    /**
     * Published by every job when it finishes: what the run is billed for, workers x DPUs per worker x
     * seconds, with Glue's one-minute minimum (its {@code --worker_count} and {@code --dpu_per_worker}).
     * Summed over a cycle's four jobs it is the cycle's cost in DPU-seconds.
     */
    public static final String DPU_SECONDS = "DpuSeconds";

    public static final List<Metric> ALL = List.of(ROWS_READ, ROWS_WRITTEN, ROWS_REJECTED, REJECTED_FRACTION,
            DELIVERIES_REFUSED, CHAMPION_AUC_ROC, CHAMPION_AUC_PR, CHAMPION_MARGIN, MODEL_PROMOTED, TRAINING_ROWS, TRAINING_SECONDS,
            ROWS_SCORED, POSITIVE_SHARE, SCORING_REJECTED, TRAINED, OUT_OF_TIME_AUC_ROC, OUT_OF_TIME_AUC_DROP, MAX_PSI,
            UNSEEN_VALUES);
}
