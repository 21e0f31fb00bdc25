package dev.bankml.workflow.quality;

import java.util.List;
import java.util.Optional;

/**
 * One data-quality check of the cleaned table, as a definition: what is checked, on which column,
 * how serious a failure is, and its bound or allowed values. The cleaning job evaluates it on the
 * staged table before publishing; the CDK app renders it as a Glue Data Quality (DQDL) rule of the
 * cleaned table. The words and report names are those of the cleaning report's {@code data_quality}.
 *
 * @param kind     what is checked
 * @param column   the column checked ({@code *} for the whole table)
 * @param severity what a failure means
 * @param bound    the bound of a {@link Kind#MIN} or {@link Kind#MAX} check
 * @param values   the allowed values of a {@link Kind#KNOWN_VALUES} or {@link Kind#DOMAIN} check
 */
public record QualityCheck(Kind kind, String column, Severity severity, Optional<Integer> bound, List<String> values) {

    /** What a check measures; its report name is the {@code check} key of the cleaning report. */
    public enum Kind {
        /** The table has at least one row. */
        SIZE("size"),
        /** Every value of the column is distinct. */
        UNIQUENESS("uniqueness"),
        /** No value of the column is missing. */
        COMPLETENESS("completeness"),
        /** The column's smallest value is at least the bound. */
        MIN("range"),
        /** The column's largest value is at most the bound. */
        MAX("range"),
        /** Every value is one of the reference values (a new value is drift, not an error). */
        KNOWN_VALUES("known_values"),
        /** Every value is one of the domain's values. */
        DOMAIN("domain"),
        /** The share of yes answers of the label (measured, never failing). */
        LABEL_RATE("label_rate");

        private final String reportName;

        Kind(String reportName) {
            this.reportName = reportName;
        }

        public String reportName() {
            return reportName;
        }
    }

    /** What a failed check means for the run. */
    public enum Severity {
        /** The run must not publish. */
        ERROR,
        /** Reported; the run publishes. */
        WARNING,
        /** A measurement only. */
        INFO
    }

    public QualityCheck {
        values = List.copyOf(values);
        if ((kind == Kind.MIN || kind == Kind.MAX) != bound.isPresent()) {
            throw new IllegalArgumentException(kind + " check of " + column + ": a bound belongs to MIN and MAX checks only");
        }
    }

    static QualityCheck of(Kind kind, String column, Severity severity) {
        return new QualityCheck(kind, column, severity, Optional.empty(), List.of());
    }

    static QualityCheck bounded(Kind kind, String column, int bound) {
        return new QualityCheck(kind, column, Severity.ERROR, Optional.of(bound), List.of());
    }

    static QualityCheck within(Kind kind, String column, Severity severity, List<String> values) {
        return new QualityCheck(kind, column, severity, Optional.empty(), values);
    }

    /** The check's name in the cleaning report ({@code range} for both bounds). */
    public String reportName() {
        return kind.reportName();
    }

    /** What the check expects, for people (the report's {@code expectation}). */
    public String expectation() {
        return switch (kind) {
            case SIZE -> "at least one cleaned row";
            case UNIQUENESS -> "every " + column + " distinct";
            case COMPLETENESS -> "no missing value";
            case MIN -> "min >= " + bound.orElseThrow();
            case MAX -> "max <= " + bound.orElseThrow();
            case KNOWN_VALUES -> "values within " + values;
            case DOMAIN -> values.get(0) + ".." + values.get(values.size() - 1);
            case LABEL_RATE -> "share of yes";
        };
    }
}
