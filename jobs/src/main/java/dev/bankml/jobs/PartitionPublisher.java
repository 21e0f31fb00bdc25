package dev.bankml.jobs;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Publishes a table partitioned by {@code batch_id} so that a run replaces exactly the partitions of
 * the files it read. Spark's dynamic partition overwrite writes every file to a staging folder and
 * only at job commit swaps each written partition into place; a run that fails before the commit
 * leaves the published table as it was. Partitions of this run's files that received no row (a file
 * re-delivered with all its bad rows fixed, say) are removed afterwards, so no stale rows survive.
 */
public final class PartitionPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionPublisher.class);
    /** Rows per output file; keeps files a reasonable size at millions of rows. */
    static final long ROWS_PER_FILE = 1_000_000L;
    /** Spark's staging folder of a dynamic overwrite under the table root: {@code .spark-staging-<job id>}. */
    static final String SPARK_STAGING = ".spark-staging-";
    /** A staging folder this old and still without a file is a dead writer's: a live one fills it within seconds. */
    static final long DEAD_STAGING_AGE_MS = 60_000;

    private PartitionPublisher() {
    }

    /**
     * @param rows            the rows to publish (with a {@code batch_id} column)
     * @param root            the table root
     * @param batchesOfRun    every batch id this run is responsible for
     * @param batchesWithRows the batch ids present in {@code rows}
     * @param totalRows       the number of rows (already counted by the caller)
     * @param orderBy         column that gives each file a deterministic row order
     */
    public static void replacePartitions(Dataset<Row> rows, String root, Collection<String> batchesOfRun,
                                         Set<String> batchesWithRows, long totalRows, String orderBy, Storage storage) {
        removeDeadStaging(root, storage, System.currentTimeMillis());
        if (totalRows > 0) {
            int files = (int) Math.max(1, (totalRows + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
            rows.repartitionByRange(files, col(BankSchema.BATCH_ID), col(orderBy))
                    .sortWithinPartitions(BankSchema.BATCH_ID, orderBy)
                    .write()
                    .mode(SaveMode.Overwrite)
                    .option("partitionOverwriteMode", "dynamic")
                    .option("compression", "snappy")
                    .partitionBy(BankSchema.BATCH_ID)
                    .parquet(root);
        }
        for (String batch : batchesOfRun) {
            if (!batchesWithRows.contains(batch)) {
                String stale = Storage.join(root, BankSchema.BATCH_ID + "=" + batch);
                if (storage.exists(stale)) {
                    LOG.info("Removing partition {}: this run found no rows for it", stale);
                    storage.deleteRecursively(stale);
                }
            }
        }
    }

    /**
     * Removes the empty Spark staging folders a killed writer left under a table root (a crash between the
     * folder's creation and the job's commit); one that holds a file, or was made in the last minute, is left.
     * Returns the folders removed.
     */
    static List<String> removeDeadStaging(String root, Storage storage, long nowMs) {
        List<String> removed = new ArrayList<>();
        for (FileStatus f : storage.list(root)) {
            String path = f.getPath().toString();
            if (f.isDirectory() && f.getPath().getName().startsWith(SPARK_STAGING)
                    && nowMs - f.getModificationTime() > DEAD_STAGING_AGE_MS && storage.holdsNoFile(path)) {
                storage.deleteRecursively(path);
                LOG.info("Removed {}: an empty staging folder a stopped run left", path);
                removed.add(path);
            }
        }
        return removed;
    }
}
