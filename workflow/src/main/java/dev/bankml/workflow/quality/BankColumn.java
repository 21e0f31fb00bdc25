package dev.bankml.workflow.quality;

import java.io.Serializable;
import java.util.List;

/**
 * One column of the bank data set: its canonical name, type and validation domain.
 *
 * @param name        canonical (cleaned) column name
 * @param type        validation and output type
 * @param min         smallest accepted value (INTEGER), or null for no bound
 * @param max         largest accepted value (INTEGER), or null for no bound
 * @param knownValues the values seen in the reference data (CATEGORY); others are accepted but
 *                    reported by the data-quality checks as drift
 * @param aliases     other header names that mean this column (e.g. UCI's {@code y} for {@code deposit})
 * @param known       when the bank knows the value: before it dials (a lead has it) or only after the call
 */
public record BankColumn(String name, ColumnType type, Integer min, Integer max, List<String> knownValues,
                         List<String> aliases, Known known) implements Serializable {

    /**
     * When the bank knows a column's value. A lead is a customer the bank has not called yet: a model
     * that scores leads may read only what is known before the call.
     */
    public enum Known {
        /** The customer's profile, earlier campaigns, and the planned contact (channel, day, month, contacts so far). */
        BEFORE_CALL,
        /** Known only once the call has happened: its length, and its outcome. */
        AFTER_CALL
    }

    public BankColumn {
        knownValues = List.copyOf(knownValues);
        aliases = List.copyOf(aliases);
    }

    static BankColumn integer(String name, Integer min, Integer max) {
        return new BankColumn(name, ColumnType.INTEGER, min, max, List.of(), List.of(), Known.BEFORE_CALL);
    }

    static BankColumn category(String name, String... known) {
        return new BankColumn(name, ColumnType.CATEGORY, null, null, List.of(known), List.of(), Known.BEFORE_CALL);
    }

    static BankColumn yesNo(String name, String... aliases) {
        return new BankColumn(name, ColumnType.YES_NO, null, null, List.of(), List.of(aliases), Known.BEFORE_CALL);
    }

    static BankColumn month(String name) {
        return new BankColumn(name, ColumnType.MONTH, null, null, List.of(), List.of(), Known.BEFORE_CALL);
    }

    /** This column, known only after the call. */
    BankColumn afterCall() {
        return new BankColumn(name, type, min, max, knownValues, aliases, Known.AFTER_CALL);
    }

    /** Whether the bank knows it before it dials. */
    public boolean knownBeforeCall() {
        return known == Known.BEFORE_CALL;
    }
}
