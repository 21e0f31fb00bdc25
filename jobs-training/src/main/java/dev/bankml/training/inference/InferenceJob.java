package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.FaultPoints;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.JobMain;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.PartitionPublisher;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.PipelineMetrics;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.champion.QualityGate;
import dev.bankml.training.data.DeliveryRows;
import dev.bankml.training.data.PredictionColumns;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.drift.DriftMeasure;
import dev.bankml.training.drift.Profiles;
import dev.bankml.training.drift.ReferenceProfile;
import dev.bankml.training.evaluation.FeatureWeights;
import dev.bankml.training.evaluation.Reasons;
import dev.bankml.training.features.FeaturePipelines;
import dev.bankml.training.features.FeatureSet;
import dev.bankml.training.history.MonitoringHistory;
import dev.bankml.training.history.MonitoringRecord;
import dev.bankml.training.history.MonitoringReport;
import dev.bankml.training.report.ChartRenderer;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.catalog.OutputTables;
import dev.bankml.workflow.settings.CampaignSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * Scores cleaned data with a stored model (the label's champion, or a named run's). The label
 * column is optional; unseen category values still get a prediction; rows missing a feature the
 * model reads are quarantined with a reason instead of being dropped. Output partitions
 * ({@code label=L/batch_id=B}) are replaced per run, so scoring the same data twice gives the same
 * output.
 */
public final class InferenceJob {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceJob.class);
    static final String NO_BATCH = "none";

    private InferenceJob() {
    }

    /** The job, as its main, the local runner and the benchmark call it. */
    public static final PipelineJob<InferenceConfig, InferenceReport> JOB = PipelineJob.of(JobKind.INFERENCE,
            InferenceConfig.USAGE, InferenceConfig::from, InferenceConfig::catalog, InferenceJob::run,
            InferenceJob::summary);

    public static void main(String[] argv) throws Exception {
        JobMain.run(JOB, argv);
    }

    private static String summary(InferenceReport r) {
        return r.message();
    }

    /** Runs the job; scoring a cycle's leads, it holds the warehouse (or re-enters its cycle's hold). */
    public static InferenceReport run(SparkSession spark, InferenceConfig config) {
        config.context().applyTo(spark);
        return WarehouseLock.holding(new Storage(spark.sparkContext().hadoopConfiguration()),
                config.leads().map(InferenceConfig.Leads::ledgerPath), "inference job", config.context(),
                () -> score(spark, config));
    }

    private static InferenceReport score(SparkSession spark, InferenceConfig config) {
        long t0 = System.nanoTime();
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        ModelStore store = new ModelStore(storage, config.modelPath());
        String outputRoot = Storage.join(storage.resolve(config.outputPath()), "label=" + config.label());
        String rejectedRoot = Storage.join(storage.resolve(config.rejectedPath()), "label=" + config.label());
        ScoringLedger scored = new ScoringLedger(storage, config.outputPath(), config.label());
        List<ScoringLedger.Entry> scoredBefore = config.leads().isPresent() ? scored.entries() : List.of();
        List<LedgerEntry> pending = config.leads().map(l -> pendingLeads(storage, l, scoredBefore)).orElse(List.of());
        Optional<ChampionPointer> chosen = ContactListModel.of(storage, config, store);
        if (chosen.isEmpty() && config.leads().isPresent()) {
            // A cycle before any approval (--approval manual): the leads wait for the first champion, unscored.
            return finish(spark, storage, config, InferenceReport.waiting(config, outputRoot, rejectedRoot,
                    (System.nanoTime() - t0) / 1e9, pending.isEmpty() ? "no new lead delivery to score"
                            : "no champion for label '" + config.label() + "' yet: " + pending.size() + " lead "
                            + (pending.size() == 1 ? "delivery waits" : "deliveries wait") + " for the first approved "
                            + "version (nothing was scored)"), List.of());
        }
        ChampionPointer model = chosen.orElseThrow(() -> new JobConfigurationException("no champion model for label '"
                + config.label() + "' under " + store.labelRoot(config.label()) + ": run the training job first (or give "
                + RunSettings.MODEL_RUN.flag() + ")"));
        List<String> afterCall = FeatureSet.afterCall(model.features());
        if (!afterCall.isEmpty()) {
            throw new JobFailedException("the " + model.model() + " model of run " + model.runId() + " reads "
                    + String.join(", ", afterCall) + ", known only after the call: it cannot score leads; "
                    + QualityGate.PRE_CALL_HOW + " (nothing was scored or written)");
        }
        if (config.leads().isPresent() && pending.isEmpty()) {
            InferenceReport none = InferenceReport.of(config, model, outputRoot, rejectedRoot, 0, 0, 0, Map.of(), 0,
                    (System.nanoTime() - t0) / 1e9, "no new lead delivery to score",
                    new CampaignOutcome(config.campaign().describe(), 0, 0, 0, 0, null, null), reasonsMethod(model));
            return finish(spark, storage, config, none, List.of());
        }
        LOG.info("Scoring {} with {} of run {} (threshold {})", config.describe(), model.model(), model.runId(),
                model.threshold());
        PipelineModel pipeline = store.load(model, config.modelRun().isEmpty());
        Optional<ReferenceProfile> reference = store.readBeside(model, ChampionPointer.REFERENCE_PROFILE)
                .map(json -> Json.read(json, ReferenceProfile.class));

        Dataset<Row> input = spread(load(spark, storage, config, model, pending), spark);
        Dataset<Row> checked = ScoredColumns.withMissingFeatureReasons(input, model.features()).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> scorable = checked.filter(size(col(BankSchema.REASONS)).equalTo(0));
        Dataset<Row> rejected = checked.filter(size(col(BankSchema.REASONS)).gt(0))
                .select(col(BankSchema.RECORD_ID), col(BankSchema.REASONS), col(BankSchema.BATCH_ID));

        Algorithm algorithm = Algorithm.parseList(List.of(model.model())).get(0);
        Model<?> classifier = (Model<?>) pipeline.stages()[pipeline.stages().length - 1];
        boolean reasons = model.reasonsMethod() != null && Reasons.available(classifier)
                && !CampaignSettings.REASONS_NONE.equals(config.reasonsFor());
        boolean secondPass = reasons && config.reasonsForContactedOnly() && ContactedReasons.needsSecondPass(classifier);
        if (reasons && !secondPass) {
            Reasons.prepare(classifier);
        }
        Dataset<Row> transformed = pipeline.transform(scorable).withColumn(TrainingColumns.SCORE, Scores.of(algorithm))
                .persist(StorageLevel.MEMORY_AND_DISK());
        // The ranking: one job over the scored rows (which it caches), then a broadcast rank per row.
        ScoreRanks ranks = ScoreRanks.of(transformed);
        Column probability = ScoredColumns.probability(model, algorithm);
        Column contact = ScoredColumns.contact(config.campaign(), ranks, probability, model.threshold());
        Function<Dataset<Row>, Column> topOf = rows -> reasons ? Reasons.top(classifier, slotSources(model, rows),
                rows.schema(), model.reasonsBaseline()) : lit(null).cast(Reasons.REASONS);
        BiFunction<Dataset<Row>, Column, Dataset<Row>> select = (rows, top) -> rows.select(predictionColumns(config,
                model, probability, contact, top, reasons ? model.reasonsMethod() : Reasons.UNAVAILABLE,
                List.of(input.columns()).contains(config.label())));
        Dataset<Row> ranked = transformed.withColumn(PredictionColumns.RANK,
                ranks.column(JavaSparkContext.fromSparkContext(spark.sparkContext())));
        Dataset<Row> predictions = secondPass ? ContactedReasons.predictions(ranked, contact, classifier, topOf, select)
                : select.apply(ranked, config.reasonsForContactedOnly() ? when(contact, topOf.apply(ranked)) : topOf.apply(ranked));

        Map<String, long[]> perBatch = new LinkedHashMap<>();
        double[] expected = new double[2]; // calibrated P(yes) summed over the contacted rows, over all rows
        for (Row r : predictions.groupBy(BankSchema.BATCH_ID)
                .agg(count(lit(1)), sum(when(col(PredictionColumns.PREDICTED), 1L).otherwise(0L)),
                        sum(when(col(PredictionColumns.CONTACT), 1L).otherwise(0L)),
                        sum(when(col(PredictionColumns.CONTACT), col(PredictionColumns.PROBABILITY_YES)).otherwise(0.0)),
                        sum(col(PredictionColumns.PROBABILITY_YES)))
                .orderBy(BankSchema.BATCH_ID).collectAsList()) {
            perBatch.put(r.getString(0), new long[] {r.getLong(1), r.getLong(2), r.getLong(3)});
            expected[0] += r.isNullAt(4) ? Double.NaN : r.getDouble(4);
            expected[1] += r.isNullAt(5) ? Double.NaN : r.getDouble(5);
        }
        Map<String, Long> rejectedPerBatch = countsPerBatch(rejected);
        // Unseen category values and the score's drift, per batch, in one more job over the scored rows.
        Map<String, DriftMeasure> drift = reference.map(ref -> Profiles.measure(transformed, ref, BankSchema.BATCH_ID,
                Optional.of(TrainingColumns.SCORE))).orElse(Map.of());
        Set<String> batches = new TreeSet<>(perBatch.keySet());
        batches.addAll(rejectedPerBatch.keySet());
        pending.forEach(e -> batches.add(e.batchId()));
        long rowsScored = perBatch.values().stream().mapToLong(v -> v[0]).sum();
        long yes = perBatch.values().stream().mapToLong(v -> v[1]).sum();
        long contacted = perBatch.values().stream().mapToLong(v -> v[2]).sum();
        CampaignOutcome campaign = new CampaignOutcome(config.campaign().describe(), rowsScored, contacted,
                expected[0], rowsScored == 0 ? 0 : contacted * expected[1] / rowsScored,
                config.campaign().valuePerYes().orElse(null), config.campaign().costPerCall().orElse(null));
        long rowsRejected = rejectedPerBatch.values().stream().mapToLong(Long::longValue).sum();

        List<ReplacedLeads> replaced = ReplacedLeads.find(spark, storage, outputRoot, scoredBefore, pending, checked);
        replaced.forEach(r -> LOG.warn("Lead delivery {}", r.describe()));
        PartitionPublisher.replacePartitions(predictions, outputRoot, batches, perBatch.keySet(), rowsScored,
                BankSchema.RECORD_ID, storage);
        config.context().partitions().add(spark, WiringSettings.SCORED_TABLE, storage.resolve(config.outputPath()),
                OutputTables.LABEL, config.label(), BankSchema.BATCH_ID, perBatch.keySet());
        PartitionPublisher.replacePartitions(rejected, rejectedRoot, batches, rejectedPerBatch.keySet(), rowsRejected,
                BankSchema.RECORD_ID, storage);
        Optional<ShadowScoring.Shadow> shadow = ShadowScoring.ofChallenger(spark, storage, config, store, model, checked,
                batches);
        checked.unpersist();
        transformed.unpersist();
        predictions.unpersist();

        List<MonitoringRecord> records = new ArrayList<>();
        for (LedgerEntry e : pending) {
            long[] counts = perBatch.getOrDefault(e.batchId(), new long[3]);
            long notScorable = rejectedPerBatch.getOrDefault(e.batchId(), 0L);
            FaultPoints.reached("scoring.ledger");
            scored.record(new ScoringLedger.Entry(e.batchId(), e.version(), model.model(), model.runId(), config.runId(),
                    config.context().cycleId(), counts[0], notScorable, Instant.now().toString()));
            MonitoringRecord.Builder b = MonitoringRecord.of(MonitoringRecord.SCORING, config.context().cycleId(),
                            config.runId(), config.label())
                    .delivery(e.kind(), e.batchId(), e.sourceFile(), e.version())
                    .champion(model.runId(), model.model(), model.testAucRoc())
                    .rows(counts[0] + notScorable)
                    .scoring(counts[0], notScorable, counts[1]);
            shadow.filter(s -> s.rowsPerBatch().containsKey(e.batchId())).ifPresent(s -> b.challenger(
                    MonitoringRecord.Challenger.inTheShadow(s.challenger().runId(), s.challenger().model())));
            DriftMeasure d = drift.get(e.batchId());
            if (d != null) {
                b.drift(d.psi(), d.maxPsi(), d.maxPsiOf(), d.scorePsi(), d.maxPsi() > config.psiAlarm(), d.unseen());
            }
            records.add(b.build());
        }
        Map<String, Map<String, Long>> unseen = unseen(drift.values());
        long unseenRows = unseen.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        String message = String.format(Locale.ROOT, "%,d rows scored (%.1f%% predicted yes), %,d not scorable",
                rowsScored, rowsScored == 0 ? 0.0 : 100.0 * yes / rowsScored, rowsRejected)
                + (pending.isEmpty() ? "" : " in " + pending.size() + " new lead deliver" + (pending.size() == 1 ? "y" : "ies"))
                + (reference.isEmpty() ? "; unseen values not measured (the model has no reference profile)"
                        : unseen.isEmpty() ? "; no unseen category value"
                        : String.format(Locale.ROOT, "; %,d unseen category values (scored with the "
                                + "unknown-category encoding): %s", unseenRows, MonitoringReport.unseen(unseen)))
                + "; " + campaign.describe()
                + shadow.map(s -> "; scored in the shadow by the candidate " + s.challenger().model() + " of run "
                        + s.challenger().runId()).orElse("")
                + replaced.stream().map(r -> "; " + r.describe()).collect(Collectors.joining())
                + (reasons && config.reasonsForContactedOnly() ? "; reasons for the customers marked for a call only" : "");
        InferenceReport report = InferenceReport.of(config, model, outputRoot, rejectedRoot, rowsScored, rowsRejected,
                yes, unseen, pending.size(), (System.nanoTime() - t0) / 1e9, message, campaign,
                reasons ? model.reasonsMethod() : Reasons.UNAVAILABLE);
        return finish(spark, storage, config, report, records);
    }

    /**
     * The published lead deliveries with rows whose current version has not been scored (a resend or a
     * refused delivery has none in the table: {@link LedgerEntry#published()}).
     */
    private static List<LedgerEntry> pendingLeads(Storage storage, InferenceConfig.Leads leads,
                                                  List<ScoringLedger.Entry> scored) {
        Set<String> done = new HashSet<>();
        scored.forEach(e -> done.add(e.version()));
        return new DeliveryLedger(storage, leads.ledgerPath()).published(DeliveryKind.LEADS.id()).stream()
                .filter(e -> e.rowsWritten() > 0 && !done.contains(e.version())).toList();
    }

    /** Unseen values summed over batches. */
    static Map<String, Map<String, Long>> unseen(Collection<DriftMeasure> measures) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (DriftMeasure m : measures) {
            m.unseen().forEach((col, values) -> values.forEach((v, n) ->
                    out.computeIfAbsent(col, c -> new TreeMap<>()).merge(v, n, Long::sum)));
        }
        return out;
    }

    /**
     * The run's report (JSON), its metrics and, in a cycle, its monitoring records, the cycle's summary
     * record and the regenerated monitoring report.
     */
    private static InferenceReport finish(SparkSession spark, Storage storage, InferenceConfig config,
                                          InferenceReport report, List<MonitoringRecord> records) {
        String json = Json.write(report);
        String reports = Storage.join(storage.resolve(config.outputPath()), "_reports");
        storage.writeString(Storage.join(reports, "inference-" + config.label() + "-" + config.runId() + ".json"), json);
        storage.writeString(Storage.join(reports, "latest-" + config.label() + ".json"), json);
        config.context().metrics().publish(PipelineMetrics.values(
                MetricNames.ROWS_SCORED, report.rowsScored(),
                MetricNames.POSITIVE_SHARE, report.positiveShare(),
                MetricNames.SCORING_REJECTED, report.rowsRejected()), true);
        config.monitoringPath().ifPresent(m -> {
            MonitoringHistory history = new MonitoringHistory(storage, m, config.label());
            List<MonitoringRecord> all = new ArrayList<>(records);
            config.leads().ifPresent(l -> all.add(cycleRecord(storage, config, l)));
            history.write(config.runId(), config.context().dpuSeconds(), all);
            List<MonitoringRecord> everything = history.records();
            String cycle = config.context().cycleId();
            boolean happened = everything.stream().anyMatch(r -> cycle.equals(r.cycleId())
                    && !MonitoringRecord.CYCLE.equals(r.record()) && !MonitoringRecord.SKIPPED.equals(r.decision()));
            // A cycle that found nothing new keeps its record in the JSON history; the Parquet history and the
            // report are brought up to date by the next cycle that does something (they would not change).
            if (config.leads().isPresent() && happened) {
                config.context().partitions().add(spark, WiringSettings.MONITORING_TABLE, history.historyFolder(),
                        OutputTables.LABEL, config.label(), OutputTables.CYCLE_ID, history.writeParquet(spark, cycle, everything));
            }
            if (happened || !storage.exists(history.reportFile())) {
                history.writeReport(MonitoringReport.render(config.label(), everything, config.aucDropAlarm(),
                        config.psiAlarm(), ChartRenderer.xchart()));
            }
        });
        LOG.info("Inference run {}: {}; predictions at {}", config.runId(), report.message(), report.outputPath());
        return report;
    }

    /** The summary of the cycle the scoring ends: which deliveries it published, new or changed. */
    private static MonitoringRecord cycleRecord(Storage storage, InferenceConfig config, InferenceConfig.Leads leads) {
        List<LedgerEntry> ledger = new DeliveryLedger(storage, leads.ledgerPath()).entries().stream()
                .filter(LedgerEntry::published).toList();
        String cycle = config.context().cycleId();
        long created = ledger.stream().filter(e -> cycle.equals(e.cycleId()) && "new".equals(e.status())).count();
        long changed = ledger.stream().filter(e -> cycle.equals(e.cycleId()) && !"new".equals(e.status())).count();
        return MonitoringRecord.of(MonitoringRecord.CYCLE, cycle, config.runId(), config.label())
                .cycle(created, changed, ledger.size() - created - changed).build();
    }

    private static Column[] predictionColumns(InferenceConfig config, ChampionPointer model, Column probability,
                                              Column contact, Column reasons, String reasonsMethod,
                                              boolean hasLabel) {
        return new Column[] {
            col(BankSchema.RECORD_ID),
            probability.alias(PredictionColumns.PROBABILITY_YES),
            col(TrainingColumns.SCORE),
            col(TrainingColumns.SCORE).geq(model.threshold()).alias(PredictionColumns.PREDICTED),
            col(PredictionColumns.RANK),
            contact.alias(PredictionColumns.CONTACT),
            reasons.alias(PredictionColumns.TOP_REASONS),
            lit(reasonsMethod).alias(PredictionColumns.REASONS_METHOD),
            (hasLabel ? col(config.label()) : lit(null).cast(DataTypes.BooleanType)).alias(PredictionColumns.ACTUAL),
            lit(model.model()).alias(PredictionColumns.MODEL),
            lit(model.runId()).alias(PredictionColumns.MODEL_RUN_ID),
            lit(config.runId()).alias(PredictionColumns.SCORING_RUN_ID),
            col(BankSchema.BATCH_ID)
        };
    }

    /** The column each slot of the model's feature vector stands for (what its reasons are named after). */
    private static String[] slotSources(ChampionPointer model, Dataset<Row> transformed) {
        StructField features = transformed.schema().apply(TrainingColumns.FEATURES);
        int size = AttributeGroup.fromStructField(features).size();
        return FeaturePipelines.sourceColumns(FeatureSet.ofModel(model.label(), model.excludedFeatures(), model.features()),
                FeatureWeights.names(features, size));
    }

    private static String reasonsMethod(ChampionPointer model) {
        return model.reasonsMethod() == null ? Reasons.UNAVAILABLE : model.reasonsMethod();
    }

    /**
     * The rows in at least as many partitions as the cluster has cores. A lead delivery is often one
     * file, which Spark reads as one partition: scored as it is, one core would compute every score and
     * every customer's reasons (XGBoost's tree SHAP is most of the work) while the others wait.
     */
    static Dataset<Row> spread(Dataset<Row> rows, SparkSession spark) {
        int cores = spark.sparkContext().defaultParallelism();
        return rows.rdd().getNumPartitions() < cores ? rows.repartition(cores) : rows;
    }

    private static Dataset<Row> load(SparkSession spark, Storage storage, InferenceConfig config, ChampionPointer model,
                                     List<LedgerEntry> pending) {
        List<String> needed = new ArrayList<>(model.features());
        needed.add(BankSchema.RECORD_ID);
        Dataset<Row> data = config.source().map(s -> s.read(spark, storage, needed))
                .orElseGet(() -> DeliveryRows.read(spark, storage, config.leads().orElseThrow().leadsPath(), pending));
        List<String> have = List.of(data.columns());
        if (!have.contains(BankSchema.BATCH_ID)) {
            data = data.withColumn(BankSchema.BATCH_ID, lit(NO_BATCH));
        }
        return data;
    }

    private static Map<String, Long> countsPerBatch(Dataset<Row> rows) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : rows.groupBy(BankSchema.BATCH_ID).count().orderBy(BankSchema.BATCH_ID).collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }
}
