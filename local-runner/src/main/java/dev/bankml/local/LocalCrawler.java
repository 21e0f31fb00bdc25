package dev.bankml.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
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

    /**
     * Registers a table per target folder of the step that holds files; a missing or empty folder has no
     * table (one registered earlier in this session, for another warehouse, is dropped: a cleaned table
     * whose only delivery was refused must not be read from elsewhere).
     */
    static List<Crawl> crawl(SparkSession spark, Storage storage, String database, Step step) {
        Step.Crawler c = step.crawler().orElseThrow();
        List<Crawl> out = new ArrayList<>();
        for (int i = 0; i < c.targets().size(); i++) {
            String location = storage.resolve(c.targets().get(i));
            if (!storage.exists(location) || storage.listDataFiles(location).isEmpty()) {
                spark.sql("DROP TABLE IF EXISTS " + database + "." + c.tableNames().get(i));
                continue;
            }
            out.add(crawl(spark, storage, database + "." + c.tableNames().get(i), location));
        }
        return out;
    }

    private static Crawl crawl(SparkSession spark, Storage storage, String table, String location) {
        if (isCsv(storage, location)) {
            String firstFile = storage.listDataFiles(location).get(0).getPath().toString();
            String header = storage.firstLine(firstFile).orElse("");
            String sep = header.chars().filter(ch -> ch == ';').count() > header.chars().filter(ch -> ch == ',').count()
                    ? ";" : ",";
            Map<String, String> options = new LinkedHashMap<>();
            options.put("path", location);
            options.put("header", "true");
            options.put("sep", sep);
            // The raw table is for people to look at (Athena): its columns, named by the header, as text. Reading
            // no row keeps a cycle with nothing new cheap; the cleaning job types the values, not the catalog.
            StructType schema = new StructType();
            for (String name : header.replace("\uFEFF", "").split(Pattern.quote(sep), -1)) {
                schema = schema.add(name.strip().replace("\"", ""), DataTypes.StringType);
            }
            replaceTable(spark, table);
            spark.catalog().createTable(table, "csv", schema, options);
            return new Crawl(table, schema.size(), 0, "csv");
        }
        replaceTable(spark, table);
        spark.sql("CREATE TABLE " + table + " USING parquet LOCATION '" + location.replace("'", "\\'") + "'");
        List<String> columns = List.of(spark.table(table).columns());
        // Partition folders (name=value), as a crawler finds them; registered without a Spark job per table.
        long partitions = storage.list(location).stream()
                .filter(f -> f.isDirectory() && f.getPath().getName().matches("[^_.][^=]*=.+")).count();
        if (partitions > 0) {
            spark.catalog().recoverPartitions(table);
        }
        return new Crawl(table, columns.size(), partitions, "parquet");
    }

    private static void replaceTable(SparkSession spark, String table) {
        spark.sql("CREATE DATABASE IF NOT EXISTS " + table.substring(0, table.indexOf('.')));
        spark.sql("DROP TABLE IF EXISTS " + table);
    }

    private static boolean isCsv(Storage storage, String location) {
        return storage.listDataFiles(location).stream().noneMatch(f -> f.getPath().getName().endsWith(".parquet"));
    }
}
