package dev.bankml.cleaning.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.pass.ColumnProfile;
import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.CleanedTableChecks;
import dev.bankml.workflow.quality.QualityCheck;

/**
 * The in-job checks are the shared definitions, evaluated: one result per definition (the CDK app
 * generates the Glue Data Quality ruleset from the same list), with the report's words unchanged.
 */
class DataQualityChecksTest {

    /** 100 rows, every value present and within its domain, 40 yes answers. */
    private static ColumnProfile cleanProfile() {
        ColumnProfile p = new ColumnProfile();
        p.rows = 100;
        Arrays.fill(p.nonMissing, 100);
        Arrays.fill(p.known, 100);
        Arrays.fill(p.yes, 40);
        for (int i = 0; i < BankSchema.COLUMNS.size(); i++) {
            var c = BankSchema.COLUMNS.get(i);
            p.min[i] = c.min() == null ? -5 : c.min();
            p.max[i] = c.max() == null ? 5000 : c.max();
        }
        return p;
    }

    @Test
    void everyDefinitionGivesExactlyOneResultInItsOrder() {
        List<QualityCheck> checks = CleanedTableChecks.of(BankSchema.DEPOSIT, true);
        List<CheckResult> results = DataQualityChecks.evaluate(cleanProfile(), 100, BankSchema.DEPOSIT, true);
        assertEquals(checks.stream().map(c -> c.reportName() + " " + c.column() + " " + c.severity() + " "
                + c.expectation()).toList(), results.stream().map(r -> r.check() + " " + r.column() + " "
                + r.severity() + " " + r.expectation()).toList());
        assertEquals(34, results.size(), "size, uniqueness, 17 completeness, 8 bounds, 5 categories, month, label rate");
        assertEquals(List.of(), results.stream().filter(r -> !r.status().equals("PASS")).toList());
    }

    @Test
    void theReportKeepsItsWordsAndOutcomes() {
        ColumnProfile p = cleanProfile();
        int age = BankSchema.COLUMNS.indexOf(BankSchema.column(BankSchema.AGE));
        int job = BankSchema.COLUMNS.indexOf(BankSchema.column(BankSchema.JOB));
        p.max[age] = 120;
        p.known[job] = 99;
        List<CheckResult> results = DataQualityChecks.evaluate(p, 99, BankSchema.DEPOSIT, true);
        assertEquals(new CheckResult("size", "*", "WARNING", "PASS", 100, "at least one cleaned row"), results.get(0));
        assertEquals(new CheckResult("uniqueness", "record_id", "ERROR", "FAIL", 0.99, "every record_id distinct"),
                results.get(1));
        assertEquals(new CheckResult("completeness", "age", "ERROR", "PASS", 1.0, "no missing value"), results.get(2));
        assertEquals(new CheckResult("range", "age", "ERROR", "PASS", 18, "min >= 18"), results.get(3));
        assertEquals(new CheckResult("range", "age", "ERROR", "FAIL", 120, "max <= 110"), results.get(4));
        assertEquals(new CheckResult("known_values", "job", "WARNING", "WARN", 0.99, "values within [admin., blue-collar, "
                + "entrepreneur, housemaid, management, retired, self-employed, services, student, technician, "
                + "unemployed, unknown]"), results.get(6));
        assertEquals(new CheckResult("label_rate", "deposit", "INFO", "PASS", 0.4, "share of yes"),
                results.get(results.size() - 1));
        assertEquals(new CheckResult("domain", "month", "ERROR", "PASS", 1.0, "jan..dec"),
                results.stream().filter(r -> r.check().equals("domain")).findFirst().orElseThrow());
    }

    @Test
    void anEmptyTableStopsAfterItsSizeAndAnOptionalLabelIsOnlyReported() {
        assertEquals(List.of(new CheckResult("size", "*", "WARNING", "WARN", 0, "at least one cleaned row")),
                DataQualityChecks.evaluate(new ColumnProfile(), 0, BankSchema.DEPOSIT, true));
        ColumnProfile p = cleanProfile();
        int deposit = BankSchema.COLUMNS.indexOf(BankSchema.column(BankSchema.DEPOSIT));
        p.nonMissing[deposit] = 0;
        List<CheckResult> results = DataQualityChecks.evaluate(p, 100, BankSchema.DEPOSIT, false);
        assertEquals(new CheckResult("completeness", "deposit", "INFO", "WARN", 0.0, "no missing value"),
                results.get(results.size() - 1), "no label rate without labels");
    }
}
