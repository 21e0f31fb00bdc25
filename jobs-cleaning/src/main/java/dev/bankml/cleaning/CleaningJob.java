package dev.bankml.cleaning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.cleaning.audit.CleaningCounts;
import dev.bankml.cleaning.audit.DataQualityChecks;
import dev.bankml.cleaning.audit.DeliveryGate;
import dev.bankml.cleaning.audit.IncompleteUploads;
import dev.bankml.cleaning.audit.PublishGate;
import dev.bankml.cleaning.input.DeliveryLayouts;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.RawInput;
import dev.bankml.cleaning.input.Refusal;
import dev.bankml.cleaning.ledger.Delivery;
import dev.bankml.cleaning.ledger.DeliveryChanges;
import dev.bankml.cleaning.ledger.DeliveryOutcomes;
import dev.bankml.cleaning.pass.KeySet;
import dev.bankml.cleaning.publication.StagingArea;
import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.Failures;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.JobMain;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.PipelineMetrics;
import dev.bankml.jobs.RunStatus;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseBusyException;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.RunSettings;

/**
 * The cleaning job: reads the raw bank CSV, validates and types every row, and publishes the cleaned rows
 * as snappy Parquet partitioned by {@code batch_id} and the rejected rows, with their reasons, to the
 * quarantine. Every data line ends in exactly one of the two; the run report proves it.
 *
 * <p>The run is write, audit, publish: one pass over the input (one Spark job; a line-counting scan
 * first only for files cut into several splits) writes both tables into a private staging folder and
 * counts everything on the way; the counts are audited (row accounting, rejected share, data-quality
 * checks, partition shrink); only then are the table and the quarantine published, together.
 */
public final class CleaningJob {
    private static final Logger LOG = LoggerFactory.getLogger(CleaningJob.class);
    /** The whole report as JSON goes to its own logger, so a console can leave it out. */
    private static final Logger REPORT_LOG = LoggerFactory.getLogger("dev.bankml.report.cleaning");
    /** The job, as its main, the local runner and the benchmark call it. */
    public static final PipelineJob<CleaningConfig, CleaningReport> JOB = PipelineJob.of(JobKind.CLEANING,
            CleaningConfig.USAGE, CleaningConfig::from, config -> false, CleaningJob::run, CleaningJob::summary);

    private CleaningJob() {
    }

    public static void main(String[] argv) throws Exception {
        JobMain.run(JOB, argv);
    }

    private static String summary(CleaningReport r) {
        CleaningReport.Publication p = r.publication();
        return String.format(Locale.ROOT, "%,d rows in: %,d cleaned, %,d quarantined%s%s", r.rowsRead(),
                p.rowsWritten(), p.rowsRejected(), p.rejectedByReason().isEmpty() ? "" : " " + p.rejectedByReason(),
                DeliveryNotes.of(r));
    }

    /**
     * Runs the cleaning job in a session; returns the report (also written under the report path). In a
     * cycle (with a ledger) the run holds the warehouse ({@link WarehouseLock}), and a delivery it refuses
     * is set aside while the others are published.
     *
     * @throws JobFailedException when the audit refuses to publish (rejected share, data quality, shrink)
     * @throws WarehouseBusyException when another cycle holds the warehouse
     */
    public static CleaningReport run(SparkSession spark, CleaningConfig config) {
        config.context().applyTo(spark);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        CleaningRoots roots = CleaningRoots.of(storage, config);
        try (WarehouseLock lock = roots.ledger().map(l -> WarehouseLock.take(storage, l, "cleaning job",
                config.context().cycleId(), config.runId())).orElse(null)) {
            return run(spark, storage, new CleaningRun(config, roots));
        }
    }

    private static CleaningReport run(SparkSession spark, Storage storage, CleaningRun run) {
        CleaningConfig config = run.config;
        StagingArea staging = new StagingArea(storage, config.runId(), run.roots.target(), run.roots.rejected(),
                run.roots.others());
        try {
            List<InputFiles.SourceFile> listed = RawInput.list(storage, run.roots.sources(config));
            staging.open(); // before the ledger is read: a run that died mid-publication is rolled back first
            run.ledger = run.roots.ledger().map(l -> new DeliveryLedger(storage, l).entries()).orElse(List.of());
            run.deliveries = deliveries(config, run.roots, listed, run.ledger);
            if (run.toClean().isEmpty()) {
                run.outcomes = DeliveryOutcomes.decide(run.deliveries, null, run.ledger, NOTHING_READ);
                run.watch.lap("discover");
                return finish(config, storage, run.report(RunStatus.SUCCEEDED, nothingNew(run), false));
            }
            run.input = DeliveryLayouts.read(storage, run.roots.source(), run.toClean(), reading(config));
            logInput(run.input);
            run.watch.lap("discover");

            Map<String, KeySet> history = history(storage, run);
            try (CleaningPass pass = CleaningPass.start(spark, storage, config, staging)) {
                run.splits = pass.plan(run.input, storage);
                CleaningCounts.SplitIndex index = pass.scan(run.input, run.splits);
                run.watch.lap("scan");
                run.results = pass.cleanAndStage(run.input, run.splits, index, history);
                run.watch.lap("clean_and_stage");
            }

            PublishGate.Verdict verdict = audit(storage, run);
            run.watch.lap("audit");
            if (!verdict.publish()) {
                finish(config, storage, run.report(verdict.status(), verdict.message(), false));
                throw new JobFailedException(verdict.message());
            }

            CleaningPublication.of(storage, run, staging).publish();
            run.watch.lap("publish");
            return finish(config, storage, run.report(RunStatus.SUCCEEDED, published(run), true));
        } catch (JobFailedException e) {
            throw e; // refused by the audit: reported above
        } catch (Throwable e) {
            // Whatever failed (bad input, storage, Spark, a bug), the run still reports, naming the cause.
            String cause = Failures.summary(e, storage.conf().get("fs.s3a.endpoint"));
            LOG.error("Cleaning run {} failed: {}", config.runId(), cause);
            LOG.debug("Cleaning run {} failed", config.runId(), e); // the caller logs or rethrows the trace
            finish(config, storage, run.failed(cause));
            throw e;
        } finally {
            staging.close();
        }
    }

    private static final DeliveryOutcomes.Findings NOTHING_READ = new DeliveryOutcomes.Findings(Map.of(), Map.of(),
            Map.of(), false, true);

    private static DeliveryLayouts.Reading reading(CleaningConfig config) {
        return new DeliveryLayouts.Reading(config.label(), config.requireLabel(), config.encoding(), config.inCycle(),
                config.rules().leadsAsOutcomes());
    }

    /** The keys of the records published before, of the kinds this run cleans (none outside a cycle). */
    private static Map<String, KeySet> history(Storage storage, CleaningRun run) {
        if (run.roots.ledger().isEmpty()) {
            return Map.of();
        }
        Set<DeliveryKind> kinds = run.input.files().stream().map(InputFiles.SourceFile::kind).collect(Collectors.toSet());
        Set<String> cleanedNow = run.toClean().stream().map(InputFiles.SourceFile::batchId).collect(Collectors.toSet());
        Map<String, KeySet> history = PublishedKeys.history(storage, run.roots.ledger().get(), run.ledger, kinds,
                cleanedNow);
        run.watch.lap("history_keys");
        return history;
    }

    /**
     * Counts the pass's results and decides from them whether the run may publish and, in a cycle, what
     * becomes of each delivery.
     */
    private static PublishGate.Verdict audit(Storage storage, CleaningRun run) {
        CleaningConfig config = run.config;
        run.counts = CleaningCounts.of(run.results, run.splits, run.input);
        CleaningCounts counts = run.counts;
        LOG.info("Read {} lines: {} rows, {} blank or header lines; {} rows valid, {} rejected {}",
                counts.linesRead(), counts.rowsRead(), counts.blankLines() + counts.headerLines(),
                counts.rowsWritten(), counts.rowsRejected(), counts.rejectedByReason());
        run.checks = DataQualityChecks.evaluate(counts.profile(), counts.distinctRecordIds(), config.label(),
                config.requireLabel() && !run.input.hasLeads());
        run.previousRows = CleaningPublication.publishedRows(storage, run.input, run.roots);
        run.digests = CleaningRun.digests(run.results, run.splits, run.input, run.toClean());
        Map<String, Refusal> refusals = config.inCycle() ? DeliveryGate.refusals(counts, run.input, run.previousRows,
                config.limits(), config.label(), reportFile(config)) : Map.of();
        run.outcomes = DeliveryOutcomes.decide(run.deliveries, run.input, run.ledger, new DeliveryOutcomes.Findings(
                refusals, IncompleteUploads.of(run.results, run.splits, run.input), run.digests,
                config.rules().holdIncomplete(), config.inCycle()));
        DeliveryNotes.log(run.outcomes);
        return config.inCycle() ? PublishGate.decideRunWide(counts, run.checks)
                : PublishGate.decide(counts, run.checks, run.previousRows, config.limits(), reportFile(config));
    }

    private static String published(CleaningRun run) {
        CleaningReport so = run.report(RunStatus.SUCCEEDED, "", true);
        long deliveries = run.outcomes(DeliveryOutcomes.Kind.PUBLISHED).size();
        LOG.info("Published {} cleaned rows to {} and {} rejected rows to {}", so.publication().rowsWritten(),
                run.roots.tables(), so.publication().rowsRejected(), run.roots.rejected());
        return String.format(Locale.ROOT, "published %d deliver%s: %,d rows cleaned, %,d quarantined%s", deliveries,
                deliveries == 1 ? "y" : "ies", so.publication().rowsWritten(), so.publication().rowsRejected(),
                DeliveryNotes.of(so));
    }

    /**
     * The files in the source folders, with what the ledger says of each: with a ledger only new and
     * changed deliveries (and those asked for with {@code --reprocess}) are cleaned; without one, all.
     */
    private static List<Delivery> deliveries(CleaningConfig config, CleaningRoots roots,
                                             List<InputFiles.SourceFile> listed, List<LedgerEntry> ledger) {
        if (roots.ledger().isEmpty()) {
            return listed.stream().map(f -> new Delivery(f, Delivery.Status.NEW, Optional.empty())).toList();
        }
        config.reprocess().filter(r -> !r.equalsIgnoreCase(DeliveryChanges.ALL)).ifPresent(r -> {
            if (!DeliveryChanges.namesAny(r, listed)) {
                throw new JobConfigurationException(RunSettings.REPROCESS.flag() + " names '" + r + "', which is no "
                        + "delivery under " + roots.sources(config).stream().map(RawInput.Source::location).toList()
                        + "; give a file name, a location, a batch id, or all");
            }
        });
        List<Delivery> out = DeliveryChanges.classify(listed, ledger, config.reprocess(), roots.deliveryFolders());
        Map<String, Long> byStatus = new TreeMap<>();
        out.forEach(d -> byStatus.merge(d.status().name().toLowerCase(Locale.ROOT), 1L, Long::sum));
        LOG.info("Deliveries: {}", byStatus);
        return out;
    }

    private static String nothingNew(CleaningRun run) {
        List<Delivery> deliveries = run.deliveries;
        return deliveries.isEmpty() ? "nothing delivered: no file in the delivery folders"
                : "nothing new: all " + deliveries.size() + " deliveries are in the ledger as they are; nothing cleaned"
                        + DeliveryNotes.of(run.report(RunStatus.SUCCEEDED, "", false));
    }

    /** Writes the report where it belongs (or, if that fails, where it can), publishes the run's metrics. */
    private static CleaningReport finish(CleaningConfig config, Storage storage, CleaningReport report) {
        String json = Json.write(report);
        String reportDir = storage.resolve(config.reportPath());
        String file = Storage.join(reportDir, "cleaning-" + report.runId() + ".json");
        boolean storeUnanswered = report.status().equals(RunStatus.FAILED)
                && report.message().startsWith("the S3 endpoint ") && reportDir.startsWith("s3");
        try {
            if (storeUnanswered) {
                throw new IllegalStateException("the report's store is the S3 endpoint that did not answer");
            }
            storage.writeString(file, json);
            storage.writeString(Storage.join(reportDir, "latest.json"), json);
            LOG.info("Cleaning run {} {}: {} (report: {})", report.runId(), report.status(), report.message(), file);
        } catch (RuntimeException e) {
            String fallback = fallbackReport(report.runId(), json);
            LOG.error("Could not write the cleaning report to {} ({}); it was written to {}", reportDir,
                    Failures.summary(e), fallback);
        }
        REPORT_LOG.info("Cleaning report:\n{}", json);
        if (!report.status().equals(RunStatus.FAILED)) {
            Map<MetricNames.Metric, Double> values = PipelineMetrics.values(
                    MetricNames.ROWS_READ, report.rowsRead(),
                    MetricNames.ROWS_WRITTEN, report.publication().rowsWritten(),
                    MetricNames.ROWS_REJECTED, report.rowsRejected(),
                    MetricNames.REJECTED_FRACTION, report.rejectedFraction());
            if (config.inCycle()) { // only a cycle sets a delivery aside: the alarm's metric
                values.put(MetricNames.DELIVERIES_REFUSED, (double) report.publication().refused().size());
            }
            config.context().metrics().publish(values, report.published());
        }
        return report;
    }

    private static String fallbackReport(String runId, String json) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "bankml-reports");
            Files.createDirectories(dir);
            Path f = dir.resolve("cleaning-" + runId + ".json");
            Files.writeString(f, json);
            return f.toString();
        } catch (IOException e) {
            return "nowhere (" + e.getMessage() + "); it is in the log";
        }
    }

    static String reportFile(CleaningConfig config) {
        return Storage.join(config.reportPath(), "cleaning-" + config.runId() + ".json");
    }

    private static void logInput(InputFiles input) {
        LOG.info("Reading {} file(s) under {}{}", input.layouts().size(), input.root(),
                input.emptyFiles().isEmpty() ? "" : " (empty, skipped: " + input.emptyFiles() + ")");
        for (FileLayout l : input.layouts()) {
            LOG.info("  {} -> partition {}={}, delimiter '{}'{}{}{}", l.sourceFile(), BankSchema.BATCH_ID, l.batchId(),
                    l.delimiter() == '\t' ? "\\t" : l.delimiter(),
                    l.extraColumns().isEmpty() ? "" : ", extra columns dropped: " + l.extraColumns(),
                    l.missingColumns().isEmpty() ? "" : ", absent (optional): " + l.missingColumns(),
                    l.ignoredColumns().isEmpty() ? "" : ", not read (a lead needs no label or after-call column): "
                            + l.ignoredColumns().keySet());
        }
    }
}
