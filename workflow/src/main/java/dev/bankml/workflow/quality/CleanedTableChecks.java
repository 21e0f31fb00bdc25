package dev.bankml.workflow.quality;

import java.util.ArrayList;
import java.util.List;

import dev.bankml.workflow.quality.QualityCheck.Kind;
import dev.bankml.workflow.quality.QualityCheck.Severity;

/**
 * The data-quality checks of the cleaned table, defined once from the column contract
 * ({@link BankColumns}): its size, the uniqueness of {@code record_id}, completeness of every column,
 * ranges of the integer columns, the reference values of the categories (drift), the month domain,
 * and the label's positive rate. The cleaning rules already enforce the ERROR checks row by row;
 * the checks verify the staged table as a whole before it is published, and the same definitions
 * become the table's Glue Data Quality ruleset.
 */
public final class CleanedTableChecks {
    private CleanedTableChecks() {
    }

    /**
     * The checks, in the order the cleaning report lists them.
     *
     * @param label         the yes/no column predicted (its positive rate is measured)
     * @param labelRequired whether the label must be present (otherwise the rows may be leads: a missing
     *                      label or after-call column is only reported)
     */
    public static List<QualityCheck> of(String label, boolean labelRequired) {
        List<QualityCheck> out = new ArrayList<>();
        out.add(QualityCheck.of(Kind.SIZE, "*", Severity.WARNING));
        out.add(QualityCheck.of(Kind.UNIQUENESS, BankColumns.RECORD_ID, Severity.ERROR));
        for (BankColumn c : BankColumns.ALL) {
            // Rows that may be leads (labelRequired false) need neither the label nor the after-call columns.
            boolean optional = !labelRequired && (c.name().equals(label) || !c.knownBeforeCall());
            out.add(QualityCheck.of(Kind.COMPLETENESS, c.name(), optional ? Severity.INFO : Severity.ERROR));
            switch (c.type()) {
                case INTEGER -> {
                    if (c.min() != null) {
                        out.add(QualityCheck.bounded(Kind.MIN, c.name(), c.min()));
                    }
                    if (c.max() != null) {
                        out.add(QualityCheck.bounded(Kind.MAX, c.name(), c.max()));
                    }
                }
                case CATEGORY -> out.add(QualityCheck.within(Kind.KNOWN_VALUES, c.name(), Severity.WARNING,
                        c.knownValues()));
                case MONTH -> out.add(QualityCheck.within(Kind.DOMAIN, c.name(), Severity.ERROR, BankColumns.MONTHS));
                case YES_NO -> {
                    if (c.name().equals(label)) {
                        out.add(QualityCheck.of(Kind.LABEL_RATE, c.name(), Severity.INFO));
                    }
                }
                default -> {
                }
            }
        }
        return out;
    }
}
