package dev.bankml.local;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Storage;
import dev.bankml.training.data.PredictionColumns;
import dev.bankml.training.inference.InferenceReport;

/**
 * What a person reads after a scoring run: how many customers were scored and are to be called, and
 * the first of them by rank with who they are and the three reasons the model gives for each.
 */
final class ContactList {
    private ContactList() {
    }

    static void print(PrintStream out, SparkSession spark, InferenceReport r, String cleanedLeads, int shown) {
        if (r.rowsScored() == 0) {
            return;
        }
        out.printf(Locale.ROOT, "Leads: %,d new customers scored by %s (run %s); %s%n", r.rowsScored(), r.model(),
                r.modelRunId(), r.campaign().describe());
        List<Row> top = spark.read().parquet(r.outputPath())
                .filter(col(PredictionColumns.SCORING_RUN_ID).equalTo(r.runId()))
                .filter(col(PredictionColumns.CONTACT))
                .orderBy(col(PredictionColumns.RANK)).limit(shown).collectAsList();
        if (top.isEmpty()) {
            return;
        }
        Map<String, Row> who = customers(spark, cleanedLeads, top);
        out.printf(Locale.ROOT, "Contact list, first %d by rank (all %,d to call: %s, contact = true):%n", top.size(),
                r.campaign().contacted(), Storage.join(r.outputPath(), ""));
        out.printf(Locale.ROOT, "  %5s %7s %4s %-13s %9s  %s%n", "rank", "P(yes)", "age", "job", "balance",
                "reasons (log-odds they add)");
        for (Row row : top) {
            Row c = who.get(row.<String>getAs(BankSchema.RECORD_ID));
            out.printf(Locale.ROOT, "  %5d %7.3f %4s %-13s %9s  %s%n", row.<Long>getAs(PredictionColumns.RANK),
                    row.<Double>getAs(PredictionColumns.PROBABILITY_YES),
                    c == null ? "" : c.getAs(BankSchema.AGE), c == null ? "" : c.getAs(BankSchema.JOB),
                    c == null ? "" : String.format(Locale.ROOT, "%,d", c.<Integer>getAs(BankSchema.BALANCE)),
                    reasons(row));
        }
    }

    private static Map<String, Row> customers(SparkSession spark, String cleanedLeads, List<Row> top) {
        List<String> ids = new ArrayList<>();
        top.forEach(r -> ids.add(r.getAs(BankSchema.RECORD_ID)));
        Map<String, Row> out = new TreeMap<>();
        spark.read().parquet(cleanedLeads).filter(col(BankSchema.RECORD_ID).isin(ids.toArray()))
                .select(BankSchema.RECORD_ID, BankSchema.AGE, BankSchema.JOB, BankSchema.BALANCE).collectAsList()
                .forEach(r -> out.put(r.getString(0), r));
        return out;
    }

    /** "poutcome = success +1.92, housing = no +0.41, ..." */
    private static String reasons(Row row) {
        List<Row> reasons = row.isNullAt(row.fieldIndex(PredictionColumns.TOP_REASONS)) ? List.of()
                : row.getList(row.fieldIndex(PredictionColumns.TOP_REASONS));
        if (reasons.isEmpty()) {
            return "(" + row.getAs(PredictionColumns.REASONS_METHOD) + ")";
        }
        List<String> parts = new ArrayList<>();
        for (Row reason : reasons) {
            parts.add(String.format(Locale.ROOT, "%s = %s %+.2f", reason.getAs("feature"), reason.getAs("value"),
                    reason.<Double>getAs("contribution")));
        }
        return String.join(", ", parts);
    }
}
