package dev.bankml.cleaning.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.BankColumn;

/**
 * The cleaning rules for one data line: split it with its file's layout, then trim, lower-case,
 * type and range-check every bank column. Pure: no Spark, no I/O.
 */
public final class RecordRules {
    private RecordRules() {
    }

    /** Values that mean "no value" in exported spreadsheets and the UCI files. */
    static final Set<String> MISSING_MARKERS = FieldRules.MISSING;

    /**
     * The outcome for one line: typed values in {@link BankSchema#COLUMNS} order when {@code reasons}
     * is empty, otherwise the reason codes.
     */
    public record Outcome(Object[] values, List<String> reasons) {
        public boolean valid() {
            return reasons.isEmpty();
        }
    }

    public static Outcome apply(DelimitedLine line, FileLayout layout) {
        return apply(line, layout, positions(layout));
    }

    /** For each bank column, in {@link BankSchema#COLUMNS} order, its field index in the layout, or -1. */
    static int[] positions(FileLayout layout) {
        int[] out = new int[BankSchema.COLUMNS.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = layout.positions().getOrDefault(BankSchema.COLUMNS.get(i).name(), -1);
        }
        return out;
    }

    /** {@link #apply(DelimitedLine, FileLayout)} with the layout's {@link #positions} computed once per file. */
    static Outcome apply(DelimitedLine line, FileLayout layout, int[] positions) {
        if (line.unbalancedQuote()) {
            return rejected(RejectReason.UNBALANCED_QUOTE.name());
        }
        int n = line.fields().size();
        if (n < layout.fieldCount()) {
            return rejected(RejectReason.TOO_FEW_FIELDS.name());
        }
        if (n > layout.fieldCount()) {
            return rejected(RejectReason.TOO_MANY_FIELDS.name());
        }
        Object[] values = new Object[BankSchema.COLUMNS.size()];
        List<String> reasons = new ArrayList<>(2);
        for (int i = 0; i < BankSchema.COLUMNS.size(); i++) {
            int pos = positions[i];
            if (pos < 0) {
                continue; // an optional label absent from this file: stays null
            }
            values[i] = typed(BankSchema.COLUMNS.get(i), line.fields().get(pos), reasons);
        }
        return reasons.isEmpty() ? new Outcome(values, List.of()) : new Outcome(null, List.copyOf(reasons));
    }

    private static Outcome rejected(String reason) {
        return new Outcome(null, List.of(reason));
    }

    /** The typed value of one field, or null with a reason added. */
    static Object typed(BankColumn col, String raw, List<String> reasons) {
        if (raw.length() > BankSchema.MAX_FIELD_CHARS) {
            reasons.add(RejectReason.FIELD_TOO_LONG.forColumn(col.name()));
            return null;
        }
        String v = raw.strip().toLowerCase(Locale.ROOT);
        if (MISSING_MARKERS.contains(v)) {
            reasons.add(RejectReason.MISSING_VALUE.forColumn(col.name()));
            return null;
        }
        switch (col.type()) {
            case INTEGER:
                return integer(col, v, reasons);
            case YES_NO:
                if (v.equals(FieldRules.YES)) {
                    return Boolean.TRUE;
                }
                if (v.equals(FieldRules.NO)) {
                    return Boolean.FALSE;
                }
                reasons.add(RejectReason.NOT_YES_NO.forColumn(col.name()));
                return null;
            case MONTH:
                String m = v.length() >= 3 ? v.substring(0, 3) : v;
                boolean fullOrShort = SHORT_MONTHS.contains(m)
                        && (v.length() == 3 || FULL_MONTHS.contains(v));
                if (fullOrShort) {
                    return m;
                }
                reasons.add(RejectReason.INVALID_MONTH.forColumn(col.name()));
                return null;
            case CATEGORY:
            default:
                return v;
        }
    }

    /** {@code [+-]?[0-9]+} as a number; {@link FieldRules#NOT_A_NUMBER} for anything else or beyond 18 digits. */
    static long parseWholeNumber(String v) {
        return FieldRules.wholeNumber(v, 0, v.length());
    }

    private static final Set<String> SHORT_MONTHS = Set.copyOf(FieldRules.SHORT_MONTHS);
    private static final Set<String> FULL_MONTHS = Set.copyOf(FieldRules.FULL_MONTHS);

    private static Integer integer(BankColumn col, String v, List<String> reasons) {
        long parsed = parseWholeNumber(v);
        RejectReason problem = FieldRules.integerProblem(col, parsed);
        if (problem != null) {
            reasons.add(problem.forColumn(col.name()));
            return null;
        }
        return (int) parsed;
    }
}
