package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.Storage;
import dev.bankml.training.data.PredictionColumns;

/**
 * A lead delivery that replaces a version scored before (the file delivered again under its name, with other
 * bytes): how many of its leads that earlier scoring had already ranked, and marked for a call, so that the
 * campaign knows who may have been offered the deposit already. A lead is the same lead when its record id is
 * (same file, same values, same occurrence); only the rows the ledger's scoring run wrote count (not those of
 * a run killed before it recorded them).
 *
 * @param batchId         the delivery
 * @param earlierRun      the scoring run of the version it replaces
 * @param earlierAt       when that version was scored
 * @param leads           the leads of the new version
 * @param offeredBefore   of them, those the earlier scoring ranked
 * @param contactedBefore of those, the ones it marked for a call
 */
record ReplacedLeads(String batchId, String earlierRun, String earlierAt, long leads, long offeredBefore,
                     long contactedBefore) {
    private static final String EARLIER_ID = "_earlier_record_id";

    /**
     * The pending deliveries that replace a scored version, measured against their scored partition (one
     * Spark job each; none when nothing replaces anything). Call before the partitions are replaced.
     *
     * @param scored the scoring ledger's entries as the run found them
     * @param rows   every row of the pending deliveries (record id and batch id)
     */
    static List<ReplacedLeads> find(SparkSession spark, Storage storage, String outputRoot,
                                    List<ScoringLedger.Entry> scored,
                                    List<LedgerEntry> pending, Dataset<Row> rows) {
        Map<String, ScoringLedger.Entry> earlier = new HashMap<>();
        scored.forEach(e -> earlier.put(e.batchId(), e));
        List<ReplacedLeads> out = new ArrayList<>();
        for (LedgerEntry e : pending) {
            ScoringLedger.Entry before = earlier.get(e.batchId());
            String partition = Storage.join(outputRoot, BankSchema.BATCH_ID + "=" + e.batchId());
            if (before == null || before.version().equals(e.version()) || !storage.exists(partition)) {
                continue;
            }
            Dataset<Row> now = rows.filter(col(BankSchema.BATCH_ID).equalTo(e.batchId())).select(BankSchema.RECORD_ID);
            Dataset<Row> then = spark.read().parquet(partition)
                    .filter(col(PredictionColumns.SCORING_RUN_ID).equalTo(before.scoringRunId()))
                    .select(col(BankSchema.RECORD_ID).as(EARLIER_ID), col(PredictionColumns.CONTACT));
            Row r = now.join(then, col(BankSchema.RECORD_ID).equalTo(col(EARLIER_ID)), "left")
                    .agg(count(lit(1)), count(col(EARLIER_ID)), sum(when(col(PredictionColumns.CONTACT), 1L).otherwise(0L)))
                    .first();
            out.add(new ReplacedLeads(e.batchId(), before.scoringRunId(), before.scoredAt(), r.getLong(0), r.getLong(1),
                    r.isNullAt(2) ? 0 : r.getLong(2)));
        }
        return out;
    }

    /** One line for the run's summary. */
    String describe() {
        return String.format(Locale.ROOT, "%s replaces the version scored by run %s (%s): %,d of its %,d leads were "
                + "offered then, %,d of them marked for a call", batchId, earlierRun, earlierAt, offeredBefore, leads,
                contactedBefore);
    }
}
