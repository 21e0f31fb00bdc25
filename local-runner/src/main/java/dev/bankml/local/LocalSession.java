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
        // A local stand-in for the Glue Data Catalog that every crawl rewrites: no disk sync per commit
        // (creating the metastore's schema takes seconds otherwise); the data itself is not in Derby.
        System.setProperty("derby.system.durability", "test");
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

    private static java.util.concurrent.CompletableFuture<Void> catalogStarted =
            java.util.concurrent.CompletableFuture.completedFuture(null);

    /**
     * Starts the embedded metastore (several seconds: Derby and its schema) on a background thread,
     * so that it overlaps with the work a run does before its first catalog call.
     */
    static synchronized void warmUpCatalog(SparkSession spark) {
        if (catalogStarted.isDone()) {
            catalogStarted = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    spark.catalog().databaseExists("default");
                } catch (RuntimeException e) {
                    // the first real catalog call reports it
                }
            });
        }
    }

    /** Waits until the metastore has started (or failed to: then the caller's own call says why). */
    static void awaitCatalog() {
        catalogStarted.join();
    }
}
