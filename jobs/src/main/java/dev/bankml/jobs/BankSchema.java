package dev.bankml.jobs;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.bankml.workflow.quality.BankColumn;
import dev.bankml.workflow.quality.BankColumns;
import dev.bankml.workflow.quality.ColumnType;

/**
 * The bank data set in one place: its columns, their types and domains, the label candidates, the
 * metadata columns the cleaning job adds, and the Spark schemas of the cleaned and rejected tables.
 */
public final class BankSchema {
    private BankSchema() {
    }

    public static final String AGE = BankColumns.AGE;
    public static final String JOB = BankColumns.JOB;
    public static final String MARITAL = BankColumns.MARITAL;
    public static final String EDUCATION = BankColumns.EDUCATION;
    public static final String DEFAULT = BankColumns.DEFAULT;
    public static final String BALANCE = BankColumns.BALANCE;
    public static final String HOUSING = BankColumns.HOUSING;
    public static final String LOAN = BankColumns.LOAN;
    public static final String CONTACT = BankColumns.CONTACT;
    public static final String DAY = BankColumns.DAY;
    public static final String MONTH = BankColumns.MONTH;
    public static final String DURATION = BankColumns.DURATION;
    public static final String CAMPAIGN = BankColumns.CAMPAIGN;
    public static final String PDAYS = BankColumns.PDAYS;
    public static final String PREVIOUS = BankColumns.PREVIOUS;
    public static final String POUTCOME = BankColumns.POUTCOME;
    public static final String DEPOSIT = BankColumns.DEPOSIT;

    /** Metadata the cleaning job adds to every row. */
    public static final String RECORD_ID = BankColumns.RECORD_ID;
    public static final String SOURCE_FILE = BankColumns.SOURCE_FILE;
    public static final String LINE_NUMBER = BankColumns.LINE_NUMBER;
    /** Partition key of the cleaned and quarantine tables: one value per source file (see README). */
    public static final String BATCH_ID = BankColumns.BATCH_ID;
    /** Quarantine columns. */
    public static final String RAW_LINE = "raw_line";
    public static final String REASONS = "reasons";
    /** The exact bytes of a quarantined line that could not be decoded (null for every other line). */
    public static final String RAW_BYTES = "raw_bytes";

    /** No bank value is longer than this (characters); a longer one is quarantined as FIELD_TOO_LONG. */
    public static final int MAX_FIELD_CHARS = 256;
    /** A line longer than this (bytes) is quarantined as LINE_TOO_LONG, with its first bytes only. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /** The 17 columns of the data set, in the order of the published file (the workflow's contract). */
    public static final List<BankColumn> COLUMNS = BankColumns.ALL;

    public static final List<String> MONTHS = BankColumns.MONTHS;

    public static List<String> columnNames() {
        return COLUMNS.stream().map(BankColumn::name).toList();
    }

    public static BankColumn column(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("'" + name
                + "' is not a bank column; the columns are " + columnNames()));
    }

    public static Optional<BankColumn> find(String name) {
        return COLUMNS.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The yes/no columns: the ones a model can predict. */
    public static List<String> labelCandidates() {
        return COLUMNS.stream().filter(c -> c.type() == ColumnType.YES_NO).map(BankColumn::name).toList();
    }

    /**
     * The canonical column a raw header name refers to (case, surrounding quotes and blanks ignored,
     * aliases resolved), if any.
     */
    public static Optional<String> resolveHeader(String rawName) {
        String n = normalizeHeader(rawName);
        for (BankColumn c : COLUMNS) {
            if (c.name().equals(n) || c.aliases().contains(n)) {
                return Optional.of(c.name());
            }
        }
        return Optional.empty();
    }

    public static String normalizeHeader(String rawName) {
        String n = rawName.strip();
        if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1).strip();
        }
        return n.toLowerCase(Locale.ROOT);
    }

    /** Spark type of a column in the cleaned table. */
    public static DataType sparkType(BankColumn c) {
        return switch (c.type()) {
            case INTEGER -> DataTypes.IntegerType;
            case YES_NO -> DataTypes.BooleanType;
            case CATEGORY, MONTH -> DataTypes.StringType;
        };
    }

    /** The 17 typed data columns (all nullable: the label may be absent in data to score). */
    public static StructType dataSchema() {
        return new StructType(COLUMNS.stream()
                .map(c -> new StructField(c.name(), sparkType(c), true, Metadata.empty()))
                .toArray(StructField[]::new));
    }

    /** The cleaned table: record id, the typed columns, lineage, and the partition key last. */
    public static StructType cleanedSchema() {
        StructType s = new StructType().add(RECORD_ID, DataTypes.StringType, false);
        for (StructField f : dataSchema().fields()) {
            s = s.add(f);
        }
        return s.add(SOURCE_FILE, DataTypes.StringType, false)
                .add(LINE_NUMBER, DataTypes.LongType, false)
                .add(BATCH_ID, DataTypes.StringType, false);
    }

    /**
     * The quarantine table: where a line came from, its raw text and why it was rejected; the exact
     * bytes too when the line was not valid in the input's encoding.
     */
    public static StructType rejectedSchema() {
        return new StructType()
                .add(SOURCE_FILE, DataTypes.StringType, false)
                .add(LINE_NUMBER, DataTypes.LongType, false)
                .add(RAW_LINE, DataTypes.StringType, false)
                .add(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add(RAW_BYTES, DataTypes.BinaryType, true)
                .add(BATCH_ID, DataTypes.StringType, false);
    }
}
