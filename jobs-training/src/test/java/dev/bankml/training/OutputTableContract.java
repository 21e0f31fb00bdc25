package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.bankml.jobs.Json;
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
     * Creates {@code database.<table>} in the session's (Hive) catalog as the stack declares it on AWS: an external
     * Parquet table, its columns and partition keys of the declared Hive types, over {@code location}, no
     * partitions (the jobs register theirs). Returns its qualified name.
     */
    public static String createAsDeclared(SparkSession spark, CatalogTable table, String database, String location) {
        String name = database + "." + table.name();
        spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
        spark.sql("DROP TABLE IF EXISTS " + name);
        spark.sql("CREATE EXTERNAL TABLE " + name + " (" + ddl(table.columns()) + ") PARTITIONED BY ("
                + ddl(table.partitionKeys()) + ") STORED AS PARQUET LOCATION '" + location + "'");
        return name;
    }

    private static String ddl(List<CatalogColumn> columns) {
        return String.join(", ", columns.stream().map(c -> "`" + c.name() + "` " + c.type()).toList());
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

    /**
     * Fails unless {@code jsonLine} (one row of a JSON-lines table) has exactly the table's columns, in order,
     * each value of its declared type (structs field by field, arrays element by element; null goes anywhere).
     */
    public static void assertJsonLineIsTable(CatalogTable table, String jsonLine) {
        assertEquals(1, jsonLine.strip().lines().count(), "one JSON object per line");
        JsonNode row = Json.read(jsonLine);
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        assertEquals(table.columnNames(), names, table.name() + ": the columns, in order");
        for (CatalogColumn c : table.columns()) {
            assertType(table.name() + "." + c.name(), c.type(), row.get(c.name()));
        }
    }

    private static void assertType(String where, String type, JsonNode v) {
        if (v == null || v.isNull()) {
            return;
        }
        if (type.startsWith("array<")) {
            assertEquals(true, v.isArray(), where + " is an array");
            v.forEach(e -> assertType(where + "[]", inner(type, "array<"), e));
        } else if (type.startsWith("struct<")) {
            assertEquals(true, v.isObject(), where + " is a struct");
            List<String[]> fields = fields(inner(type, "struct<"));
            List<String> names = new ArrayList<>();
            v.fieldNames().forEachRemaining(names::add);
            assertEquals(fields.stream().map(f -> f[0]).toList(), names, where + ": the fields, in order");
            for (String[] f : fields) {
                assertType(where + "." + f[0], f[1], v.get(f[0]));
            }
        } else {
            boolean ok = switch (type) {
                case "string" -> v.isTextual();
                case "bigint", "int" -> v.isIntegralNumber();
                case "double" -> v.isNumber();
                case "boolean" -> v.isBoolean();
                default -> throw new AssertionError(where + ": a type the contract does not read: " + type);
            };
            assertEquals(true, ok, where + " is a " + type + ": " + v);
        }
    }

    private static String inner(String type, String prefix) {
        return type.substring(prefix.length(), type.length() - 1);
    }

    /** The name:type fields of a struct's inside, split at the top level only. */
    private static List<String[]> fields(String inside) {
        List<String[]> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= inside.length(); i++) {
            char ch = i == inside.length() ? ',' : inside.charAt(i);
            depth += ch == '<' ? 1 : ch == '>' ? -1 : 0;
            if (ch == ',' && depth == 0) {
                String f = inside.substring(start, i);
                int colon = f.indexOf(':');
                out.add(new String[] {f.substring(0, colon), f.substring(colon + 1)});
                start = i + 1;
            }
        }
        return out;
    }
}
