package dev.bankml.training;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.Failures;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.JobMain;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.PipelineMetrics;
import dev.bankml.jobs.RunStatus;
import dev.bankml.jobs.Stopwatch;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.LeakageGuard;
import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.candidates.ParallelTrainer;
import dev.bankml.training.candidates.ValidationScheme;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.DamagedPointerException;
import dev.bankml.training.champion.GateDecision;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.champion.QualityGate;
import dev.bankml.training.data.TrainingSplit;
import dev.bankml.training.drift.Profiles;
import dev.bankml.training.features.EncodedData;
import dev.bankml.training.features.FeatureView;
import dev.bankml.training.history.MonitoringHistory;
import dev.bankml.training.history.MonitoringRecord;
import dev.bankml.training.history.RetrainPolicy;
import dev.bankml.training.report.ChartRenderer;
import dev.bankml.training.report.ModelCard;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.training.report.TrainingRunReport;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.settings.JobKind;

/**
 * The workflow's train step: trains, tunes and evaluates the candidates (six MLlib classifiers and
 * XGBoost) on the cleaned data, keeps the best as champion (by validation AUC-PR), and writes the model,
 * the metrics (JSON, Parquet history, HTML report) and the champion's test-split predictions. Every run
 * writes a run report, succeeded or failed.
 */
public final class TrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

    private TrainingJob() {
    }

    /** The job, as its main, the local runner and the benchmark call it. */
    public static final PipelineJob<TrainingConfig, TrainingOutcome> JOB = PipelineJob.of(JobKind.TRAINING,
            TrainingConfig.USAGE, TrainingConfig::from,
            config -> config.source().table().isPresent() || config.context().registersPartitions(), TrainingJob::run,
            TrainingJob::summary);

    public static void main(String[] argv) throws Exception {
        JobMain.run(JOB, argv);
    }

    private static String summary(TrainingOutcome r) {
        if (!r.trained()) {
            return "skipped: " + r.decision();
        }
        return String.format(Locale.ROOT, "%d model%s; champion %s (%s)", r.metrics().size(),
                r.metrics().size() == 1 ? "" : "s", r.champion().model(),
                r.gate().promoted() ? "promoted" : r.gate().passed() ? "a candidate: waits for approval" : "NOT promoted");
    }

    /** Runs the job; in a cycle (with a ledger) it holds the warehouse, or re-enters its cycle's hold. */
    public static TrainingOutcome run(SparkSession spark, TrainingConfig config) {
        config.context().applyTo(spark);
        return WarehouseLock.holding(new Storage(spark.sparkContext().hadoopConfiguration()), config.ledgerPath(),
                "training job", config.context(), () -> run(spark, config, ChartRenderer.xchart()));
    }

    /** Runs the job, and reports the run whatever its outcome. */
    static TrainingOutcome run(SparkSession spark, TrainingConfig config, ChartRenderer charts) {
        config.context().applyTo(spark);
        useCheckpointDir(spark, config);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        TrainingOutputs outputs = new TrainingOutputs(storage, config);
        String startedAt = Instant.now().toString();
        try (Stages times = new Stages(Stopwatch.start(), StageCosts.on(spark.sparkContext()))) {
            return run(spark, config, charts, storage, outputs, times, startedAt);
        }
    }

    private static TrainingOutcome run(SparkSession spark, TrainingConfig config, ChartRenderer charts, Storage storage,
                                       TrainingOutputs outputs, Stages times, String startedAt) {
        try {
            Due due = Due.of(storage, config);
            LOG.info("Training run {}: {} ({})", config.runId(), due.decision().train() ? "training" : "skipped",
                    due.decision().reason());
            if (!due.decision().train()) {
                TrainingOutcome skipped = TrainingOutcome.skipped(config.runId(), config.label(), due.decision().reason(),
                        times.watch().totalSeconds());
                due.record(spark, storage, config, skipped);
                outputs.writeRunReport(report(config, startedAt, RunStatus.SUCCEEDED, summary(skipped), skipped, times,
                        outputs));
                config.context().metrics().publish(PipelineMetrics.values(MetricNames.TRAINED, 0), true);
                return skipped;
            }
            TrainingOutcome outcome = train(spark, storage, config, outputs, charts, times, due);
            due.record(spark, storage, config, outcome);
            outputs.writeRunReport(report(config, startedAt, RunStatus.SUCCEEDED, summary(outcome), outcome, times,
                    outputs));
            config.context().metrics().publish(PipelineMetrics.values(
                    MetricNames.TRAINED, 1,
                    MetricNames.CHAMPION_AUC_ROC, outcome.champion().aucRoc(),
                    MetricNames.CHAMPION_AUC_PR, outcome.champion().aucPr(),
                    MetricNames.CHAMPION_MARGIN, outcome.gate().margin(),
                    MetricNames.MODEL_PROMOTED, outcome.gate().promoted() ? 1 : 0,
                    MetricNames.TRAINING_ROWS, outcome.champion().trainRows(),
                    MetricNames.TRAINING_SECONDS, outcome.seconds()), true);
            LOG.info("Training run {} done in {} s ({}): model {}, metrics {}, report {}", config.runId(),
                    round(outcome.seconds()), times, outcome.modelDir(), outputs.runDir(), outputs.reportFile());
            return outcome;
        } catch (RuntimeException | Error e) {
            String status = e instanceof JobFailedException ? RunStatus.FAILED_QUALITY_GATE : RunStatus.FAILED;
            String message = e instanceof JobFailedException ? e.getMessage()
                    : Failures.summary(e, config.context().s3Endpoint());
            LOG.error("Training run {} {}: {}", config.runId(), status, message);
            outputs.writeRunReport(report(config, startedAt, status, message, null, times, outputs));
            throw e;
        }
    }

    /** The job: read, split, encode, train every candidate, guard, choose, gate, save, write, promote, report. */
    private static TrainingOutcome train(SparkSession spark, Storage storage, TrainingConfig config,
                                         TrainingOutputs outputs, ChartRenderer charts, Stages times, Due due) {
        long t0 = System.nanoTime();
        String label = config.label();
        LOG.info("Training run {} on {}: label '{}', features {}{}, models {}, tuning {}", config.runId(),
                config.source().describe(), label, config.features().inputColumns(),
                config.features().excluded().isEmpty() ? "" : " (excluded: " + config.features().excluded() + ")",
                config.algorithms().stream().map(Algorithm::id).toList(), config.tuning().id());

        TrainingSplit split = TrainingSplit.of(load(spark, storage, config), label, config.testFraction(), config.seed());
        ValidationScheme scheme = ValidationScheme.choose(config.tuning(), split.minorityTrainRows());
        Dataset<Row> train = split.train(scheme.folds());
        Dataset<Row> test = split.test();
        double[] weights = split.classWeights();
        LOG.info("Split {} labelled rows: train {} ({} yes), test {} ({} yes); class weights no={} yes={}; tuning "
                        + "validation {}", split.trainRows() + split.testRows(), split.trainRows(), split.trainYes(),
                split.testRows(), split.testYes(), round(weights[0]), round(weights[1]), scheme.name());
        times.lap("read and split");

        Set<FeatureView> views = config.algorithms().stream().map(Algorithm::view).collect(Collectors.toSet());
        Map<FeatureView, EncodedData> encoded = EncodedData.encode(config.features(), views,
                config.algorithms().contains(Algorithm.XGBOOST), train, test,
                split.partitions(spark.sparkContext().defaultParallelism()), spark.sparkContext().defaultParallelism());
        times.lap("encode");
        List<ModelResult> results = new ParallelTrainer(config.tuning(), split.trainRows(), scheme, config.seed(),
                config.parallelism()).trainAll(config.algorithms(), encoded);
        times.lap("tune, fit and evaluate");
        LeakageGuard.check(label, results);

        ModelResult champion = ModelResult.bestByValidation(results);
        EncodedData championData = encoded.get(champion.algorithm().view());
        ModelStore store = new ModelStore(storage, config.modelPath());
        if (config.ledgerPath().isPresent()) { // a cycle's run holds the warehouse: a dead run's folder is no one's
            store.removeRunsWithoutAModel(label, config.runId());
        }
        GateDecision gate = ModelRelease.decide(new QualityGate(store, label, config.promotion().margin())
                .decide(champion.test().aucPr(), championData.rawTest(), config.features().inputColumns()),
                config.promotion().manual());
        LOG.info("Champion: {} (validation AUC-PR {}, test AUC-ROC {}, test AUC-PR {}); {}", champion.algorithm().id(),
                round(champion.tuning().validationAucPr()), round(champion.test().aucRoc()),
                round(champion.test().aucPr()), gate.reason());
        times.lap("quality gate");

        String createdAt = Instant.now().toString();
        ChampionPointer descriptor = ChampionPointer.of(config.runId(), label, champion,
                store.runDir(label, config.runId(), champion.algorithm().id()), config.features(), createdAt,
                split.trainRows(), due.versions());
        store.save(champion.pipeline(), descriptor);
        // What drift is measured against later: the champion's training rows and its test scores (on the driver).
        store.writeBeside(descriptor, ChampionPointer.REFERENCE_PROFILE, Json.write(Profiles.reference(train,
                config.features(), champion.testRows().scored().scores())));
        times.lap("save model");

        ModelMetrics.Run run = new ModelMetrics.Run(config.runId(), label, split.trainRows(), config.tuning().id(),
                scheme.name(), config.seed(), config.features().inputColumns(), config.features().excluded(), createdAt);
        List<ModelMetrics> metrics = results.stream()
                .map(r -> ModelMetrics.of(run, r, ModelMetrics.Role.of(r == champion, gate.promoted())))
                .toList();
        outputs.writePredictions(champion, championData);
        outputs.writeMetrics(spark, metrics);
        // The version, then (when the decision promotes) the pointer: last, as before.
        ModelRelease.release(store, new ModelVersions(storage, config.modelPath()),
                ModelRelease.version(config, descriptor, champion, gate, due.outcomes()), descriptor, gate);
        split.unpersist();
        EncodedData.unpersist(encoded.values());
        times.lap("predictions, metrics, promotion");

        TrainingOutcome outcome = new TrainingOutcome(config.runId(), label, metrics, results, gate,
                Storage.join(store.labelRoot(label), descriptor.modelDir()), outputs.runDir(),
                (System.nanoTime() - t0) / 1e9, true, due.decision().reason());
        store.writeBeside(descriptor, ModelCard.FILE, Json.write(ModelCard.of(outcome, config.parameters())));
        // The report comes last: the model, the metrics and the pointer never wait for (or fail with) it.
        outputs.writeCurvesAndReport(outcome, config.cleaningReport(), charts);
        times.lap("report");
        return outcome;
    }

    /**
     * Whether this run trains, with what it reads: with a ledger, the retraining policy decides from
     * the ledger, the monitoring history and the champion; without one, every run trains.
     *
     * @param outcomes the ledger's outcome deliveries (what a training now reads)
     */
    record Due(RetrainPolicy.Decision decision, List<LedgerEntry> outcomes) {
        static Due of(Storage storage, TrainingConfig config) {
            if (config.ledgerPath().isEmpty()) {
                return new Due(new RetrainPolicy.Decision(true, "no ledger: every run trains", 0, 0), List.of());
            }
            List<LedgerEntry> outcomes = new DeliveryLedger(storage, config.ledgerPath().get())
                    .published(DeliveryKind.OUTCOMES.id());
            Optional<ChampionPointer> champion;
            try {
                champion = new ModelStore(storage, config.modelPath()).champion(config.label())
                        .or(() -> waitingCandidate(storage, config));
            } catch (DamagedPointerException e) {
                return new Due(new RetrainPolicy.Decision(true, "the champion pointer cannot be read: training again "
                        + "replaces it", 0, 0), outcomes);
            }
            List<MonitoringRecord> history = config.monitoringPath()
                    .map(m -> new MonitoringHistory(storage, m, config.label()).records()).orElse(List.of());
            Optional<String> change = champion.flatMap(c -> QualityGate.settingChange(c, config.label(),
                    config.features().inputColumns()));
            return new Due(config.policy().decide(champion, change, config.retrain(), outcomes,
                    RetrainPolicy.LastTraining.of(history, champion), history), outcomes);
        }

        /**
         * With {@code --approval manual} and no champion yet, the candidate waiting for a person stands in for
         * one: training again every cycle until someone approves would only add candidates.
         */
        private static Optional<ChampionPointer> waitingCandidate(Storage storage, TrainingConfig config) {
            if (!config.promotion().manual()) {
                return Optional.empty();
            }
            ModelStore store = new ModelStore(storage, config.modelPath());
            return new ModelVersions(storage, config.modelPath()).challenger(config.label(), Optional.empty())
                    .map(v -> store.ofRun(config.label(), v.runId()));
        }

        List<String> versions() {
            return outcomes.stream().map(LedgerEntry::version).toList();
        }

        /** The decision in the monitoring history, when there is one. */
        void record(SparkSession spark, Storage storage, TrainingConfig config, TrainingOutcome outcome) {
            if (config.monitoringPath().isEmpty()) {
                return;
            }
            MonitoringRecord r = MonitoringRecord.of(MonitoringRecord.TRAINING, config.context().cycleId(),
                            config.runId(), config.label())
                    .decision(outcome.trained() ? MonitoringRecord.TRAINED : MonitoringRecord.SKIPPED, decision.reason())
                    .training(decision.newLabelledRows(), outcomes.stream().mapToLong(LedgerEntry::rowsWritten).sum(),
                            outcome.trained() ? versions() : List.of(),
                            outcome.trained() ? outcome.gate().promoted() : null)
                    .build();
            new MonitoringHistory(storage, config.monitoringPath().get(), config.label()).write(config.runId(),
                    config.context().dpuSeconds(), List.of(r));
        }
    }

    private static TrainingRunReport report(TrainingConfig config, String startedAt, String status, String message,
                                            TrainingOutcome outcome, Stages times, TrainingOutputs outputs) {
        TrainingRunReport.Builder report = TrainingRunReport.builder()
                .run(JobKind.TRAINING.id(), config.runId(), config.label(), config.source().describe())
                .status(status, message)
                .period(startedAt, Instant.now().toString())
                .models(config.algorithms().stream().map(Algorithm::id).toList())
                .stages(times.watch().seconds(), times.costs().cpuSeconds(), times.costs().sparkJobs())
                .dpuSeconds(config.context().dpuSeconds().orElse(null));
        if (outcome != null) {
            report.decision(outcome.trained() ? MonitoringRecord.TRAINED : MonitoringRecord.SKIPPED, outcome.decision());
        }
        if (outcome != null && outcome.trained()) {
            report.champion(outcome.champion().model(), outcome.gate().promoted(), outcome.gate().reason(),
                            outcome.champion().trainRows(), outcome.champion().testRows())
                    .outputs(outcome.modelDir(), outputs.reportFile());
        }
        return report.build();
    }

    /** The run's stopwatch and what else each stage cost, lapped together at the end of each stage. */
    private record Stages(Stopwatch watch, StageCosts costs) implements AutoCloseable {
        void lap(String stage) {
            watch.lap(stage);
            costs.lap(stage);
        }

        @Override
        public void close() {
            costs.close();
        }

        /** "read and split 0.6 s (CPU 0.9 s, 2 Spark jobs), encode 0.8 s (CPU 1.2 s, 9 Spark jobs)" */
        @Override
        public String toString() {
            Map<String, Integer> jobs = costs.sparkJobs();
            Map<String, Double> cpu = costs.cpuSeconds();
            StringBuilder b = new StringBuilder();
            watch.seconds().forEach((stage, seconds) -> b.append(b.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f s (CPU %.1f s, %d Spark jobs)", stage, seconds,
                            cpu.getOrDefault(stage, 0.0), jobs.getOrDefault(stage, 0))));
            return b.toString();
        }
    }

    /**
     * The rows a run with this configuration trains and tests on: the source's columns plus {@code label}
     * (1.0 = yes) and {@code is_test}. Peer benchmarks fit on exactly these rows (bench/peer_models.sh).
     */
    public static Dataset<Row> splitRows(SparkSession spark, TrainingConfig config) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        return TrainingSplit.of(load(spark, storage, config), config.label(), config.testFraction(), config.seed()).marked();
    }

    private static Dataset<Row> load(SparkSession spark, Storage storage, TrainingConfig config) {
        List<String> needed = new ArrayList<>(config.features().inputColumns());
        needed.add(config.label());
        needed.add(BankSchema.RECORD_ID);
        Dataset<Row> data = config.source().read(spark, storage, needed);
        List<String> have = List.of(data.columns());
        // Keep every bank column, excluded ones too: the previous champion may read them when the quality
        // gate scores it on this run's test rows. Exclusion is the feature set's business, not the data's.
        List<String> kept = new ArrayList<>(List.of(BankSchema.RECORD_ID));
        BankSchema.columnNames().stream().filter(have::contains).forEach(kept::add);
        return data.select(kept.stream().map(functions::col).toArray(Column[]::new));
    }

    /** GBT checkpoints: on a cluster in shared storage (Glue's --TempDir), locally in a temporary folder. */
    private static void useCheckpointDir(SparkSession spark, TrainingConfig config) {
        if (config.context().tempDir().isPresent()) {
            spark.sparkContext().setCheckpointDir(Storage.join(new Storage(spark.sparkContext().hadoopConfiguration())
                    .resolve(config.context().tempDir().get()), "bankml-checkpoints/" + config.runId()));
        } else if (spark.sparkContext().getCheckpointDir().isEmpty()) {
            try {
                spark.sparkContext().setCheckpointDir(Files.createTempDirectory("bankml-checkpoints").toUri().toString());
            } catch (IOException e) {
                LOG.warn("No checkpoint directory ({}); long GBT runs may overflow the stack", e.getMessage());
            }
        }
    }

    static String round(double d) {
        return String.format(Locale.ROOT, "%.4f", d);
    }
}
