package dev.bankml.local;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.BankColumn;
import dev.bankml.workflow.quality.ColumnType;

/**
 * The yardstick of the cleaning benchmark: what the bare engine costs for the same I/O. Spark reads
 * the CSV with an explicit schema of the 17 typed columns (integers as int, the rest as strings) and
 * writes snappy Parquet, nothing else: no validation, no quarantine, no report. Run through
 * spark-submit's entry point in its own JVM, like the cleaning job.
 * Arguments: {@code <csv> <output folder>}.
 */
public final class BareConversion {
    private BareConversion() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("bare-csv-to-parquet").getOrCreate();
        StructType schema = new StructType();
        for (BankColumn c : BankSchema.COLUMNS) {
            schema = schema.add(c.name(), c.type() == ColumnType.INTEGER ? DataTypes.IntegerType : DataTypes.StringType);
        }
        spark.read().schema(schema).option("header", true).csv(args[0])
                .write().mode(SaveMode.Overwrite).option("compression", "snappy").parquet(args[1]);
        spark.stop();
    }
}
