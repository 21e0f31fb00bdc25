package dev.bankml.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.catalog.CatalogTable;
import dev.bankml.workflow.catalog.CleanedTables;
import dev.bankml.workflow.catalog.OutputTables;
import dev.bankml.workflow.settings.DeploymentSettings;

/**
 * {@code bin/pipeline sql "SELECT ..."}: a query over the warehouse's tables, the ones analysts query on
 * AWS with Athena, under the same names in the same database ({@code bankml}, as the local jobs name it):
 * the cleaned tables, the scored leads, the monitoring and metrics histories. Each is
 * registered over its folder (partitions found from its folders) before the query runs.
 */
final class SqlCommand {
    /** At most this many rows are printed (the query can LIMIT itself). */
    static final int MAX_ROWS = 100;

    private SqlCommand() {
    }

    static int run(Command.Console console, Invocation in) {
        if (in.operands().size() != 1) {
            throw new JobConfigurationException("bin/pipeline sql takes one query, in quotes: bin/pipeline sql "
                    + "\"SELECT * FROM " + OutputTables.SCORED_LEADS.name() + " LIMIT 10\"");
        }
        GlueArgs given = in.options();
        SparkSession spark = LocalSession.create(RunnerPaths.catalog(given));
        String database = given.get(DeploymentSettings.DATABASE_NAME);
        List<String> registered = register(spark, StorageLayout.underOneRoot(RunnerPaths.warehouse(given).toString()),
                database);
        Dataset<Row> result;
        try {
            result = spark.sql(in.operands().get(0));
        } catch (RuntimeException e) {
            throw new JobConfigurationException("the query cannot run: " + firstLine(e.getMessage()) + " (tables: "
                    + String.join(", ", registered) + ")");
        }
        print(console, result);
        return 0;
    }

    /**
     * Registers every analyst table whose folder holds data in {@code database} (and as the current one,
     * so names need no prefix); returns their names.
     */
    static List<String> register(SparkSession spark, StorageLayout layout, String database) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
        spark.sql("USE " + database);
        List<String> out = new ArrayList<>();
        for (CatalogTable t : tables()) {
            String location = storage.resolve(t.location(layout));
            if (!storage.exists(location) || storage.list(location).isEmpty()) {
                continue;
            }
            spark.sql("DROP TABLE IF EXISTS " + t.name());
            String using = t.format() == CatalogTable.Format.JSON_LINES ? "json" : "parquet";
            spark.sql("CREATE TABLE " + t.name() + " USING " + using + " OPTIONS (path '"
                    + location.replace("'", "\\'") + "')");
            if (!t.partitionKeyNames().isEmpty()) {
                spark.sql("ALTER TABLE " + t.name() + " RECOVER PARTITIONS");
            }
            out.add(database + "." + t.name());
        }
        return out;
    }

    /** The tables an analyst queries: the cleaned tables, then the outputs. */
    static List<CatalogTable> tables() {
        List<CatalogTable> out = new ArrayList<>(CleanedTables.all());
        out.addAll(OutputTables.ALL);
        return out;
    }

    private static void print(Command.Console console, Dataset<Row> result) {
        String[] columns = result.columns();
        List<Row> rows = result.limit(MAX_ROWS + 1).collectAsList();
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            width[c] = columns[c].length();
        }
        for (Row r : rows.subList(0, Math.min(rows.size(), MAX_ROWS))) {
            String[] line = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                line[c] = r.isNullAt(c) ? "NULL" : cell(r.get(c));
                width[c] = Math.min(60, Math.max(width[c], line[c].length()));
            }
            cells.add(line);
        }
        console.out().println(row(columns, width));
        console.out().println(row(dashes(width), width));
        cells.forEach(l -> console.out().println(row(l, width)));
        console.out().printf(Locale.ROOT, "(%s)%n", rows.size() > MAX_ROWS ? "first " + MAX_ROWS + " rows"
                : rows.size() + (rows.size() == 1 ? " row" : " rows"));
    }

    private static String cell(Object value) {
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return scala.collection.JavaConverters.seqAsJavaList(seq).toString();
        }
        return String.valueOf(value);
    }

    private static String[] dashes(int[] width) {
        String[] out = new String[width.length];
        for (int i = 0; i < width.length; i++) {
            out[i] = "-".repeat(width[i]);
        }
        return out;
    }

    private static String row(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].length() > width[i] ? cells[i].substring(0, width[i] - 1) + "…" : cells[i];
            b.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", c));
        }
        return b.toString().stripTrailing();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
