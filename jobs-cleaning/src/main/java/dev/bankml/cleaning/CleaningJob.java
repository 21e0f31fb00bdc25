package dev.bankml.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sum;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.JobMain;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.PartitionPublisher;
import dev.bankml.jobs.PipelineMetrics;
import dev.bankml.jobs.SparkSessions;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.MetricNames;

/**
 * Glue job 1: reads the raw bank CSV, validates and types every row, and publishes the cleaned rows
 * as snappy Parquet partitioned by {@code batch_id} and the rejected rows, with their reasons, to the
 * quarantine. Every data line ends in exactly one of the two; the run report proves it.
 */
public final class CleaningJob {
    private static final Logger LOG = LoggerFactory.getLogger(CleaningJob.class);
    /** The whole report as JSON goes to its own logger, so a console can leave it out. */
    private static final Logger REPORT_LOG = LoggerFactory.getLogger("dev.bankml.report.cleaning");

    public static void main(String[] argv) throws Exception {
        JobMain.run("cleaning", CleaningConfig.USAGE, argv, args -> {
            CleaningConfig.from(args); // refuse bad configuration before Spark starts
            execute(SparkSessions.forJob("bankml-cleaning", false, args), args);
        });
    }

    /** The job body for a caller that already has a session (the local runner): arguments as on Glue. */
    public static CleaningReport execute(SparkSession spark, dev.bankml.jobs.GlueArgs args) {
        CleaningConfig config = CleaningConfig.from(args);
        SparkSessions.configureS3(spark.sparkContext().hadoopConfiguration(), args);
        return run(spark, config);
    }

    /**
     * Runs the cleaning job in a session; returns the report (also written under the report path).
     *
     * @throws JobFailedException when the rejected share is above the limit or a data-quality check fails
     */
    public static CleaningReport run(SparkSession spark, CleaningConfig config) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        CleaningReport.Builder report = new CleaningReport.Builder();
        report.runId = config.runId();
        report.startedAt = Instant.now().toString();
        report.maxRejectedFraction = config.maxRejectedFraction();
        report.sourcePath = storage.resolve(config.sourcePath());
        report.targetPath = storage.resolve(config.targetPath());
        report.rejectedPath = storage.resolve(config.rejectedPath());
        long t0 = System.nanoTime();
        Dataset<Row> classified = null;
        Dataset<Row> valid = null;
        try {
            InputFiles input = RawInput.discover(storage, report.sourcePath, config.label(), config.requireLabel());
            report.inputFiles = input.layouts().stream().map(CleaningJob::describe).toList();
            report.emptyFiles = input.emptyFiles();
            logInput(input);
            lap(report, "discover_ms", t0);

            long t1 = System.nanoTime();
            classified = CleaningRules.classify(RawInput.readLines(spark, input), input.layoutsBySource())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            countLines(classified, report);
            valid = CleaningRules.validWithRecordIds(classified).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> cleaned = CleaningRules.cleaned(valid, config.duplicates());
            Dataset<Row> rejected = CleaningRules.rejected(classified, valid, config.duplicates());
            report.rowsPerPartition = countsBy(cleaned, BankSchema.BATCH_ID);
            report.rejectedPerPartition = countsBy(rejected, BankSchema.BATCH_ID);
            report.rowsWritten = report.rowsPerPartition.values().stream().mapToLong(Long::longValue).sum();
            report.rowsRejected = report.rejectedPerPartition.values().stream().mapToLong(Long::longValue).sum();
            report.rejectedByReason = new TreeMap<>(countsBy(rejected.select(explode(col(BankSchema.REASONS)).alias("reason")), "reason"));
            report.duplicates = duplicates(valid, config.duplicates());
            lap(report, "read_and_validate_ms", t1);
            if (report.rowsRead != report.rowsWritten + report.rowsRejected) {
                throw new IllegalStateException("row accounting broken: " + report.rowsRead + " rows read but "
                        + report.rowsWritten + " cleaned + " + report.rowsRejected + " rejected");
            }
            LOG.info("Read {} lines: {} rows, {} blank or header lines; {} rows valid, {} rejected {}",
                    report.linesRead, report.rowsRead, report.blankLines + report.headerLines, report.rowsWritten,
                    report.rowsRejected, report.rejectedByReason);

            long t2 = System.nanoTime();
            report.dataQuality = DataQualityChecks.run(cleaned, config.label(), config.requireLabel());
            lap(report, "data_quality_ms", t2);
            refuseToPublishIfBad(report, config);

            long t3 = System.nanoTime();
            PartitionPublisher.replacePartitions(rejected, report.rejectedPath, input.batchIds(),
                    report.rejectedPerPartition.keySet(), report.rowsRejected, BankSchema.LINE_NUMBER, storage);
            PartitionPublisher.replacePartitions(cleaned, report.targetPath, input.batchIds(),
                    report.rowsPerPartition.keySet(), report.rowsWritten, BankSchema.RECORD_ID, storage);
            lap(report, "publish_ms", t3);
            report.published = true;
            report.status = CleaningReport.SUCCEEDED;
            report.message = "cleaned " + report.rowsWritten + " rows into " + report.rowsPerPartition.size()
                    + " partition(s); quarantined " + report.rowsRejected;
            LOG.info("Published {} cleaned rows to {} and {} rejected rows to {}", report.rowsWritten,
                    report.targetPath, report.rowsRejected, report.rejectedPath);
            return finish(report, config, storage, t0);
        } catch (JobFailedException e) {
            report.message = e.getMessage();
            finish(report, config, storage, t0);
            throw e;
        } catch (RuntimeException e) {
            report.status = CleaningReport.FAILED;
            report.message = e.getMessage();
            finish(report, config, storage, t0);
            throw e;
        } finally {
            if (classified != null) {
                classified.unpersist();
            }
            if (valid != null) {
                valid.unpersist();
            }
        }
    }

    private static void refuseToPublishIfBad(CleaningReport.Builder report, CleaningConfig config) {
        double fraction = report.rowsRead == 0 ? 0.0 : (double) report.rowsRejected / report.rowsRead;
        if (fraction > config.maxRejectedFraction()) {
            report.status = CleaningReport.FAILED_QUALITY_GATE;
            throw new JobFailedException(String.format(java.util.Locale.ROOT,
                    "%d of %d rows (%.2f%%) were rejected, above --max_rejected_fraction %s; nothing was published. "
                            + "Look at the reasons in the run report (%s) and fix the input, or raise the limit.",
                    report.rowsRejected, report.rowsRead, 100 * fraction, config.maxRejectedFraction(),
                    reportFile(config, report.runId)));
        }
        List<CheckResult> failed = report.dataQuality.stream().filter(CheckResult::blocksPublishing).toList();
        if (!failed.isEmpty()) {
            report.status = CleaningReport.FAILED_QUALITY_GATE;
            throw new JobFailedException("data-quality checks failed on the cleaned data, nothing was published: "
                    + failed);
        }
    }

    private static void countLines(Dataset<Row> classified, CleaningReport.Builder report) {
        Map<String, Long> kinds = countsBy(classified, CleaningRules.LINE_KIND);
        report.blankLines = kinds.getOrDefault(LineKind.BLANK.name(), 0L);
        report.headerLines = kinds.getOrDefault(LineKind.HEADER.name(), 0L);
        report.rowsRead = kinds.getOrDefault(LineKind.DATA.name(), 0L);
        report.linesRead = report.blankLines + report.headerLines + report.rowsRead;
    }

    private static CleaningReport.Duplicates duplicates(Dataset<Row> valid, DuplicatePolicy policy) {
        long within = valid.filter(col(CleaningRules.OCCURRENCE).gt(0)).count();
        Row across = valid.groupBy(CleaningRules.CONTENT_HASH)
                .agg(countDistinct(col(BankSchema.SOURCE_FILE)).alias("files"), count("*").alias("n"))
                .filter(col("files").gt(1))
                .agg(sum("n"))
                .first();
        long acrossFiles = across.isNullAt(0) ? 0L : across.getLong(0);
        return new CleaningReport.Duplicates(within, acrossFiles, policy.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Row counts per value of a column, sorted by value. */
    static Map<String, Long> countsBy(Dataset<Row> rows, String column) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Row r : rows.groupBy(column).count().orderBy(column).collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    private static CleaningReport finish(CleaningReport.Builder builder, CleaningConfig config, Storage storage,
                                         long startNanos) {
        lap(builder, "total_ms", startNanos);
        builder.finishedAt = Instant.now().toString();
        CleaningReport report = builder.build();
        String json = Json.write(report);
        String reportDir = storage.resolve(config.reportPath());
        try {
            storage.writeString(Storage.join(reportDir, "cleaning-" + report.runId() + ".json"), json);
            storage.writeString(Storage.join(reportDir, "latest.json"), json);
            LOG.info("Cleaning run {} {}: {} (report: {})", report.runId(), report.status(), report.message(),
                    Storage.join(reportDir, "cleaning-" + report.runId() + ".json"));
        } catch (RuntimeException e) {
            LOG.error("Could not write the cleaning report to {}: {}", reportDir, e.getMessage());
        }
        REPORT_LOG.info("Cleaning report:\n{}", json);
        if (!report.status().equals(CleaningReport.FAILED)) {
            config.metrics().publish(PipelineMetrics.values(
                    MetricNames.ROWS_READ, report.rowsRead(),
                    MetricNames.ROWS_WRITTEN, report.published() ? report.rowsWritten() : 0,
                    MetricNames.ROWS_REJECTED, report.rowsRejected(),
                    MetricNames.REJECTED_FRACTION, report.rejectedFraction()), report.published());
        }
        return report;
    }

    static String reportFile(CleaningConfig config, String runId) {
        return Storage.join(config.reportPath(), "cleaning-" + runId + ".json");
    }

    private static CleaningReport.InputFile describe(FileLayout l) {
        String delimiter = l.delimiter() == '\t' ? "\\t" : String.valueOf(l.delimiter());
        return new CleaningReport.InputFile(l.sourceFile(), l.batchId(), delimiter, l.extraColumns(), l.missingColumns());
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

    private static void lap(CleaningReport.Builder report, String name, long startNanos) {
        report.timingsMs.put(name, (System.nanoTime() - startNanos) / 1_000_000);
    }
}
