package dev.bankml.workflow.catalog;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The Glue Data Catalog (Hive) type names of the pipeline's tables. */
public final class GlueTypes {
    private GlueTypes() {
    }

    /** The primitive types the pipeline writes (Spark's String, Integer, Long, Double, Boolean). */
    public static final String STRING = "string", INT = "int", BIGINT = "bigint", DOUBLE = "double", BOOLEAN = "boolean";

    public static String arrayOf(String element) {
        return "array<" + element + ">";
    }

    public static String mapOf(String key, String value) {
        return "map<" + key + "," + value + ">";
    }

    public static String structOf(CatalogColumn... fields) {
        return "struct<" + Arrays.stream(fields).map(CatalogColumn::asField).collect(Collectors.joining(",")) + ">";
    }
}
