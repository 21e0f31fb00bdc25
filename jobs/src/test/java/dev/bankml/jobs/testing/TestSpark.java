package dev.bankml.jobs.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.SparkSessions;

/**
 * One local SparkSession per test JVM (local[2], 2 shuffle partitions, no UI), shared by every test
 * class of a module: starting Spark costs seconds, and the jobs under test join an existing session
 * exactly as they do inside the local runner. With spark-hive on the test classpath the session
 * also has a real catalog (embedded Derby metastore under target/).
 */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            Path work = workDir("spark");
            SparkSession.Builder b = SparkSession.builder()
                    .master("local[2]")
                    .appName("bankml-tests")
                    .config("spark.sql.shuffle.partitions", 2)
                    .config("spark.default.parallelism", 2)
                    .config("spark.ui.enabled", false)
                    .config("spark.sql.warehouse.dir", work.resolve("warehouse").toUri().toString())
                    .config("spark.driver.host", "127.0.0.1");
            if (SparkSessions.hiveAvailable()) {
                b.config("spark.hadoop.javax.jdo.option.ConnectionURL",
                                "jdbc:derby:;databaseName=" + work.resolve("metastore_db") + ";create=true")
                        .enableHiveSupport();
            }
            session = b.getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }

    /** A fresh, empty folder under the module's target/test-work/. */
    public static Path workDir(String name) {
        try {
            Path base = Path.of(System.getProperty("bankml.test.work", "target/test-work")).toAbsolutePath();
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root (Maven passes it; falls back to walking up to the folder holding data/sample). */
    public static Path projectRoot() {
        String prop = System.getProperty("bankml.project.root");
        if (prop != null && new File(prop, "data/sample").isDirectory()) {
            return Path.of(prop).toAbsolutePath();
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("data/sample"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the project root (a folder with data/sample)");
        }
        return p;
    }

    public static Path sampleCsv() {
        return projectRoot().resolve("data/sample/bank.csv");
    }
}
