package dev.bankml.cleaning;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.cleaning.audit.CheckResult;
import dev.bankml.cleaning.audit.CleaningCounts;
import dev.bankml.cleaning.audit.DataQualityChecks;
import dev.bankml.cleaning.audit.PublishGate;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.InputSplit;
import dev.bankml.cleaning.input.RawInput;
import dev.bankml.cleaning.ledger.Delivery;
import dev.bankml.cleaning.ledger.DeliveryChanges;
import dev.bankml.cleaning.pass.ContentKeys;
import dev.bankml.cleaning.pass.FileDigests;
import dev.bankml.cleaning.pass.SplitCleaner;
import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.cleaning.publication.Publication;
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
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.RunSettings;

/**
 * Glue job 1: reads the raw bank CSV, validates and types every row, and publishes the cleaned rows
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
        return String.format(java.util.Locale.ROOT, "%,d rows in: %,d cleaned, %,d quarantined%s%s", r.rowsRead(),
                r.rowsWritten(), r.rowsRejected(), r.rejectedByReason().isEmpty() ? "" : " " + r.rejectedByReason(),
                reuploaded(r.deliveries().stream().filter(CleaningReport.DeliveryReport::sameContent).count()));
    }

    private static String reuploaded(long n) {
        return n == 0 ? "" : "; " + n + (n == 1 ? " delivery" : " deliveries")
                + " uploaded again with the bytes it had: read, not published again";
    }

    /**
     * Runs the cleaning job in a session; returns the report (also written under the report path).
     *
     * @throws JobFailedException when the audit refuses to publish (rejected share, data quality, shrink)
     */
    public static CleaningReport run(SparkSession spark, CleaningConfig config) {
        config.context().applyTo(spark);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        CleaningRoots roots = CleaningRoots.of(storage, config);
        String startedAt = Instant.now().toString();
        Timings timings = new Timings();
        List<Delivery> deliveries = List.of();
        InputFiles input = null;
        CleaningCounts counts = CleaningCounts.NONE;
        List<CheckResult> checks = List.of();
        Map<String, Long> previous = Map.of();
        StagingArea staging = new StagingArea(storage, config.runId(), roots.target(), roots.rejected(),
                roots.others());
        Broadcast<SerializableWritable<Configuration>> hadoop = null;
        try {
            List<InputFiles.SourceFile> listed = RawInput.list(storage, roots.sources(config));
            staging.open(); // before the ledger is read: a run that died mid-publication is rolled back first
            deliveries = deliveries(storage, config, roots, listed);
            List<InputFiles.SourceFile> toClean = deliveries.stream().filter(Delivery::toClean).map(Delivery::file)
                    .toList();
            if (toClean.isEmpty()) {
                timings.lap("discover_ms");
                return finish(config, storage, CleaningReport.of(config, roots, startedAt, deliveries, null, counts,
                        checks, previous, Map.of(), new CleaningReport.Outcome(RunStatus.SUCCEEDED, nothingNew(deliveries),
                                false), timings.done()));
            }
            input = RawInput.readLayouts(storage, roots.source(), toClean, config.label(), config.requireLabel(),
                    config.encoding());
            logInput(input);
            timings.lap("discover_ms");

            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            hadoop = jsc.broadcast(new SerializableWritable<>(new Configuration(storage.conf())));
            List<InputSplit> splits = RawInput.plan(input, spark.sparkContext().defaultParallelism(), storage.conf());
            CleaningCounts.SplitIndex index = scanSplitFiles(jsc, config, input, splits, staging, hadoop);
            timings.lap("scan_ms");
            List<SplitResult> results = cleanAndStage(jsc, config, input, splits, staging, hadoop, index);
            timings.lap("clean_and_stage_ms");

            counts = CleaningCounts.of(results, splits, input);
            LOG.info("Read {} lines: {} rows, {} blank or header lines; {} rows valid, {} rejected {}",
                    counts.linesRead(), counts.rowsRead(), counts.blankLines() + counts.headerLines(),
                    counts.rowsWritten(), counts.rowsRejected(), counts.rejectedByReason());
            checks = DataQualityChecks.evaluate(counts.profile(), counts.distinctRecordIds(), config.label(),
                    config.requireLabel() && !input.hasLeads());
            previous = publishedRows(storage, input, roots);
            PublishGate.Verdict verdict = PublishGate.decide(counts, checks, previous, config.limits(), reportFile(config));
            Map<String, String> digests = FileDigests.of(results, splits, input);
            timings.lap("audit_ms");
            if (!verdict.publish()) {
                CleaningReport.Outcome refused = new CleaningReport.Outcome(verdict.status(), verdict.message(), false);
                finish(config, storage, CleaningReport.of(config, roots, startedAt, deliveries, input, counts, checks,
                        previous, digests, refused, timings.done()));
                throw new JobFailedException(verdict.message());
            }

            publication(storage, config, input, deliveries, splits, results, counts, digests, roots, staging).publish();
            timings.lap("publish_ms");
            String message = "cleaned " + counts.rowsWritten() + " rows into " + counts.rowsPerPartition().size()
                    + " partition(s); quarantined " + counts.rowsRejected()
                    + reuploaded(sameContent(deliveries, digests).size());
            LOG.info("Published {} cleaned rows to {} and {} rejected rows to {}", counts.rowsWritten(),
                    roots.tables(), counts.rowsRejected(), roots.rejected());
            return finish(config, storage, CleaningReport.of(config, roots, startedAt, deliveries, input, counts, checks,
                    previous, digests, new CleaningReport.Outcome(RunStatus.SUCCEEDED, message, true), timings.done()));
        } catch (JobFailedException e) {
            throw e; // refused by the audit: reported above
        } catch (Throwable e) {
            // Whatever failed (bad input, storage, Spark, a bug), the run still reports, naming the cause.
            CleaningReport.Outcome failed = new CleaningReport.Outcome(RunStatus.FAILED,
                    Failures.summary(e, storage.conf().get("fs.s3a.endpoint")), false);
            LOG.error("Cleaning run {} failed: {}", config.runId(), failed.message());
            LOG.debug("Cleaning run {} failed", config.runId(), e); // the caller logs or rethrows the trace
            finish(config, storage, CleaningReport.of(config, roots, startedAt, deliveries, input, counts, checks,
                    previous, Map.of(), failed, timings.done()));
            throw e;
        } finally {
            staging.close();
            if (hadoop != null) {
                hadoop.destroy();
            }
        }
    }

    /**
     * The files in the source folders, with what the ledger says of each: with a ledger only new and
     * changed deliveries (and those asked for with {@code --reprocess}) are cleaned; without one, all.
     */
    private static List<Delivery> deliveries(Storage storage, CleaningConfig config, CleaningRoots roots,
                                             List<InputFiles.SourceFile> listed) {
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
        List<Delivery> out = DeliveryChanges.classify(listed, new DeliveryLedger(storage, roots.ledger().get()).entries(),
                config.reprocess());
        Map<String, Long> byStatus = new TreeMap<>();
        out.forEach(d -> byStatus.merge(d.status().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum));
        LOG.info("Deliveries: {}", byStatus);
        return out;
    }

    private static String nothingNew(List<Delivery> deliveries) {
        return deliveries.isEmpty() ? "nothing delivered: no file in the delivery folders"
                : "nothing new: all " + deliveries.size() + " deliveries are in the ledger as they are; nothing cleaned";
    }

    /**
     * For files cut into several splits only: one scan that counts each split's lines (so every line
     * gets its number in the cleaning pass) and its content keys (so a record repeated across a split
     * boundary is still a duplicate). Whole files need none of this: their task sees every line.
     */
    private static CleaningCounts.SplitIndex scanSplitFiles(JavaSparkContext jsc, CleaningConfig config,
                                                            InputFiles input, List<InputSplit> splits,
                                                            StagingArea staging,
                                                            Broadcast<SerializableWritable<Configuration>> hadoop) {
        List<InputSplit> cut = splits.stream().filter(s -> !s.wholeFile()).toList();
        if (cut.isEmpty()) {
            return new CleaningCounts.SplitIndex(Map.of(), Map.of());
        }
        LOG.info("Scanning {} split(s) of {} large file(s) to number their lines", cut.size(),
                cut.stream().mapToInt(InputSplit::fileIndex).distinct().count());
        jsc.setJobDescription("cleaning " + config.runId() + ": scan line counts and keys");
        SplitCleaner.Plan plan = plan(config, input, staging, Map.of(), Map.of(), false);
        List<SplitResult> scans = jsc.parallelize(cut, cut.size())
                .mapPartitions(new SplitCleaner(SplitCleaner.Mode.SCAN, plan, hadoop)).collect();
        return CleaningCounts.SplitIndex.of(new ArrayList<>(scans), splits);
    }

    /** The pass: every split cleaned, both tables staged, everything counted. */
    private static List<SplitResult> cleanAndStage(JavaSparkContext jsc, CleaningConfig config, InputFiles input,
                                                   List<InputSplit> splits, StagingArea staging,
                                                   Broadcast<SerializableWritable<Configuration>> hadoop,
                                                   CleaningCounts.SplitIndex index) {
        if (splits.isEmpty()) {
            return List.of();
        }
        LOG.info("Cleaning {} file(s) ({} MB) in {} task(s), staging under {}", input.files().size(),
                input.totalBytes() >> 20, splits.size(), staging.cleanedStage());
        jsc.setJobDescription("cleaning " + config.runId() + ": clean and stage");
        SplitCleaner.Plan plan = plan(config, input, staging, index.firstLine(), index.earlier(),
                input.files().size() > 1);
        List<SplitResult> results = new ArrayList<>(jsc.parallelize(splits, splits.size())
                .mapPartitions(new SplitCleaner(SplitCleaner.Mode.CLEAN, plan, hadoop)).collect());
        results.sort(java.util.Comparator.comparingInt(r -> r.splitId));
        return results;
    }

    private static SplitCleaner.Plan plan(CleaningConfig config, InputFiles input, StagingArea staging,
                                          Map<Integer, Long> firstLine, Map<Integer, ContentKeys.Table> earlier,
                                          boolean exportKeys) {
        Map<Integer, FileLayout> layouts = new TreeMap<>();
        Map<Integer, String> recordPaths = new TreeMap<>();
        for (int f = 0; f < input.layouts().size(); f++) {
            layouts.put(f, input.layouts().get(f));
            recordPaths.put(f, input.files().get(f).relative());
        }
        return new SplitCleaner.Plan(layouts, recordPaths, config.encoding().name(), config.duplicates(), staging.cleanedStage(),
                staging.rejectedStage(), config.runId(), new TreeMap<>(firstLine), new TreeMap<>(earlier), exportKeys);
    }

    /**
     * The partitions of this run's files, each in its kind's table and in the quarantine, with staged
     * files (none: removed), and, with a ledger, each delivery's entry: published together, or not at all.
     */
    private static Publication publication(Storage storage, CleaningConfig config, InputFiles input,
                                           List<Delivery> deliveries, List<InputSplit> splits, List<SplitResult> results,
                                           CleaningCounts counts, Map<String, String> digests, CleaningRoots roots,
                                           StagingArea staging) {
        Map<String, List<String>> cleanedFiles = new TreeMap<>();
        Map<String, List<String>> rejectedFiles = new TreeMap<>();
        for (String batch : input.batchIds()) {
            cleanedFiles.put(batch, new ArrayList<>());
            rejectedFiles.put(batch, new ArrayList<>());
        }
        for (SplitResult r : results) {
            String batch = input.layouts().get(splits.get(r.splitId).fileIndex()).batchId();
            if (r.cleanedFile != null) {
                cleanedFiles.get(batch).add(r.cleanedFile);
            }
            if (r.rejectedFile != null) {
                rejectedFiles.get(batch).add(r.rejectedFile);
            }
        }
        List<Publication.Change> changes = new ArrayList<>();
        java.util.Set<String> sameContent = sameContent(deliveries, digests);
        for (InputFiles.SourceFile f : input.files()) {
            String batch = f.batchId();
            if (sameContent.contains(batch)) {
                LOG.info("Delivery {} was uploaded again with the bytes it had: its partitions stay as they are", f.identity());
                continue;
            }
            addChange(changes, Publication.change(storage, roots.tableOf(f.kind()), staging.cleanedStage(), batch,
                    cleanedFiles.get(batch)));
            addChange(changes, Publication.change(storage, roots.rejected(), staging.rejectedStage(), batch,
                    rejectedFiles.get(batch)));
        }
        roots.ledger().ifPresent(ledger -> {
            String stage = staging.stage(ledger);
            String now = Instant.now().toString();
            for (Delivery d : deliveries) {
                if (!d.toClean()) {
                    continue;
                }
                InputFiles.SourceFile f = d.file();
                String batch = f.batchId();
                long written = counts.rowsPerPartition().getOrDefault(batch, 0L);
                long rejected = counts.rejectedPerPartition().getOrDefault(batch, 0L);
                String digest = digests.getOrDefault(batch, FileDigests.EMPTY_FILE);
                LedgerEntry entry = sameContent.contains(batch) ? refreshed(d.previous().orElseThrow(), f) : new LedgerEntry(f.kind().id(), f.identity(), batch, roots.tableOf(f.kind()),
                        f.length(), f.modifiedAt(), FileDigests.digest(digest), FileDigests.scheme(digest), now,
                        config.runId(), config.context().cycleId(), d.status().name().toLowerCase(java.util.Locale.ROOT),
                        written + rejected, written, rejected);
                String staged = DeliveryLedger.entryFile(stage, batch);
                storage.writeString(staged, Json.write(entry));
                changes.add(Publication.change(storage, ledger, stage, batch, List.of(staged)));
            }
        });
        return new Publication(storage, staging.cleanedStage(), config.runId(), changes);
    }

    /**
     * The changed deliveries whose bytes are those the ledger has (uploaded again as they were): nothing
     * of them is published again, so nothing downstream processes them twice; only their ledger entry
     * learns the new modification time. A reprocessing asked for is published whatever its bytes.
     */
    static java.util.Set<String> sameContent(List<Delivery> deliveries, Map<String, String> digests) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Delivery d : deliveries) {
            String batch = d.file().batchId();
            String digest = digests.getOrDefault(batch, d.file().length() == 0 ? FileDigests.EMPTY_FILE : null);
            if (d.status() == Delivery.Status.CHANGED && digest != null && d.previous().isPresent()
                    && FileDigests.digest(digest).equals(d.previous().get().contentDigest())) {
                out.add(batch);
            }
        }
        return out;
    }

    /** A ledger entry with the file's new size and modification time, and everything else as it was. */
    private static LedgerEntry refreshed(LedgerEntry e, InputFiles.SourceFile f) {
        return new LedgerEntry(e.kind(), e.sourceFile(), e.batchId(), e.table(), f.length(), f.modifiedAt(),
                e.contentDigest(), e.digestScheme(), e.cleanedAt(), e.cleanedByRun(), e.cycleId(), e.status(),
                e.rowsRead(), e.rowsWritten(), e.rowsRejected());
    }

    private static void addChange(List<Publication.Change> changes, Publication.Change c) {
        if (!c.files().isEmpty() || c.hadPrevious()) {
            changes.add(c);
        }
    }

    /** Rows now published in each partition this run would replace (its kind's table), from the Parquet footers. */
    static Map<String, Long> publishedRows(Storage storage, InputFiles input, CleaningRoots roots) {
        Map<String, Long> out = new TreeMap<>();
        for (InputFiles.SourceFile f : input.files()) {
            publishedRows(storage, roots.tableOf(f.kind()), List.of(f.batchId())).forEach(out::put);
        }
        return out;
    }

    /** Rows now published in each of the given partitions of a cleaned table, from the Parquet footers. */
    static Map<String, Long> publishedRows(Storage storage, String target, List<String> batches) {
        Map<String, Long> out = new TreeMap<>();
        for (String batch : batches) {
            String partition = Storage.join(target, BankSchema.BATCH_ID + "=" + batch);
            long rows = 0;
            boolean exists = false;
            for (FileStatus f : storage.list(partition)) {
                exists = true;
                String name = f.getPath().getName();
                if (f.isFile() && name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
                    rows += footerRows(storage.conf(), f.getPath());
                }
            }
            if (exists) {
                out.put(batch, rows);
            }
        }
        return out;
    }

    private static long footerRows(Configuration conf, Path file) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            return r.getRecordCount();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the footer of the published file " + file
                    + " (to compare partition sizes): " + e.getMessage(), e);
        }
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
            config.context().metrics().publish(PipelineMetrics.values(
                    MetricNames.ROWS_READ, report.rowsRead(),
                    MetricNames.ROWS_WRITTEN, report.published() ? report.rowsWritten() : 0,
                    MetricNames.ROWS_REJECTED, report.rowsRejected(),
                    MetricNames.REJECTED_FRACTION, report.rejectedFraction()), report.published());
        }
        return report;
    }

    private static String fallbackReport(String runId, String json) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "bankml-reports");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Path f = dir.resolve("cleaning-" + runId + ".json");
            java.nio.file.Files.writeString(f, json);
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
            LOG.info("  {} -> partition {}={}, delimiter '{}'{}{}", l.sourceFile(), BankSchema.BATCH_ID, l.batchId(),
                    l.delimiter() == '\t' ? "\\t" : l.delimiter(),
                    l.extraColumns().isEmpty() ? "" : ", extra columns dropped: " + l.extraColumns(),
                    l.missingColumns().isEmpty() ? "" : ", absent (optional): " + l.missingColumns());
        }
    }

    /** Milliseconds per phase of the run, in order. */
    private static final class Timings {
        private final long start = System.nanoTime();
        private long last = start;
        private final Map<String, Long> laps = new LinkedHashMap<>();

        void lap(String name) {
            long now = System.nanoTime();
            laps.put(name, (now - last) / 1_000_000);
            last = now;
        }

        Map<String, Long> done() {
            Map<String, Long> out = new LinkedHashMap<>(laps);
            out.put("total_ms", (System.nanoTime() - start) / 1_000_000);
            return out;
        }
    }
}
