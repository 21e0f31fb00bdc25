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
 */
public record BankColumn(String name, ColumnType type, Integer min, Integer max, List<String> knownValues,
                         List<String> aliases) implements Serializable {

    public BankColumn {
        knownValues = List.copyOf(knownValues);
        aliases = List.copyOf(aliases);
    }

    static BankColumn integer(String name, Integer min, Integer max) {
        return new BankColumn(name, ColumnType.INTEGER, min, max, List.of(), List.of());
    }

    static BankColumn category(String name, String... known) {
        return new BankColumn(name, ColumnType.CATEGORY, null, null, List.of(known), List.of());
    }

    static BankColumn yesNo(String name, String... aliases) {
        return new BankColumn(name, ColumnType.YES_NO, null, null, List.of(), List.of(aliases));
    }

    static BankColumn month(String name) {
        return new BankColumn(name, ColumnType.MONTH, null, null, List.of(), List.of());
    }
}
