package dev.bankml.cleaning.rules;

import java.util.List;

/**
 * What a line is: its kind, and for a data line either its typed values (in {@code BankSchema.COLUMNS}
 * order) or its reasons.
 */
public record ClassifiedLine(LineKind kind, Object[] values, List<String> reasons) {
    static final ClassifiedLine HEADER = new ClassifiedLine(LineKind.HEADER, null, List.of());
    static final ClassifiedLine BLANK = new ClassifiedLine(LineKind.BLANK, null, List.of());

    public boolean valid() {
        return kind == LineKind.DATA && reasons.isEmpty();
    }

    public boolean rejected() {
        return kind == LineKind.DATA && !reasons.isEmpty();
    }
}
