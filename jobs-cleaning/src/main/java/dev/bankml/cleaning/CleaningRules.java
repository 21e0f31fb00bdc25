package dev.bankml.cleaning;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.substring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.bankml.jobs.BankSchema;

/**
 * The cleaning job's transformations, from raw lines to the cleaned and quarantine tables. Pure:
 * DataFrames in, DataFrames out; reading and writing happen in {@link CleaningJob}.
 */
public final class CleaningRules {
    private CleaningRules() {
    }

    public static final String LINE_KIND = "line_kind";
    static final String CONTENT_HASH = "content_hash";
    static final String OCCURRENCE = "occurrence";

    /** Raw line, its kind and reasons, and the typed values (null unless the line is valid data). */
    public static StructType classifiedSchema() {
        StructType s = new StructType()
                .add(BankSchema.SOURCE_FILE, DataTypes.StringType, false)
                .add(BankSchema.LINE_NUMBER, DataTypes.LongType, false)
                .add(BankSchema.RAW_LINE, DataTypes.StringType, false)
                .add(BankSchema.BATCH_ID, DataTypes.StringType, false)
                .add(LINE_KIND, DataTypes.StringType, false)
                .add(BankSchema.REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false);
        for (StructField f : BankSchema.dataSchema().fields()) {
            s = s.add(f);
        }
        return s;
    }

    /** Classifies every line (header, blank, data) and applies the record rules to data lines. */
    public static Dataset<Row> classify(Dataset<Row> lines, Map<String, FileLayout> layouts) {
        return lines.mapPartitions(new LineClassifier(layouts), Encoders.row(classifiedSchema()));
    }

    /** Data lines that passed every rule, with their occurrence number and stable record id. */
    public static Dataset<Row> validWithRecordIds(Dataset<Row> classified) {
        List<Column> values = new ArrayList<>();
        for (String c : BankSchema.columnNames()) {
            values.add(coalesce(col(c).cast(DataTypes.StringType), lit("\u0000")));
        }
        Column contentHash = sha2(concat_ws("\u001f", values.toArray(Column[]::new)), 256);
        return classified
                .filter(col(LINE_KIND).equalTo(LineKind.DATA.name()).and(size(col(BankSchema.REASONS)).equalTo(0)))
                .withColumn(CONTENT_HASH, contentHash)
                .withColumn(OCCURRENCE, row_number().over(Window.partitionBy(col(BankSchema.SOURCE_FILE), col(CONTENT_HASH))
                        .orderBy(col(BankSchema.LINE_NUMBER))).minus(1))
                .withColumn(BankSchema.RECORD_ID, substring(sha2(concat_ws("\u001f", col(BankSchema.SOURCE_FILE),
                        col(CONTENT_HASH), col(OCCURRENCE).cast(DataTypes.StringType)), 256), 1, 32));
    }

    /** The cleaned table (columns of {@link BankSchema#cleanedSchema()}). */
    public static Dataset<Row> cleaned(Dataset<Row> valid, DuplicatePolicy policy) {
        Dataset<Row> kept = policy == DuplicatePolicy.QUARANTINE ? valid.filter(col(OCCURRENCE).equalTo(0)) : valid;
        return kept.select(columns(BankSchema.cleanedSchema()));
    }

    /** The quarantine table: lines that broke a rule, plus duplicates when they are quarantined. */
    public static Dataset<Row> rejected(Dataset<Row> classified, Dataset<Row> valid, DuplicatePolicy policy) {
        Dataset<Row> broken = classified
                .filter(col(LINE_KIND).equalTo(LineKind.DATA.name()).and(size(col(BankSchema.REASONS)).gt(0)))
                .select(columns(BankSchema.rejectedSchema()));
        if (policy == DuplicatePolicy.KEEP) {
            return broken;
        }
        Dataset<Row> duplicates = valid.filter(col(OCCURRENCE).gt(0))
                .withColumn(BankSchema.REASONS, array(lit(RejectReason.DUPLICATE_RECORD.name())))
                .select(columns(BankSchema.rejectedSchema()));
        return broken.unionByName(duplicates);
    }

    private static Column[] columns(StructType schema) {
        return java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }
}
