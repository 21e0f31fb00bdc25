package dev.bankml.training.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StructType;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * Where a training or scoring job reads cleaned data: a Parquet path or a catalog table, exactly one.
 *
 * @param path  {@code --source_path}
 * @param table {@code --source_table} ({@code database.table})
 */
public record DataSource(Optional<String> path, Optional<String> table) {

    public static DataSource from(GlueArgs args) {
        Optional<String> path = args.find(WiringSettings.SOURCE_PATH);
        Optional<String> table = args.find(WiringSettings.SOURCE_TABLE);
        if (path.isPresent() == table.isPresent()) {
            throw new JobConfigurationException("give exactly one of " + WiringSettings.SOURCE_PATH.flag()
                    + " (cleaned Parquet) or " + WiringSettings.SOURCE_TABLE.flag() + " (catalog table db.table)");
        }
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
                        + "cleaned-data crawler first, or give " + WiringSettings.SOURCE_PATH.flag());
            }
            data = spark.table(table.get());
        } else {
            String resolved = storage.resolve(path.get());
            if (!storage.exists(resolved)) {
                throw new JobConfigurationException("no cleaned data at " + resolved + ": run the cleaning job first, "
                        + "or fix " + WiringSettings.SOURCE_PATH.flag());
            }
            data = spark.read().parquet(resolved);
        }
        List<String> have = List.of(data.columns());
        List<String> missing = neededColumns.stream().filter(c -> !have.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new JobConfigurationException(describe() + " lacks column(s) " + missing + "; it has " + have
                    + ". Is it the cleaning job's output?");
        }
        requireTypes(data.schema(), neededColumns);
        return data;
    }

    /**
     * Checks the type of every needed column against the cleaned table's (a string {@code deposit} would
     * otherwise surface deep inside training as "Value at index 1 is null").
     *
     * @throws JobConfigurationException naming the column, its type and the type expected
     */
    void requireTypes(StructType schema, List<String> neededColumns) {
        List<String> wrong = new ArrayList<>();
        for (String name : neededColumns) {
            DataType expected = BankSchema.find(name).map(BankSchema::sparkType)
                    .orElse(name.equals(BankSchema.RECORD_ID) ? DataTypes.StringType : null);
            DataType actual = schema.apply(name).dataType();
            if (expected != null && !compatible(actual, expected)) {
                wrong.add(String.format(Locale.ROOT, "column '%s' is %s, expected %s", name, actual.simpleString(),
                        expected.simpleString() + (expected == DataTypes.BooleanType ? " (yes/no as true/false)" : "")));
            }
        }
        if (!wrong.isEmpty()) {
            throw new JobConfigurationException(describe() + " has columns of the wrong type: " + String.join("; ", wrong)
                    + ". The cleaning job writes these types: clean the data with it (bin/pipeline clean), or cast the "
                    + "columns.");
        }
    }

    /** Whole numbers may come as any integral type (a catalog may say bigint); the rest must match. */
    private static boolean compatible(DataType actual, DataType expected) {
        if (expected == DataTypes.IntegerType) {
            return actual instanceof IntegerType || actual instanceof LongType || actual instanceof ShortType
                    || actual instanceof ByteType;
        }
        return actual.sameType(expected);
    }
}
