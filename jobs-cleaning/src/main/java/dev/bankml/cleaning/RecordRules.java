package dev.bankml.cleaning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.bankml.jobs.BankColumn;
import dev.bankml.jobs.BankSchema;

/**
 * The cleaning rules for one data line: split it with its file's layout, then trim, lower-case,
 * type and range-check every bank column. Pure: no Spark, no I/O.
 */
public final class RecordRules {
    private RecordRules() {
    }

    /** Values that mean "no value" in exported spreadsheets and the UCI files. */
    static final Set<String> MISSING_MARKERS = Set.of("", "na", "n/a", "null", "?");

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
                if (v.equals("yes")) {
                    return Boolean.TRUE;
                }
                if (v.equals("no")) {
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

    private static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** {@code [+-]?[0-9]+} as a number; {@link #NOT_A_NUMBER} for anything else or beyond 18 digits. */
    static long parseWholeNumber(String v) {
        int n = v.length();
        int i = 0;
        boolean negative = false;
        if (n > 0 && (v.charAt(0) == '+' || v.charAt(0) == '-')) {
            negative = v.charAt(0) == '-';
            i = 1;
        }
        if (i == n) {
            return NOT_A_NUMBER;
        }
        while (i < n - 1 && v.charAt(i) == '0') {
            i++;
        }
        if (n - i > 18) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_NUMBER;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    private static final Set<String> SHORT_MONTHS = Set.copyOf(BankSchema.MONTHS);
    private static final Set<String> FULL_MONTHS = Set.of("january", "february", "march", "april", "june", "july",
            "august", "september", "sept", "october", "november", "december");

    private static Integer integer(BankColumn col, String v, List<String> reasons) {
        long parsed = parseWholeNumber(v);
        if (parsed == NOT_A_NUMBER || parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
            reasons.add(RejectReason.NOT_AN_INTEGER.forColumn(col.name()));
            return null;
        }
        int i = (int) parsed;
        if ((col.min() != null && i < col.min()) || (col.max() != null && i > col.max())) {
            reasons.add(RejectReason.OUT_OF_RANGE.forColumn(col.name()));
            return null;
        }
        return i;
    }
}
