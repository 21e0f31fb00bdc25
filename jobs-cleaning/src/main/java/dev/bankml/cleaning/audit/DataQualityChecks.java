package dev.bankml.cleaning.audit;

import java.util.ArrayList;
import java.util.List;

import dev.bankml.cleaning.pass.ColumnProfile;
import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.CleanedTableChecks;
import dev.bankml.workflow.quality.QualityCheck;

/**
 * Evaluates the cleaned table's data-quality checks ({@link CleanedTableChecks}: the definitions the
 * deployed Glue Data Quality ruleset is generated from) on the {@link ColumnProfile} gathered while
 * the table was written. Pure.
 */
public final class DataQualityChecks {
    private DataQualityChecks() {
    }

    /**
     * The checks of a cleaning run with this label.
     *
     * @param profile     aggregates of the cleaned rows
     * @param distinctIds how many distinct record ids those rows have
     */
    public static List<CheckResult> evaluate(ColumnProfile profile, long distinctIds, String label, boolean labelRequired) {
        return evaluate(CleanedTableChecks.of(label, labelRequired), profile, distinctIds);
    }

    /**
     * One result per check that the data can answer, in the checks' order: nothing after the size
     * check of an empty table, no range of a column without values, no label rate without labels.
     */
    public static List<CheckResult> evaluate(List<QualityCheck> checks, ColumnProfile profile, long distinctIds) {
        long rows = profile.rows;
        List<CheckResult> out = new ArrayList<>();
        for (QualityCheck check : checks) {
            if (check.kind() == QualityCheck.Kind.SIZE) {
                out.add(result(check, rows, rows > 0));
                if (rows == 0) {
                    return out;
                }
                continue;
            }
            if (check.kind() == QualityCheck.Kind.UNIQUENESS) {
                double share = (double) distinctIds / rows;
                out.add(result(check, share, share >= 1.0));
                continue;
            }
            int i = BankSchema.COLUMNS.indexOf(BankSchema.column(check.column()));
            long nn = profile.nonMissing[i];
            switch (check.kind()) {
                case COMPLETENESS -> {
                    double share = (double) nn / rows;
                    out.add(result(check, share, share >= 1.0));
                }
                case MIN -> {
                    if (profile.hasRange(i)) {
                        out.add(result(check, profile.min[i], profile.min[i] >= check.bound().orElseThrow()));
                    }
                }
                case MAX -> {
                    if (profile.hasRange(i)) {
                        out.add(result(check, profile.max[i], profile.max[i] <= check.bound().orElseThrow()));
                    }
                }
                case KNOWN_VALUES, DOMAIN -> {
                    double share = nn == 0 ? 1.0 : (double) profile.known[i] / nn;
                    out.add(result(check, share, share >= 1.0));
                }
                case LABEL_RATE -> {
                    if (nn > 0) {
                        out.add(result(check, (double) profile.yes[i] / nn, true));
                    }
                }
                default -> throw new IllegalStateException("no evaluation for a " + check.kind() + " check");
            }
        }
        return out;
    }

    /** A check's outcome: a failed ERROR check fails (and blocks publishing), any other failed check warns. */
    private static CheckResult result(QualityCheck check, double value, boolean passed) {
        String severity = check.severity().name();
        String status = passed ? "PASS" : check.severity() == QualityCheck.Severity.ERROR ? "FAIL" : "WARN";
        return new CheckResult(check.reportName(), check.column(), severity, status, value, check.expectation());
    }
}
