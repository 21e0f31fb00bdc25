package dev.bankml.training;

import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.workflow.Arg;

/**
 * Where a training or scoring job reads cleaned data: a Parquet path or a catalog table, exactly one.
 *
 * @param path  {@code --source_path}
 * @param table {@code --source_table} ({@code database.table})
 */
public record DataSource(Optional<String> path, Optional<String> table) {

    public static DataSource from(GlueArgs args) {
        Optional<String> path = args.optional(Arg.SOURCE_PATH);
        Optional<String> table = args.optional(Arg.SOURCE_TABLE);
        if (path.isPresent() == table.isPresent()) {
            throw new JobConfigurationException("give exactly one of --source_path (cleaned Parquet) or --source_table "
                    + "(catalog table db.table)");
        }
        table.ifPresent(t -> {
            if (!t.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
                throw new JobConfigurationException("argument --source_table is '" + t + "': expected database.table");
            }
        });
        return new DataSource(path, table);
    }

    /** The source as given, for messages. */
    public String describe() {
        return table.orElseGet(() -> path.orElse(""));
    }

    /**
     * Reads the source, and checks it holds the columns a job needs.
     *
     * @throws JobConfigurationException naming the table or path that is absent, or the missing columns
     */
    public Dataset<Row> read(SparkSession spark, Storage storage, List<String> neededColumns) {
        Dataset<Row> data;
        if (table.isPresent()) {
            if (!spark.catalog().tableExists(table.get())) {
                throw new JobConfigurationException("table " + table.get() + " is not in the catalog: run the "
                        + "cleaned-data crawler first, or give --source_path");
            }
            data = spark.table(table.get());
        } else {
            String resolved = storage.resolve(path.get());
            if (!storage.exists(resolved)) {
                throw new JobConfigurationException("no cleaned data at " + resolved + ": run the cleaning job first, "
                        + "or fix --source_path");
            }
            data = spark.read().parquet(resolved);
        }
        List<String> have = List.of(data.columns());
        List<String> missing = neededColumns.stream().filter(c -> !have.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new JobConfigurationException(describe() + " lacks column(s) " + missing + "; it has " + have
                    + ". Is it the cleaning job's output?");
        }
        return data;
    }
}
