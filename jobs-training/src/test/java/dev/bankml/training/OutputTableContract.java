package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.bankml.workflow.catalog.CatalogColumn;
import dev.bankml.workflow.catalog.CatalogTable;

/**
 * What the jobs write against the catalog's declaration of it (workflow/.../catalog/OutputTables, the
 * tables the stack declares for Athena): the same column names in the same order, the same types (the
 * Hive type strings Glue and Spark share), the partition columns last.
 */
public final class OutputTableContract {
    private OutputTableContract() {
    }

    /**
     * Fails unless {@code written} (read back with its partition folders, or a job's own schema with the
     * partition columns) is the table's columns followed by its partition keys.
     */
    public static void assertWritesTable(CatalogTable table, StructType written) {
        List<CatalogColumn> expected = new ArrayList<>(table.columns());
        expected.addAll(table.partitionKeys());
        List<CatalogColumn> actual = new ArrayList<>();
        for (StructField f : written.fields()) {
            actual.add(new CatalogColumn(f.name(), f.dataType().catalogString()));
        }
        assertEquals(expected, actual, table.name() + " as written differs from its catalog declaration");
    }
}
