package dev.bankml.training.data;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.Storage;

/**
 * The rows of some deliveries: their partitions of a cleaned table, read by path (the table's other
 * partitions are never listed or read), with {@code batch_id} kept as a column.
 */
public final class DeliveryRows {
    private DeliveryRows() {
    }

    public static Dataset<Row> read(SparkSession spark, Storage storage, String tableRoot, List<LedgerEntry> deliveries) {
        String root = storage.resolve(tableRoot);
        String[] partitions = deliveries.stream()
                .map(e -> Storage.join(root, BankSchema.BATCH_ID + "=" + e.batchId()))
                .filter(storage::exists).toArray(String[]::new);
        if (partitions.length == 0) {
            return spark.createDataFrame(List.of(), BankSchema.cleanedSchema());
        }
        return spark.read().option("basePath", root).parquet(partitions);
    }
}
