package dev.bankml.cleaning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.input.BatchIds;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.testing.TestSpark;

/** Runs the cleaning job on local files into a fresh folder and reads back what it published. */
public final class CleaningTestRun {
    final Path work;
    final String target;
    final String rejected;
    final String reports;

    CleaningTestRun(Path work) {
        this.work = work;
        this.target = work.resolve("cleaned").toString();
        this.rejected = work.resolve("rejected").toString();
        this.reports = work.resolve("reports").toString();
    }

    public static CleaningTestRun fresh() {
        return new CleaningTestRun(TestSpark.workDir("cleaning"));
    }

    public static Path fixture(String name) {
        return TestSpark.projectRoot().resolve("jobs-cleaning/src/test/resources/fixtures/" + name);
    }

    /** The partition of a local file: named after its absolute path. */
    static String batchOf(Path file) {
        return BatchIds.of(file.toAbsolutePath().toString());
    }

    public CleaningReport run(Path source, String... extraArgs) {
        List<String> argv = new ArrayList<>(List.of("--source_path", source.toString(), "--target_path", target,
                "--rejected_path", rejected, "--report_path", reports, "--max_rejected_fraction", "1"));
        argv.addAll(List.of(extraArgs));
        return CleaningJob.run(spark(), CleaningConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
    }

    public static SparkSession spark() {
        return TestSpark.session();
    }

    public Dataset<Row> cleaned() {
        return spark().read().parquet(target);
    }

    public Dataset<Row> quarantine() {
        return spark().read().parquet(rejected);
    }

    /** Every row of the cleaned table (or the quarantine), as strings, sorted. */
    List<String> rows(boolean cleaned) {
        return (cleaned ? cleaned() : quarantine()).collectAsList().stream().map(Row::toString).sorted().toList();
    }

    /** Every file and folder under a folder, as relative paths, sorted (empty if it does not exist). */
    static List<String> tree(Path root) {
        if (!java.nio.file.Files.exists(root)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).filter(p -> !p.isEmpty()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The 17 data columns of every cleaned row, sorted, as strings (for whole-row comparisons). */
    List<String> cleanedRecords() {
        return cleaned().select(BankSchema.columnNames().stream().map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new))
                .collectAsList().stream().map(Row::toString).sorted().toList();
    }
}
