package dev.bankml.training.monitoring;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.JobMain;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.DamagedPointerException;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.data.DeliveryRows;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.drift.DriftMeasure;
import dev.bankml.training.drift.Profiles;
import dev.bankml.training.drift.ReferenceProfile;
import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.history.MonitoringHistory;
import dev.bankml.training.history.MonitoringRecord;
import dev.bankml.training.history.ShadowEvidence;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.settings.JobKind;

/**
 * The evaluate step of a cycle: before new outcomes are used for training, the champion scores them,
 * the honest out-of-time test (rows, base rate, AUC-ROC, AUC-PR, precision and recall at its threshold,
 * Brier score), and measures them against its reference profile (population stability index per
 * feature and for the score, unseen category values). New leads get the same measure where they are
 * scored, by the inference job, so no delivery is read twice. Each
 * delivery is measured once per champion; a record per delivery goes to the monitoring history, the
 * figures to CloudWatch, and an alarm flag when the AUC-ROC fell or the population moved too far (the
 * training step retrains then).
 */
public final class MonitoringJob {
    private static final Logger LOG = LoggerFactory.getLogger(MonitoringJob.class);

    private MonitoringJob() {
    }

    public static final PipelineJob<MonitoringConfig, MonitoringOutcome> JOB = PipelineJob.of(JobKind.MONITORING,
            MonitoringConfig.USAGE, MonitoringConfig::from, config -> false, MonitoringJob::run, MonitoringOutcome::message);

    public static void main(String[] argv) throws Exception {
        JobMain.run(JOB, argv);
    }

    /** Runs the job, holding the warehouse (or re-entering its cycle's hold). */
    public static MonitoringOutcome run(SparkSession spark, MonitoringConfig config) {
        config.context().applyTo(spark);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        return WarehouseLock.holding(storage, Optional.of(config.ledgerPath()), "monitoring job", config.context(),
                () -> evaluate(spark, storage, config));
    }

    private static MonitoringOutcome evaluate(SparkSession spark, Storage storage, MonitoringConfig config) {
        ModelStore store = new ModelStore(storage, config.modelPath());
        MonitoringHistory history = new MonitoringHistory(storage, config.monitoringPath(), config.label());
        Optional<ChampionPointer> champion;
        try {
            champion = store.champion(config.label());
        } catch (DamagedPointerException e) {
            // Not this step's to mend: the training step of the same cycle trains and replaces the pointer.
            String message = "the champion pointer cannot be read, nothing to evaluate; the train step replaces it ("
                    + e.getMessage() + ")";
            LOG.warn(message);
            return new MonitoringOutcome(config.runId(), config.label(), "", List.of(), message);
        }
        if (champion.isEmpty()) {
            String message = "no champion yet for label '" + config.label() + "': nothing to evaluate";
            LOG.info(message);
            return new MonitoringOutcome(config.runId(), config.label(), "", List.of(), message);
        }
        ChampionPointer c = champion.get();
        List<LedgerEntry> ledger = new DeliveryLedger(storage, config.ledgerPath()).entries();
        Set<String> done = new HashSet<>(c.trainedOn());
        history.records().stream().filter(r -> MonitoringRecord.DELIVERY.equals(r.record())
                && c.runId().equals(r.championRunId())).forEach(r -> done.add(r.version()));
        List<LedgerEntry> outcomes = pending(ledger, DeliveryKind.OUTCOMES, done);
        if (outcomes.isEmpty()) {
            String message = "no new delivery to measure against the champion (" + c.model() + ", run " + c.runId() + ")";
            LOG.info(message);
            return new MonitoringOutcome(config.runId(), config.label(), c.runId(), List.of(), message);
        }
        Optional<ReferenceProfile> reference = store.readBeside(c, ChampionPointer.REFERENCE_PROFILE)
                .map(json -> Json.read(json, ReferenceProfile.class));
        LOG.info("Measuring {} new outcome deliveries against the champion {} (run {}){}", outcomes.size(), c.model(),
                c.runId(), reference.isEmpty() ? "; it has no reference profile, so no drift is measured" : "");
        // Leads are measured where they are scored (the score's index needs their scores): one pass each.
        Optional<SideBySide.Challenger> challenger = SideBySide.of(storage, config, store, c);
        challenger.ifPresent(ch -> LOG.info("Beside it, the challenger {} of run {} (a candidate waiting for approval)",
                ch.descriptor().model(), ch.descriptor().runId()));
        List<MonitoringRecord> records = outOfTime(spark, storage, config, c, store.load(c, true), reference, outcomes,
                challenger);
        history.write(config.runId(), config.context().dpuSeconds(), records);
        publish(config, records);
        MonitoringOutcome outcome = new MonitoringOutcome(config.runId(), config.label(), c.runId(), records,
                summary(records));
        LOG.info("Monitoring run {}: {}", config.runId(), outcome.message());
        return outcome;
    }

    /**
     * The published deliveries of a kind with rows that the champion neither trained on nor was measured
     * against (a resend or a refused delivery has none in the table: {@link LedgerEntry#published()}).
     */
    static List<LedgerEntry> pending(List<LedgerEntry> ledger, DeliveryKind kind, Set<String> done) {
        return ledger.stream().filter(e -> e.kind().equals(kind.id()) && e.published() && e.rowsWritten() > 0
                && !done.contains(e.version())).toList();
    }

    /**
     * The champion scores the new outcomes: its metrics on them and their drift, per delivery; beside it the
     * challenger, when a candidate waits, on the deliveries it did not learn from.
     */
    private static List<MonitoringRecord> outOfTime(SparkSession spark, Storage storage, MonitoringConfig config,
                                                    ChampionPointer c, PipelineModel pipeline,
                                                    Optional<ReferenceProfile> reference, List<LedgerEntry> outcomes,
                                                    Optional<SideBySide.Challenger> challenger) {
        Algorithm algorithm = Algorithm.parseList(List.of(c.model())).get(0);
        Dataset<Row> rows = DeliveryRows.read(spark, storage, config.outcomesPath(), outcomes)
                .filter(col(config.label()).isNotNull());
        if (challenger.isPresent()) {
            rows = rows.persist(StorageLevel.MEMORY_AND_DISK()); // read once, scored by both
        }
        Dataset<Row> scored = SideBySide.scored(pipeline, c.model(), rows).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Map<String, SideBySide.ScoredBatch> byBatch = SideBySide.byDelivery(scored, config.label());
            Dataset<Row> read = rows;
            Map<String, SideBySide.ScoredBatch> challengers = challenger.map(ch -> SideBySide.byDelivery(
                    SideBySide.scored(ch.pipeline(), ch.descriptor().model(), read), config.label())).orElse(Map.of());
            Map<String, DriftMeasure> drift = reference.map(ref -> Profiles.measure(scored, ref, BankSchema.BATCH_ID,
                    Optional.of(TrainingColumns.SCORE))).orElse(Map.of());
            List<MonitoringRecord> out = new ArrayList<>();
            for (LedgerEntry e : outcomes) {
                SideBySide.ScoredBatch batch = byBatch.getOrDefault(e.batchId(),
                        new SideBySide.ScoredBatch(new double[0], new boolean[0]));
                BinaryMetrics m = batch.metrics(c.threshold());
                double drop = c.testAucRoc() - m.aucRoc();
                boolean bothClasses = batch.bothClasses();
                MonitoringRecord.Builder r = record(config, c, e, drift.get(e.batchId()))
                        .rows(batch.scores().length)
                        .outOfTime(m.baseRate(), bothClasses ? m.aucRoc() : Double.NaN,
                                bothClasses ? m.aucPr() : Double.NaN, m.precision(), m.recall(),
                                algorithm.hasProbability() ? BinaryMetrics.brier(batch.scores(), batch.yes()) : Double.NaN,
                                c.threshold(), bothClasses ? drop : Double.NaN,
                                bothClasses && drop > config.alarms().aucDrop())
                        .captured(config.contactShare(), SideBySide.capturedYes(batch.scores(), batch.yes(),
                                config.contactShare()));
                challenger.map(SideBySide.Challenger::descriptor)
                        .filter(d -> !d.trainedOn().contains(e.version()) && challengers.containsKey(e.batchId()))
                        .ifPresent(d -> r.challenger(SideBySide.figures(d, challengers.get(e.batchId()),
                                config.contactShare())));
                out.add(r.build());
            }
            return out;
        } finally {
            scored.unpersist();
            rows.unpersist();
        }
    }

    /** The record of one delivery: who measured it against what, and its drift. */
    private static MonitoringRecord.Builder record(MonitoringConfig config, ChampionPointer c, LedgerEntry e,
                                                   DriftMeasure drift) {
        MonitoringRecord.Builder b = MonitoringRecord.of(MonitoringRecord.DELIVERY, config.context().cycleId(),
                        config.runId(), config.label())
                .delivery(e.kind(), e.batchId(), e.sourceFile(), e.version())
                .champion(c.runId(), c.model(), c.testAucRoc())
                .rows(e.rowsWritten());
        if (drift != null) {
            b.drift(drift.psi(), drift.maxPsi(), drift.maxPsiOf(), drift.scorePsi(),
                    drift.maxPsi() > config.alarms().psi(), drift.unseen());
        }
        return b;
    }

    private static void publish(MonitoringConfig config, List<MonitoringRecord> records) {
        Map<MetricNames.Metric, Double> values = new LinkedHashMap<>();
        records.stream().map(MonitoringRecord::aucRoc).filter(v -> v != null).mapToDouble(Double::doubleValue).min()
                .ifPresent(v -> values.put(MetricNames.OUT_OF_TIME_AUC_ROC, v));
        records.stream().map(MonitoringRecord::aucDrop).filter(v -> v != null).mapToDouble(Double::doubleValue).max()
                .ifPresent(v -> values.put(MetricNames.OUT_OF_TIME_AUC_DROP, v));
        records.stream().map(MonitoringRecord::maxPsi).filter(v -> v != null).mapToDouble(Double::doubleValue).max()
                .ifPresent(v -> values.put(MetricNames.MAX_PSI, v));
        values.put(MetricNames.UNSEEN_VALUES, (double) records.stream().filter(r -> r.unseen() != null)
                .flatMap(r -> r.unseen().values().stream()).flatMap(m -> m.values().stream()).mapToLong(Long::longValue)
                .sum());
        config.context().metrics().publish(values, true);
    }

    static String summary(List<MonitoringRecord> records) {
        List<String> parts = new ArrayList<>();
        long outcomes = records.stream().filter(r -> r.aucRoc() != null).count();
        if (outcomes > 0) {
            parts.add(String.format(Locale.ROOT, "%d outcome %s scored out-of-time (lowest AUC-ROC %.4f)", outcomes,
                    outcomes == 1 ? "delivery" : "deliveries",
                    records.stream().filter(r -> r.aucRoc() != null).mapToDouble(MonitoringRecord::aucRoc).min().orElse(0)));
        }
        records.stream().filter(r -> r.maxPsi() != null).max(Comparator.comparingDouble(MonitoringRecord::maxPsi))
                .ifPresent(r -> parts.add(String.format(Locale.ROOT, "%d %s measured for drift (largest PSI %.3f, "
                        + "%s)", records.size(), records.size() == 1 ? "delivery" : "deliveries", r.maxPsi(), r.maxPsiOf())));
        ShadowEvidence.of(records).values().stream().filter(e -> !e.deliveries().isEmpty()).forEach(e ->
                parts.add("the candidate of run " + e.challengerRunId() + " beside the champion: " + e.outcomes()));
        long alarms = records.stream().filter(MonitoringRecord::alarm).count();
        parts.add(alarms == 0 ? "no alarm" : alarms + " alarm(s)");
        return String.join("; ", parts);
    }
}
