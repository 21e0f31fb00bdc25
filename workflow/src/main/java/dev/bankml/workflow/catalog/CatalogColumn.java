package dev.bankml.workflow.catalog;

/**
 * One column of a catalog table: its name and its Glue Data Catalog type, the Hive type string
 * ({@code string}, {@code bigint}, {@code array<string>}, {@code struct<a:int,b:double>}) that Glue,
 * Athena and Spark's catalog all read.
 *
 * @param name the column's name, as the files hold it
 * @param type its Glue (Hive) type
 */
public record CatalogColumn(String name, String type) {
    public CatalogColumn {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a catalog column name is lower-case letters, digits and '_': " + name);
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("column " + name + " has no type");
        }
    }

    /** {@code name:type}, as a struct field. */
    String asField() {
        return name + ":" + type;
    }
}
