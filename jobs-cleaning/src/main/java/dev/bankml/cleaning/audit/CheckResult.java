package dev.bankml.cleaning.audit;

/**
 * The outcome of one data-quality check over the cleaned table.
 *
 * @param check       kind of check: completeness, range, domain, known_values, uniqueness, size, label_rate
 * @param column      the column checked
 * @param severity    ERROR (the run must not publish when it fails), WARNING or INFO
 * @param status      PASS, WARN or FAIL
 * @param value       the measured value (a share, a bound or a count)
 * @param expectation what the check expects, for people
 */
public record CheckResult(String check, String column, String severity, String status, double value,
                          String expectation) {

    public boolean blocksPublishing() {
        return "ERROR".equals(severity) && "FAIL".equals(status);
    }
}
