package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.input.RawInput;
import dev.bankml.jobs.BankSchema;

/**
 * Pins what Spark 3.5's own CSV reader does with ragged rows, the reason the cleaning job reads
 * lines itself ({@link RawInput}) instead. Spark's documentation says PERMISSIVE mode fills
 * missing fields with null and drops extra ones; the parser does that too, but only flags the row
 * as malformed when a corrupt-record column is declared. Without it, a short row comes back padded
 * and a long row truncated, silently: exactly the "silently dropped" data this project forbids. If
 * an upgrade changes this behaviour, this test says so.
 */
class SparkCsvRaggedRowsTest {

    private static StructType stringSchema() {
        StructType s = new StructType();
        for (String c : BankSchema.columnNames()) {
            s = s.add(c, DataTypes.StringType);
        }
        return s;
    }

    private Dataset<Row> read(String mode, StructType schema) {
        return CleaningTestRun.spark().read().option("header", true).option("mode", mode).schema(schema)
                .csv(CleaningTestRun.fixture("ragged-rows.csv").toString());
    }

    @Test
    void permissiveWithoutCorruptColumnPadsAndTruncatesSilently() {
        List<Row> rows = read("PERMISSIVE", stringSchema()).collectAsList();
        assertEquals(6, rows.size(), "no row is flagged or dropped");
        Row tooFew = rows.get(1);
        assertEquals("29", tooFew.getString(0));
        assertNull(tooFew.getString(16), "the missing label is silently null");
        Row tooMany = rows.get(2);
        assertEquals("yes", tooMany.getString(16), "the extra field is silently dropped");
    }

    @Test
    void permissiveWithCorruptColumnFlagsAllThreeRaggedRows() {
        StructType schema = stringSchema().add("_corrupt_record", DataTypes.StringType);
        Dataset<Row> rows = CleaningTestRun.spark().read().option("header", true).option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", "_corrupt_record").schema(schema)
                .csv(CleaningTestRun.fixture("ragged-rows.csv").toString()).cache();
        assertEquals(6, rows.count());
        assertEquals(3, rows.filter("_corrupt_record is not null").count());
    }

    @Test
    void dropMalformedDropsThemButCountDisagreesWithCollect() {
        Dataset<Row> rows = read("DROPMALFORMED", stringSchema());
        assertEquals(3, rows.collectAsList().size(), "the three ragged rows are dropped without a trace");
        assertEquals(6, rows.count(), "count() prunes all columns, parses nothing and so drops nothing");
    }
}
