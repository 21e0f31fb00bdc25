package dev.bankml.cleaning.audit;

import java.util.ArrayList;
import java.util.List;

import dev.bankml.cleaning.pass.ColumnProfile;
import dev.bankml.jobs.BankColumn;
import dev.bankml.jobs.BankSchema;

/**
 * Data-quality checks over the cleaned table, from the {@link ColumnProfile} gathered while it was
 * written: completeness of every column, ranges of the numeric columns, the month domain, the share
 * of categorical values outside the reference domain (drift), uniqueness of {@code record_id}, and
 * the label's positive rate. The cleaning rules already enforce the ERROR checks row by row; here
 * they verify the staged table as a whole, before it is published. Pure.
 */
public final class DataQualityChecks {
    private DataQualityChecks() {
    }

    /**
     * @param profile     aggregates of the cleaned rows
     * @param distinctIds how many distinct record ids those rows have
     */
    public static List<CheckResult> evaluate(ColumnProfile profile, long distinctIds, String label, boolean labelRequired) {
        long rows = profile.rows;
        List<CheckResult> out = new ArrayList<>();
        out.add(new CheckResult("size", "*", "WARNING", rows > 0 ? "PASS" : "WARN", rows, "at least one cleaned row"));
        if (rows == 0) {
            return out;
        }
        out.add(check("uniqueness", BankSchema.RECORD_ID, "ERROR", (double) distinctIds / rows, 1.0,
                "every record_id distinct"));
        for (int i = 0; i < BankSchema.COLUMNS.size(); i++) {
            BankColumn c = BankSchema.COLUMNS.get(i);
            long nn = profile.nonMissing[i];
            boolean optionalLabel = c.name().equals(label) && !labelRequired;
            out.add(check("completeness", c.name(), optionalLabel ? "INFO" : "ERROR", (double) nn / rows, 1.0,
                    "no missing value"));
            switch (c.type()) {
                case INTEGER -> {
                    if (c.min() != null && profile.hasRange(i)) {
                        int lo = profile.min[i];
                        out.add(new CheckResult("range", c.name(), "ERROR", lo >= c.min() ? "PASS" : "FAIL", lo,
                                "min >= " + c.min()));
                    }
                    if (c.max() != null && profile.hasRange(i)) {
                        int hi = profile.max[i];
                        out.add(new CheckResult("range", c.name(), "ERROR", hi <= c.max() ? "PASS" : "FAIL", hi,
                                "max <= " + c.max()));
                    }
                }
                case CATEGORY -> {
                    double share = nn == 0 ? 1.0 : (double) profile.known[i] / nn;
                    out.add(new CheckResult("known_values", c.name(), "WARNING", share >= 1.0 ? "PASS" : "WARN", share,
                            "values within " + c.knownValues()));
                }
                case MONTH -> out.add(check("domain", c.name(), "ERROR",
                        nn == 0 ? 1.0 : (double) profile.known[i] / nn, 1.0, "jan..dec"));
                case YES_NO -> {
                    if (c.name().equals(label) && nn > 0) {
                        out.add(new CheckResult("label_rate", c.name(), "INFO", "PASS", (double) profile.yes[i] / nn,
                                "share of yes"));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }

    private static CheckResult check(String kind, String column, String severity, double value, double expected,
                                     String expectation) {
        boolean ok = value >= expected;
        String status = ok ? "PASS" : ("ERROR".equals(severity) ? "FAIL" : "WARN");
        return new CheckResult(kind, column, severity, status, value, expectation);
    }
}
