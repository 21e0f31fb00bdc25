package dev.bankml.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a local run: every core of the laptop, small-data settings, no UI, and
 * Spark's in-memory catalog standing in for the Glue Data Catalog: the local crawlers register the
 * raw and cleaned tables in it and the training and scoring steps read them from it, within the
 * run. (An embedded Hive metastore would keep the tables between commands, but costs about 4 s of
 * every run to start, and nothing here reads a table in a later command; the jobs' catalog path is
 * tested against a real Hive metastore in their own modules.)
 */
public final class LocalSession {
    private LocalSession() {
    }

    /**
     * @param workDir where Spark keeps its warehouse folder (managed tables: none are created)
     */
    public static SparkSession create(Path workDir) {
        Path dir = workDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local catalog folder " + dir, e);
        }
        SparkSession spark = SparkSession.builder()
                .appName("bankml-local")
                .master(System.getProperty("spark.master", "local[*]"))
                .config("spark.sql.shuffle.partitions", 4)
                .config("spark.default.parallelism", Math.max(2, Runtime.getRuntime().availableProcessors()))
                .config("spark.ui.enabled", Boolean.getBoolean("bankml.spark.ui"))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.warehouse.dir", dir.resolve("spark-warehouse").toUri().toString())
                .config("spark.sql.catalogImplementation", "in-memory")
                .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
