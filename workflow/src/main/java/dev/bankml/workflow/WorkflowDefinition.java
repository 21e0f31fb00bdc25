package dev.bankml.workflow;

import static dev.bankml.workflow.settings.WiringSettings.CLEANING_REPORT;
import static dev.bankml.workflow.settings.WiringSettings.DPU_PER_WORKER;
import static dev.bankml.workflow.settings.WiringSettings.LEADS_PATH;
import static dev.bankml.workflow.settings.WiringSettings.LEADS_SOURCE_PATH;
import static dev.bankml.workflow.settings.WiringSettings.LEADS_TARGET_PATH;
import static dev.bankml.workflow.settings.WiringSettings.LEDGER_PATH;
import static dev.bankml.workflow.settings.WiringSettings.METRICS_PATH;
import static dev.bankml.workflow.settings.WiringSettings.METRICS_TABLE;
import static dev.bankml.workflow.settings.WiringSettings.MODEL_PATH;
import static dev.bankml.workflow.settings.WiringSettings.MONITORING_PATH;
import static dev.bankml.workflow.settings.WiringSettings.MONITORING_TABLE;
import static dev.bankml.workflow.settings.WiringSettings.OUTCOMES_PATH;
import static dev.bankml.workflow.settings.WiringSettings.OUTPUT_PATH;
import static dev.bankml.workflow.settings.WiringSettings.PREDICTIONS_PATH;
import static dev.bankml.workflow.settings.WiringSettings.REJECTED_PATH;
import static dev.bankml.workflow.settings.WiringSettings.REPORT_PATH;
import static dev.bankml.workflow.settings.WiringSettings.SCORED_TABLE;
import static dev.bankml.workflow.settings.WiringSettings.SHADOW_PATH;
import static dev.bankml.workflow.settings.WiringSettings.SOURCE_PATH;
import static dev.bankml.workflow.settings.WiringSettings.SOURCE_TABLE;
import static dev.bankml.workflow.settings.WiringSettings.TARGET_PATH;
import static dev.bankml.workflow.settings.WiringSettings.WORKER_COUNT;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import dev.bankml.workflow.quality.CleanedTableChecks;
import dev.bankml.workflow.quality.QualityCheck;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The pipeline graph, defined once: crawl raw, clean, crawl cleaned, evaluate, train, score. The CDK app turns
 * it into crawlers, jobs and triggers; the local runner plays it step by step. Both read the
 * arguments each job gets from here: the step's wiring (paths and tables, from the storage layout)
 * plus every deployment setting the job reads ({@link SettingValues#jobArguments}), so the two can
 * never drift apart.
 */
public final class WorkflowDefinition {

    public static final String CRAWL_RAW = "crawl-raw";
    public static final String CLEAN = "clean";
    public static final String CRAWL_CLEANED = "crawl-cleaned";
    public static final String EVALUATE = "evaluate";
    public static final String TRAIN = "train";
    public static final String SCORE = "score";
    /** Not a step of the cycle: the job a person starts to approve or reject a model version. */
    public static final String APPROVE = "approve";

    public static final String RAW_TABLE_PREFIX = "raw_";
    public static final String CLEANED_TABLE_PREFIX = "cleaned_";
    /** The tables an analyst queries (their columns: catalog/OutputTables). */
    public static final String SCORED_LEADS_TABLE = "scored_leads";
    public static final String MONITORING_HISTORY_TABLE = "monitoring_history";
    public static final String METRICS_HISTORY_TABLE = "metrics_history";
    public static final String MODEL_VERSIONS_TABLE = "model_versions";
    /**
     * What the cleaned crawler skips, relative to each table's folder: every file or folder whose name
     * starts with '_' (staging, Hadoop's _temporary, _SUCCESS), and everything below such a folder. Glue's
     * '*' stays within one folder and '**' crosses folders, so a folder needs its own pattern.
     */
    public static final List<String> CLEANED_CRAWL_EXCLUSIONS = List.of("_*", "_*/**", "**/_*", "**/_*/**");

    private final StorageLayout layout;
    private final SettingValues settings;
    private final List<Step> steps;

    private WorkflowDefinition(StorageLayout layout, SettingValues settings) {
        this.layout = layout;
        this.settings = settings;
        this.steps = List.copyOf(buildSteps());
    }

    /** The workflow for one deployment's storage and settings. */
    public static WorkflowDefinition of(StorageLayout layout, SettingValues settings) {
        return new WorkflowDefinition(layout, settings);
    }

    public StorageLayout layout() {
        return layout;
    }

    public SettingValues settings() {
        return settings;
    }

    public String databaseName() {
        return settings.get(DeploymentSettings.DATABASE_NAME);
    }

    /** The steps in execution order; each step's {@code after} names the one before it. */
    public List<Step> steps() {
        return steps;
    }

    public Step step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no workflow step '" + id + "'"));
    }

    /** The fully qualified catalog name of a cleaned table (the training job reads the outcomes'). */
    public String cleanedTable(DeliveryKind kind) {
        return databaseName() + "." + CLEANED_TABLE_PREFIX + kind.id();
    }

    /**
     * The data-quality checks the deployed cleaning step runs on the cleaned table: the definitions
     * its Glue Data Quality ruleset is generated from. The step requires the label (it does not set
     * {@code require_label}, so the job's default applies).
     */
    public List<QualityCheck> cleanedTableChecks() {
        Map<String, String> args = step(CLEAN).job().orElseThrow().arguments();
        boolean labelRequired = args.containsKey(WiringSettings.REQUIRE_LABEL.name())
                ? WiringSettings.REQUIRE_LABEL.parse(args.get(WiringSettings.REQUIRE_LABEL.name()))
                : WiringSettings.REQUIRE_LABEL.defaultValue().orElseThrow();
        return CleanedTableChecks.of(settings.get(DeploymentSettings.LABEL), labelRequired);
    }

    /** The fully qualified catalog name of a table of the pipeline's database. */
    public String table(String name) {
        return databaseName() + "." + name;
    }

    public String rawTable(DeliveryKind kind) {
        return databaseName() + "." + RAW_TABLE_PREFIX + kind.id();
    }

    /**
     * One cycle, the same on AWS (one workflow run) and on a laptop: crawl the deliveries, clean the new
     * ones, crawl the cleaned tables, evaluate the champion on the new outcomes (and the drift of every
     * new delivery), train if it is due, score the new leads.
     */
    private List<Step> buildSteps() {
        List<Step> out = new ArrayList<>();
        List<DeliveryKind> kinds = List.of(DeliveryKind.values());
        out.add(Step.crawler(CRAWL_RAW, "Crawl the raw delivery folders and register their tables", null,
                new Step.Crawler(kinds.stream().map(layout::deliveries).toList(), RAW_TABLE_PREFIX,
                        kinds.stream().map(k -> RAW_TABLE_PREFIX + k.id()).toList(), List.of()),
                String.join(",", kinds.stream().map(this::rawTable).toList())));

        out.add(Step.job(CLEAN, "Validate and type the new deliveries into partitioned Parquet; quarantine bad rows",
                CRAWL_RAW, layout.rawRoot() + "/", layout.cleaned(DeliveryKind.OUTCOMES), job(JobKind.CLEANING, wiring(
                        SOURCE_PATH, layout.deliveries(DeliveryKind.OUTCOMES),
                        TARGET_PATH, layout.cleaned(DeliveryKind.OUTCOMES),
                        LEADS_SOURCE_PATH, layout.deliveries(DeliveryKind.LEADS),
                        LEADS_TARGET_PATH, layout.cleaned(DeliveryKind.LEADS),
                        REJECTED_PATH, layout.quarantine(),
                        REPORT_PATH, layout.cleaningReports(),
                        LEDGER_PATH, layout.ledger()))));

        out.add(Step.crawler(CRAWL_CLEANED, "Crawl the cleaned tables and their partitions", CLEAN,
                new Step.Crawler(kinds.stream().map(layout::cleaned).toList(), CLEANED_TABLE_PREFIX,
                        kinds.stream().map(k -> CLEANED_TABLE_PREFIX + k.id()).toList(), CLEANED_CRAWL_EXCLUSIONS),
                String.join(",", kinds.stream().map(this::cleanedTable).toList())));

        out.add(Step.job(EVALUATE, "Score the new outcomes with the champion (out-of-time test) and measure their drift",
                CRAWL_CLEANED, layout.cleaned(DeliveryKind.OUTCOMES),
                layout.monitoring(), job(JobKind.MONITORING, wiring(
                        OUTCOMES_PATH, layout.cleaned(DeliveryKind.OUTCOMES),
                        LEDGER_PATH, layout.ledger(),
                        MODEL_PATH, layout.models(),
                        MONITORING_PATH, layout.monitoring()))));

        out.add(Step.job(TRAIN, "Train, tune and evaluate the seven classifiers when it is due; promote the champion",
                EVALUATE, cleanedTable(DeliveryKind.OUTCOMES), layout.models(), job(JobKind.TRAINING, wiring(
                        SOURCE_TABLE, cleanedTable(DeliveryKind.OUTCOMES),
                        MODEL_PATH, layout.models(),
                        METRICS_PATH, layout.metrics(),
                        PREDICTIONS_PATH, layout.testPredictions(),
                        CLEANING_REPORT, layout.latestCleaningReport(),
                        LEDGER_PATH, layout.ledger(),
                        MONITORING_PATH, layout.monitoring(),
                        METRICS_TABLE, table(METRICS_HISTORY_TABLE)))));

        out.add(Step.job(SCORE, "Score each new lead delivery with the champion, once", TRAIN,
                layout.models(), layout.scoredPredictions(), job(JobKind.INFERENCE, wiring(
                        LEADS_PATH, layout.cleaned(DeliveryKind.LEADS),
                        LEDGER_PATH, layout.ledger(),
                        MODEL_PATH, layout.models(),
                        OUTPUT_PATH, layout.scoredPredictions(),
                        SHADOW_PATH, layout.shadowPredictions(),
                        REJECTED_PATH, layout.scoringRejected(),
                        MONITORING_PATH, layout.monitoring(),
                        SCORED_TABLE, table(SCORED_LEADS_TABLE),
                        MONITORING_TABLE, table(MONITORING_HISTORY_TABLE)))));
        return out;
    }

    /**
     * The approval: a job outside the cycle's graph, started by a person with the version, their name and
     * their reason ({@code --model_run}, {@code --by}, {@code --reason}; {@code --decision reject} to turn it
     * down). It reads and writes the model store's pointer and versions, holding the ledger's lock so that a
     * decision and a running cycle never interleave. Its arguments here are what every run shares.
     */
    public Step approval() {
        return Step.job(APPROVE, "Approve or reject a model version: a person's decision, recorded with who and why",
                null, layout.models(), layout.models(), job(JobKind.APPROVAL, wiring(MODEL_PATH, layout.models(),
                        LEDGER_PATH, layout.ledger())));
    }

    /**
     * A job step's arguments: its wiring, what its run costs (the deployment's worker type's DPUs and its
     * workers), then the deployment settings the job reads.
     */
    private Step.Job job(JobKind kind, Map<String, String> wiring) {
        Map<String, String> args = new LinkedHashMap<>(wiring);
        args.put(DPU_PER_WORKER.name(), DPU_PER_WORKER.format((long) InfrastructureSettings.DPU_PER_WORKER.get(
                settings.get(InfrastructureSettings.WORKER_TYPE))));
        args.put(WORKER_COUNT.name(), WORKER_COUNT.format(settings.get(InfrastructureSettings.NUMBER_OF_WORKERS)));
        args.putAll(settings.jobArguments(kind));
        return new Step.Job(kind, args);
    }

    /** Wiring arguments: setting, value, setting, value... */
    private static Map<String, String> wiring(Object... settingThenValue) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < settingThenValue.length; i += 2) {
            out.put(((Setting<?>) settingThenValue[i]).name(), (String) settingThenValue[i + 1]);
        }
        return out;
    }
}
