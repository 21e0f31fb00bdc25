package dev.bankml.training.history;

import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import dev.bankml.training.OutputTableContract;
import dev.bankml.workflow.catalog.OutputTables;

/** The Parquet monitoring history has the columns the catalog (and Athena) declare for it. */
class MonitoringHistoryTableTest {

    @Test
    void theParquetHistoryIsTheDeclaredTable() {
        // The files hold every column but the two partition folders (label=, cycle_id=), which come last when read.
        StructType written = new StructType();
        for (var f : MonitoringHistory.SCHEMA.fields()) {
            if (!OutputTables.MONITORING_HISTORY.partitionKeyNames().contains(f.name())) {
                written = written.add(f);
            }
        }
        for (String key : OutputTables.MONITORING_HISTORY.partitionKeyNames()) {
            written = written.add(MonitoringHistory.SCHEMA.apply(key));
        }
        OutputTableContract.assertWritesTable(OutputTables.MONITORING_HISTORY, written);
    }
}
