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
            BankColumn col = BankSchema.COLUMNS.get(i);
            Integer pos = layout.positions().get(col.name());
            if (pos == null) {
                continue; // an optional label absent from this file: stays null
            }
            values[i] = typed(col, line.fields().get(pos), reasons);
        }
        return reasons.isEmpty() ? new Outcome(values, List.of()) : new Outcome(null, List.copyOf(reasons));
    }

    private static Outcome rejected(String reason) {
        return new Outcome(null, List.of(reason));
    }

    /** The typed value of one field, or null with a reason added. */
    static Object typed(BankColumn col, String raw, List<String> reasons) {
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
                boolean fullOrShort = BankSchema.MONTHS.contains(m)
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

    private static final Set<String> FULL_MONTHS = Set.of("january", "february", "march", "april", "june", "july",
            "august", "september", "sept", "october", "november", "december");

    private static Integer integer(BankColumn col, String v, List<String> reasons) {
        if (!v.matches("[+-]?\\d+")) {
            reasons.add(RejectReason.NOT_AN_INTEGER.forColumn(col.name()));
            return null;
        }
        long parsed;
        try {
            parsed = Long.parseLong(v);
        } catch (NumberFormatException e) {
            reasons.add(RejectReason.NOT_AN_INTEGER.forColumn(col.name()));
            return null;
        }
        if (parsed < Integer.MIN_VALUE || parsed > Integer.MAX_VALUE) {
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
