package dev.bankml.workflow.catalog;

import static dev.bankml.workflow.catalog.GlueTypes.BIGINT;
import static dev.bankml.workflow.catalog.GlueTypes.BOOLEAN;
import static dev.bankml.workflow.catalog.GlueTypes.DOUBLE;
import static dev.bankml.workflow.catalog.GlueTypes.INT;
import static dev.bankml.workflow.catalog.GlueTypes.STRING;
import static dev.bankml.workflow.catalog.GlueTypes.arrayOf;
import static dev.bankml.workflow.catalog.GlueTypes.mapOf;
import static dev.bankml.workflow.catalog.GlueTypes.structOf;

import java.util.List;

import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.quality.BankColumns;
import dev.bankml.workflow.settings.RunSettings;

/**
 * The tables an analyst queries (Athena, or the local catalog): the scored leads, the monitoring
 * history, the metrics history and the model versions, with the columns the jobs write today, in file order (the
 * training job's {@code PredictionColumns}, {@code TrainingColumns}, {@code MonitoringRecord} and
 * {@code ModelMetrics} spell the same names; jobs-training's tests check the schemas the jobs write
 * against these: {@code OutputTableContract} in {@code InferenceJobTest}, {@code TrainingJobTest} and
 * {@code MonitoringHistoryTableTest}). Partition keys are the folders the jobs write
 * ({@code label=<l>/batch_id=<b>/} and so on). A new column is one {@code .column(...)} line here.
 */
public final class OutputTables {
    private OutputTables() {
    }

    /** Partition column of every output table: which label the rows are about. */
    public static final String LABEL = "label";
    /** Partition column of the monitoring history: the cycle (workflow run) a record belongs to. */
    public static final String CYCLE_ID = "cycle_id";
    /**
     * The run that wrote a row (a column of the monitoring history, the partition of the metrics
     * history): the value of the run's {@code --run_id}, under the same name.
     */
    public static final String RUN_ID = RunSettings.RUN_ID.name();

    /** One of the three features that moved a row's score most: what, its value, by how much (log-odds). */
    public static final String REASON = structOf(new CatalogColumn("feature", STRING), new CatalogColumn("value", STRING),
            new CatalogColumn("contribution", DOUBLE));
    /** One decile of the gains table of a model's test rows. */
    public static final String LIFT_DECILE = structOf(new CatalogColumn("decile", INT), new CatalogColumn("rows", BIGINT),
            new CatalogColumn("positives", BIGINT), new CatalogColumn("captured", DOUBLE),
            new CatalogColumn("cumulative_lift", DOUBLE));

    /**
     * The challenger beside the champion on one delivery: which version, and (outcomes) its out-of-time
     * figures and the yes answers in its top {@code contact_share} of the rows.
     */
    public static final String CHALLENGER = structOf(new CatalogColumn(RUN_ID, STRING), new CatalogColumn("model", STRING),
            new CatalogColumn("auc_roc", DOUBLE), new CatalogColumn("auc_pr", DOUBLE), new CatalogColumn("brier", DOUBLE),
            new CatalogColumn("captured_yes", BIGINT));

    /** Each lead delivery scored once by the champion, ranked, with the campaign's contact flag and the reasons. */
    public static final CatalogTable SCORED_LEADS = CatalogTable.named(WorkflowDefinition.SCORED_LEADS_TABLE,
                    "Every lead delivery scored once: rank, contact flag, calibrated P(yes), top reasons, the model")
            .column(BankColumns.RECORD_ID, STRING)
            .column("probability_yes", DOUBLE)
            .column("score", DOUBLE)
            .column("predicted", BOOLEAN)
            .column("rank", BIGINT)
            .column("contact", BOOLEAN)
            .column("top_reasons", arrayOf(REASON))
            .column("reasons_method", STRING)
            .column("actual", BOOLEAN)
            .column("model", STRING)
            .column("model_run_id", STRING)
            .column("scoring_run_id", STRING)
            .partitionedBy(LABEL, BankColumns.BATCH_ID)
            .at(StorageLayout::scoredPredictions);

    /**
     * Every record of every cycle: deliveries measured, training decisions, scorings, cycle summaries; for an
     * outcome delivery measured while a candidate waits, the challenger's figures beside the champion's.
     */
    public static final CatalogTable MONITORING_HISTORY = CatalogTable.named(WorkflowDefinition.MONITORING_HISTORY_TABLE,
                    "The monitoring history: a row per delivery measured, training decision, lead delivery scored and cycle")
            .column("record", STRING)
            .column(RUN_ID, STRING)
            .column("at", STRING)
            .column("kind", STRING)
            .column(BankColumns.BATCH_ID, STRING)
            .column(BankColumns.SOURCE_FILE, STRING)
            .column("version", STRING)
            .column("champion_run_id", STRING)
            .column("champion_model", STRING)
            .column("rows", BIGINT)
            .column("base_rate", DOUBLE)
            .column("auc_roc", DOUBLE)
            .column("auc_pr", DOUBLE)
            .column("precision", DOUBLE)
            .column("recall", DOUBLE)
            .column("brier", DOUBLE)
            .column("threshold", DOUBLE)
            .column("champion_test_auc_roc", DOUBLE)
            .column("auc_drop", DOUBLE)
            .column("auc_alarm", BOOLEAN)
            .column("psi", mapOf(STRING, DOUBLE))
            .column("max_psi", DOUBLE)
            .column("max_psi_of", STRING)
            .column("score_psi", DOUBLE)
            .column("psi_alarm", BOOLEAN)
            .column("unseen", mapOf(STRING, mapOf(STRING, BIGINT)))
            .column("decision", STRING)
            .column("reason", STRING)
            .column("new_labelled_rows", BIGINT)
            .column("trained_on_rows", BIGINT)
            .column("trained_on", arrayOf(STRING))
            .column("promoted", BOOLEAN)
            .column("rows_scored", BIGINT)
            .column("rows_not_scorable", BIGINT)
            .column("predicted_yes", BIGINT)
            .column("deliveries_new", BIGINT)
            .column("deliveries_changed", BIGINT)
            .column("deliveries_unchanged", BIGINT)
            .column("contact_share", DOUBLE)
            .column("captured_yes", BIGINT)
            .column("challenger", CHALLENGER)
            .column("dpu_seconds", DOUBLE)
            .partitionedBy(LABEL, CYCLE_ID)
            .at(StorageLayout::monitoringHistory);

    /** Every model of every training run: test metrics, calibration, gains, tuning. */
    public static final CatalogTable METRICS_HISTORY = CatalogTable.named(WorkflowDefinition.METRICS_HISTORY_TABLE,
                    "The metrics history: a row per model per training run (the champion marked)")
            .column("model", STRING)
            .column("is_champion", BOOLEAN)
            .column("promoted", BOOLEAN)
            .column("auc_roc", DOUBLE)
            .column("auc_pr", DOUBLE)
            .column("accuracy", DOUBLE)
            .column("precision", DOUBLE)
            .column("recall", DOUBLE)
            .column("f1", DOUBLE)
            .column("tp", BIGINT)
            .column("fp", BIGINT)
            .column("tn", BIGINT)
            .column("fn", BIGINT)
            .column("threshold", DOUBLE)
            .column("score_type", STRING)
            .column("base_rate", DOUBLE)
            .column("alift", DOUBLE)
            .column("auc_roc_se", DOUBLE)
            .column("calibration", STRING)
            .column("brier_raw", DOUBLE)
            .column("ece_raw", DOUBLE)
            .column("brier", DOUBLE)
            .column("ece", DOUBLE)
            .column("reasons_method", STRING)
            .column("lift", arrayOf(LIFT_DECILE))
            .column("validation_auc_pr", DOUBLE)
            .column("validation_auc_roc", DOUBLE)
            .column("train_rows", BIGINT)
            .column("test_rows", BIGINT)
            .column("train_seconds", DOUBLE)
            .column("tuning", STRING)
            .column("validation_scheme", STRING)
            .column("seed", BIGINT)
            .column("hyper_parameters", mapOf(STRING, STRING))
            .column("features", arrayOf(STRING))
            .column("excluded_features", arrayOf(STRING))
            .column("feature_set", STRING)
            .column("created_at", STRING)
            .partitionedBy(LABEL, RUN_ID)
            .at(StorageLayout::metricsHistory);

    /** A delivery a model version learnt from: its partition, file, ledger version and rows read. */
    public static final String VERSION_DELIVERY = structOf(new CatalogColumn(BankColumns.BATCH_ID, STRING),
            new CatalogColumn(BankColumns.SOURCE_FILE, STRING), new CatalogColumn("version", STRING),
            new CatalogColumn("rows", BIGINT));
    /** One decision about a model version: when, the status it gave, who, why. */
    public static final String VERSION_EVENT = structOf(new CatalogColumn("at", STRING),
            new CatalogColumn("status", STRING), new CatalogColumn("who", STRING), new CatalogColumn("reason", STRING));

    /**
     * Every model version of every label: what it reads, what it learnt from, its test figures, the quality
     * gate's decision and every status it has had (candidate, approved, rejected, retired) with who and why;
     * its current status is its last event's. Written by the training and approval jobs, one JSON line per
     * version ({@code jobs-training}'s {@code ModelVersion} spells the same names; {@code ApprovalTest}
     * reads the folder through this declaration). The scored leads' {@code model_run_id} is its
     * {@code run_id}.
     */
    public static final CatalogTable MODEL_VERSIONS = CatalogTable.named(WorkflowDefinition.MODEL_VERSIONS_TABLE,
                    "Every model version: its data, test figures, gate decision and approvals (who, when, why)")
            .column(RUN_ID, STRING)
            .column(LABEL, STRING)
            .column("model", STRING)
            .column("inputs", structOf(new CatalogColumn("features", arrayOf(STRING)),
                    new CatalogColumn("after_call", arrayOf(STRING))))
            .column("training", structOf(new CatalogColumn("at", STRING), new CatalogColumn("source", STRING),
                    new CatalogColumn("deliveries", arrayOf(VERSION_DELIVERY)), new CatalogColumn("rows", BIGINT)))
            .column("test", structOf(new CatalogColumn("auc_roc", DOUBLE), new CatalogColumn("auc_pr", DOUBLE),
                    new CatalogColumn("brier", DOUBLE), new CatalogColumn("threshold", DOUBLE),
                    new CatalogColumn("rows", BIGINT)))
            .column("gate", structOf(new CatalogColumn("passed", BOOLEAN), new CatalogColumn("reason", STRING)))
            .column("events", arrayOf(VERSION_EVENT))
            .storedAs(CatalogTable.Format.JSON_LINES)
            .at(StorageLayout::modelVersions);

    /** The four, in the order of a cycle's steps that write them (score, score, train, train). */
    public static final List<CatalogTable> ALL = List.of(SCORED_LEADS, MONITORING_HISTORY, METRICS_HISTORY,
            MODEL_VERSIONS);
}
