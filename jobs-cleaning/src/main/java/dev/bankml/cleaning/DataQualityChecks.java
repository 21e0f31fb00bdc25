package dev.bankml.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.bankml.jobs.BankColumn;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.ColumnType;

/**
 * Data-quality checks over the cleaned table, computed in one pass (one Spark aggregation):
 * completeness of every column, ranges of the numeric columns, domains of the yes/no and month
 * columns, the share of categorical values outside the reference domain (drift), uniqueness of
 * {@code record_id}, and the label's positive rate. The cleaning rules already enforce the ERROR
 * checks row by row; here they verify the published table as a whole.
 */
public final class DataQualityChecks {
    private DataQualityChecks() {
    }

    public static List<CheckResult> run(Dataset<Row> cleaned, String label, boolean labelRequired) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)).alias("rows"));
        aggs.add(countDistinct(col(BankSchema.RECORD_ID)).alias("distinct_ids"));
        for (BankColumn c : BankSchema.COLUMNS) {
            aggs.add(count(col(c.name())).alias("nn_" + c.name()));
            if (c.type() == ColumnType.INTEGER) {
                aggs.add(min(col(c.name())).alias("min_" + c.name()));
                aggs.add(max(col(c.name())).alias("max_" + c.name()));
            } else if (c.type() == ColumnType.CATEGORY) {
                aggs.add(sum(when(col(c.name()).isin(c.knownValues().toArray()), 1).otherwise(0)).alias("known_" + c.name()));
            } else if (c.type() == ColumnType.MONTH) {
                aggs.add(sum(when(col(c.name()).isin(BankSchema.MONTHS.toArray()), 1).otherwise(0)).alias("known_" + c.name()));
            } else if (c.type() == ColumnType.YES_NO) {
                aggs.add(sum(when(col(c.name()), 1).otherwise(0)).alias("yes_" + c.name()));
            }
        }
        Row r = cleaned.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
        long rows = r.getLong(r.fieldIndex("rows"));
        List<CheckResult> out = new ArrayList<>();
        out.add(new CheckResult("size", "*", "WARNING", rows > 0 ? "PASS" : "WARN", rows, "at least one cleaned row"));
        if (rows == 0) {
            return out;
        }
        long ids = r.getLong(r.fieldIndex("distinct_ids"));
        out.add(check("uniqueness", BankSchema.RECORD_ID, "ERROR", (double) ids / rows, 1.0, "every record_id distinct"));
        for (BankColumn c : BankSchema.COLUMNS) {
            long nn = r.getLong(r.fieldIndex("nn_" + c.name()));
            boolean optionalLabel = c.name().equals(label) && !labelRequired;
            out.add(check("completeness", c.name(), optionalLabel ? "INFO" : "ERROR", (double) nn / rows, 1.0,
                    "no missing value"));
            switch (c.type()) {
                case INTEGER -> {
                    if (c.min() != null && !r.isNullAt(r.fieldIndex("min_" + c.name()))) {
                        int lo = r.getInt(r.fieldIndex("min_" + c.name()));
                        out.add(new CheckResult("range", c.name(), "ERROR", lo >= c.min() ? "PASS" : "FAIL", lo,
                                "min >= " + c.min()));
                    }
                    if (c.max() != null && !r.isNullAt(r.fieldIndex("max_" + c.name()))) {
                        int hi = r.getInt(r.fieldIndex("max_" + c.name()));
                        out.add(new CheckResult("range", c.name(), "ERROR", hi <= c.max() ? "PASS" : "FAIL", hi,
                                "max <= " + c.max()));
                    }
                }
                case CATEGORY -> {
                    double share = nn == 0 ? 1.0 : (double) longAt(r, "known_" + c.name()) / nn;
                    out.add(new CheckResult("known_values", c.name(), "WARNING", share >= 1.0 ? "PASS" : "WARN", share,
                            "values within " + c.knownValues()));
                }
                case MONTH -> out.add(check("domain", c.name(), "ERROR",
                        nn == 0 ? 1.0 : (double) longAt(r, "known_" + c.name()) / nn, 1.0, "jan..dec"));
                case YES_NO -> {
                    if (c.name().equals(label) && nn > 0) {
                        out.add(new CheckResult("label_rate", c.name(), "INFO", "PASS",
                                (double) longAt(r, "yes_" + c.name()) / nn, "share of yes"));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static long longAt(Row r, String field) {
        int i = r.fieldIndex(field);
        return r.isNullAt(i) ? 0L : r.getLong(i);
    }

    private static CheckResult check(String kind, String column, String severity, double value, double expected,
                                     String expectation) {
        boolean ok = value >= expected;
        String status = ok ? "PASS" : ("ERROR".equals(severity) ? "FAIL" : "WARN");
        return new CheckResult(kind, column, severity, status, value, expectation);
    }
}
