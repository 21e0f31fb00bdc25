package dev.bankml.training.evaluation;

import java.util.List;

import org.apache.spark.sql.Row;

/**
 * A model's scored test rows on the driver, with what the model card groups them by: each row's age
 * and job (read from the bank columns, whether or not the model uses them as features).
 */
public record TestRows(ScoredRows scored, int[] age, String[] job) {

    /** From collected rows of (score, label, age, job). */
    public static TestRows ofRows(List<Row> rows) {
        int[] age = new int[rows.size()];
        String[] job = new String[rows.size()];
        for (int i = 0; i < age.length; i++) {
            Row r = rows.get(i);
            age[i] = r.isNullAt(2) ? -1 : r.getInt(2);
            job[i] = r.isNullAt(3) ? "unknown" : r.getString(3);
        }
        return new TestRows(ScoredRows.ofRows(rows), age, job);
    }
}
