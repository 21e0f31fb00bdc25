package dev.bankml.local;

import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a local run: every core of the laptop, small-data settings, no UI, and a
 * real catalog (Hive metastore in embedded Derby) standing in for the Glue Data Catalog.
 */
public final class LocalSession {
    private LocalSession() {
    }

    /**
     * @param catalogDir where the Derby metastore lives (created on first use)
     */
    public static SparkSession create(Path catalogDir) {
        Path dir = catalogDir.toAbsolutePath();
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the local catalog folder " + dir, e);
        }
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        SparkSession spark = SparkSession.builder()
                .appName("bankml-local")
                .master(System.getProperty("spark.master", "local[*]"))
                .config("spark.sql.shuffle.partitions", 4)
                .config("spark.default.parallelism", Math.max(2, Runtime.getRuntime().availableProcessors()))
                .config("spark.ui.enabled", Boolean.getBoolean("bankml.spark.ui"))
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.warehouse.dir", dir.resolve("spark-warehouse").toUri().toString())
                .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                        "jdbc:derby:;databaseName=" + dir.resolve("metastore_db") + ";create=true")
                .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
                .enableHiveSupport()
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }
}
