package dev.bankml.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import dev.bankml.jobs.Storage;
import dev.bankml.workflow.Step;

/**
 * What a Glue crawler does, done against the local catalog: look at the files under a prefix, infer
 * their schema, and (re-)register one table for them, with its partitions. Raw CSV gets its schema
 * inferred from the data (as Glue's CSV classifier does); Parquet carries its own.
 */
final class LocalCrawler {
    private LocalCrawler() {
    }

    /** What a crawl registered. */
    record Crawl(String table, int columns, long partitions, String format) {
    }

    static Crawl crawl(SparkSession spark, Storage storage, String database, Step step) {
        Step.Crawler c = step.crawler().orElseThrow();
        String table = database + "." + c.tableName();
        String location = storage.resolve(c.target());
        if (isCsv(storage, location)) {
            String firstFile = storage.listDataFiles(location).get(0).getPath().toString();
            String header = storage.firstLine(firstFile).orElse("");
            String sep = header.chars().filter(ch -> ch == ';').count() > header.chars().filter(ch -> ch == ',').count()
                    ? ";" : ",";
            Map<String, String> options = new LinkedHashMap<>();
            options.put("path", location);
            options.put("header", "true");
            options.put("sep", sep);
            StructType schema = spark.read().option("header", "true").option("sep", sep).option("inferSchema", true)
                    .option("samplingRatio", 0.1).csv(location).schema();
            replaceTable(spark, database, table);
            spark.catalog().createTable(table, "csv", schema, options);
            return new Crawl(table, schema.size(), 0, "csv");
        }
        replaceTable(spark, database, table);
        spark.sql("CREATE TABLE " + table + " USING parquet LOCATION '" + location.replace("'", "\\'") + "'");
        List<String> columns = List.of(spark.table(table).columns());
        long partitions = 0;
        Dataset<Row> cols = spark.sql("DESCRIBE TABLE " + table);
        boolean partitioned = cols.collectAsList().stream().anyMatch(r -> r.getString(0).equals("# Partition Information"));
        if (partitioned) {
            spark.catalog().recoverPartitions(table);
            partitions = spark.sql("SHOW PARTITIONS " + table).count();
        }
        return new Crawl(table, columns.size(), partitions, "parquet");
    }

    private static void replaceTable(SparkSession spark, String database, String table) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
        spark.sql("DROP TABLE IF EXISTS " + table);
    }

    private static boolean isCsv(Storage storage, String location) {
        return storage.listDataFiles(location).stream().noneMatch(f -> f.getPath().getName().endsWith(".parquet"));
    }
}
