package dev.bankml.workflow.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import dev.bankml.workflow.StorageLayout;

/**
 * A table of the pipeline, as the Glue Data Catalog (and a local catalog) registers it: its name, its
 * columns in the order the files hold them, its partition keys (strings, in folder order:
 * {@code <location>/label=deposit/batch_id=.../}), its location in the storage layout and the format
 * of its files. Declared once ({@link CleanedTables}, {@link OutputTables}); adding a column is one
 * {@link Builder#column} line.
 *
 * @param name          the table's name in the pipeline's database
 * @param description   what a row is, for the catalog's readers
 * @param columns       the data columns, in file order
 * @param partitionKeys the partition columns, in folder order
 * @param location      where the table's folder is, for a storage layout
 * @param format        how its files are written
 */
public record CatalogTable(String name, String description, List<CatalogColumn> columns,
        List<CatalogColumn> partitionKeys, Function<StorageLayout, String> location, Format format) {

    /** How a table's files are written. */
    public enum Format {
        /** Parquet files (Spark's writer): the cleaned tables and the histories. */
        PARQUET,
        /** Text files of one JSON object per line, keys named as the columns (the model versions). */
        JSON_LINES
    }

    public CatalogTable {
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Set<String> names = new HashSet<>();
        for (CatalogColumn c : all(columns, partitionKeys)) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("table " + name + " declares column " + c.name() + " twice");
            }
        }
    }

    /** Starts the declaration of a table. */
    public static Builder named(String name, String description) {
        return new Builder(name, description);
    }

    /** The table's folder under {@code layout} (with a trailing '/'). */
    public String location(StorageLayout layout) {
        return location.apply(layout);
    }

    public List<String> columnNames() {
        return columns.stream().map(CatalogColumn::name).toList();
    }

    public List<String> partitionKeyNames() {
        return partitionKeys.stream().map(CatalogColumn::name).toList();
    }

    private static List<CatalogColumn> all(List<CatalogColumn> a, List<CatalogColumn> b) {
        List<CatalogColumn> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Declares a table column by column. */
    public static final class Builder {
        private final String name;
        private final String description;
        private final List<CatalogColumn> columns = new ArrayList<>();
        private final List<CatalogColumn> partitionKeys = new ArrayList<>();
        private Format format = Format.PARQUET;

        private Builder(String name, String description) {
            this.name = name;
            this.description = description;
        }

        /** The next data column. */
        public Builder column(String columnName, String type) {
            columns.add(new CatalogColumn(columnName, type));
            return this;
        }

        /** The partition keys, outermost folder first (each a string). */
        public Builder partitionedBy(String... keys) {
            for (String key : keys) {
                partitionKeys.add(new CatalogColumn(key, GlueTypes.STRING));
            }
            return this;
        }

        /** The format of its files, when they are not Parquet. */
        public Builder storedAs(Format fileFormat) {
            this.format = fileFormat;
            return this;
        }

        /** Where the table lives in a storage layout; ends the declaration. */
        public CatalogTable at(Function<StorageLayout, String> folder) {
            return new CatalogTable(name, description, columns, partitionKeys, folder, format);
        }
    }
}
