package dev.bankml.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The pipeline graph, defined once: crawl raw, clean, crawl cleaned, train, score. The CDK app turns
 * it into crawlers, jobs and triggers; the local runner plays it step by step. Both read the
 * arguments each job gets from here, so the two can never drift apart.
 */
public final class WorkflowDefinition {

    public static final String CRAWL_RAW = "crawl-raw";
    public static final String CLEAN = "clean";
    public static final String CRAWL_CLEANED = "crawl-cleaned";
    public static final String TRAIN = "train";
    public static final String SCORE = "score";

    public static final String CLEANING_MODULE = "jobs-cleaning";
    public static final String TRAINING_MODULE = "jobs-training";
    public static final String CLEANING_CLASS = "dev.bankml.cleaning.CleaningJob";
    public static final String TRAINING_CLASS = "dev.bankml.training.TrainingJob";
    public static final String INFERENCE_CLASS = "dev.bankml.training.InferenceJob";

    public static final String RAW_TABLE_PREFIX = "raw_";
    public static final String CLEANED_TABLE_PREFIX = "cleaned_";

    private final StorageLayout layout;
    private final PipelineSettings settings;
    private final List<Step> steps;

    private WorkflowDefinition(StorageLayout layout, PipelineSettings settings) {
        this.layout = layout;
        this.settings = settings;
        this.steps = List.copyOf(buildSteps());
    }

    /** The workflow for one deployment's storage and settings. */
    public static WorkflowDefinition of(StorageLayout layout, PipelineSettings settings) {
        return new WorkflowDefinition(layout, settings);
    }

    public StorageLayout layout() {
        return layout;
    }

    public PipelineSettings settings() {
        return settings;
    }

    /** The steps in execution order; each step's {@code after} names the one before it. */
    public List<Step> steps() {
        return steps;
    }

    public Step step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no workflow step '" + id + "'"));
    }

    /** The fully qualified catalog name of the cleaned table the training and scoring jobs read. */
    public String cleanedTable() {
        return settings.databaseName() + "." + CLEANED_TABLE_PREFIX + StorageLayout.CLEANED_DATASET;
    }

    public String rawTable() {
        return settings.databaseName() + "." + RAW_TABLE_PREFIX + StorageLayout.RAW_DATASET;
    }

    private List<Step> buildSteps() {
        List<Step> out = new ArrayList<>();
        out.add(Step.crawler(CRAWL_RAW, "Crawl the raw CSV prefix and register its table", null,
                new Step.Crawler(layout.rawInput(), RAW_TABLE_PREFIX,
                        RAW_TABLE_PREFIX + StorageLayout.RAW_DATASET, List.of()),
                rawTable()));

        Map<String, String> clean = new LinkedHashMap<>();
        clean.put(Arg.SOURCE_PATH, layout.rawInput());
        clean.put(Arg.TARGET_PATH, layout.cleanedTable());
        clean.put(Arg.REJECTED_PATH, layout.quarantine());
        clean.put(Arg.REPORT_PATH, layout.cleaningReports());
        clean.put(Arg.MAX_REJECTED_FRACTION, Double.toString(settings.maxRejectedFraction()));
        common(clean);
        out.add(Step.job(CLEAN, "Validate and type the raw CSV into partitioned Parquet; quarantine bad rows",
                CRAWL_RAW, layout.rawInput(), layout.cleanedTable(),
                new Step.Job(CLEANING_MODULE, CLEANING_CLASS, clean)));

        out.add(Step.crawler(CRAWL_CLEANED, "Crawl the cleaned Parquet table and its partitions", CLEAN,
                new Step.Crawler(layout.cleanedTable(), CLEANED_TABLE_PREFIX,
                        CLEANED_TABLE_PREFIX + StorageLayout.CLEANED_DATASET, List.of("_*", "**/_*")),
                cleanedTable()));

        Map<String, String> train = new LinkedHashMap<>();
        train.put(Arg.SOURCE_TABLE, cleanedTable());
        train.put(Arg.LABEL, settings.label());
        if (!settings.excludeFeatures().isEmpty()) {
            train.put(Arg.EXCLUDE_FEATURES, String.join(",", settings.excludeFeatures()));
        }
        train.put(Arg.TUNING, settings.tuning());
        train.put(Arg.PROMOTION_MARGIN, Double.toString(settings.promotionMargin()));
        train.put(Arg.MODEL_PATH, layout.models());
        train.put(Arg.METRICS_PATH, layout.metrics());
        train.put(Arg.PREDICTIONS_PATH, layout.testPredictions());
        train.put(Arg.CLEANING_REPORT, layout.latestCleaningReport());
        common(train);
        out.add(Step.job(TRAIN, "Train, tune and evaluate the seven classifiers; promote the champion", CRAWL_CLEANED,
                cleanedTable(), layout.models(), new Step.Job(TRAINING_MODULE, TRAINING_CLASS, train)));

        Map<String, String> score = new LinkedHashMap<>();
        score.put(Arg.SOURCE_TABLE, cleanedTable());
        score.put(Arg.LABEL, settings.label());
        score.put(Arg.MODEL_PATH, layout.models());
        score.put(Arg.OUTPUT_PATH, layout.scoredPredictions());
        score.put(Arg.REJECTED_PATH, layout.scoringRejected());
        common(score);
        out.add(Step.job(SCORE, "Score the cleaned table with the champion model", TRAIN,
                layout.models(), layout.scoredPredictions(),
                new Step.Job(TRAINING_MODULE, INFERENCE_CLASS, score)));
        return out;
    }

    private void common(Map<String, String> args) {
        args.put(Arg.ENVIRONMENT, settings.environment());
        args.put(Arg.PUBLISH_METRICS, Boolean.toString(settings.publishMetrics()));
    }
}
