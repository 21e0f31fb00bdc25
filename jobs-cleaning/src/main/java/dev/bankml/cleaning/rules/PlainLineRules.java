package dev.bankml.cleaning.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.BankColumn;

/**
 * The cleaning rules of {@link DelimitedLine} and {@link RecordRules}, applied without cutting the
 * line into strings, for the lines nearly every export consists of: ASCII only, no quotes. Numbers
 * are parsed straight from the line, yes/no and months are compared in place, and category values
 * come from a small per-column table of the values seen so far, so a typical line allocates a
 * handful of objects instead of several dozen. Any other line (quotes, non-ASCII text, a BOM, a
 * possible repeated header) goes to the general rules. What the rules decide (missing markers, month
 * names, yes/no, whole numbers and their ranges) is in {@link FieldRules}, shared with the general
 * rules; {@code PlainLineRulesTest} checks on random lines that both give the same outcome. One
 * instance per task and file layout: not thread-safe.
 */
final class PlainLineRules {
    private static final List<String> TOO_FEW = List.of(RejectReason.TOO_FEW_FIELDS.name());
    private static final List<String> TOO_MANY = List.of(RejectReason.TOO_MANY_FIELDS.name());
    private static final String[] SHORT_MONTHS = FieldRules.SHORT_MONTHS.toArray(String[]::new);
    private static final String[] FULL_MONTHS = FieldRules.FULL_MONTHS.toArray(String[]::new);

    private final FileLayout layout;
    private final int[] positions;
    private final String firstHeaderField;
    private final ValueTable[] categories;
    private int[] starts = new int[32];
    private int[] ends = new int[32];

    PlainLineRules(FileLayout layout) {
        this.layout = layout;
        this.positions = RecordRules.positions(layout);
        this.firstHeaderField = layout.headerFields().get(0);
        this.categories = new ValueTable[BankSchema.COLUMNS.size()];
        for (int i = 0; i < categories.length; i++) {
            categories[i] = new ValueTable();
        }
    }

    /** Whether these rules apply to a line: ASCII only, no quote. */
    static boolean applies(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= 0x80 || c == '"') {
                return false;
            }
        }
        return true;
    }

    /**
     * The line's kind and values or reasons, as the general rules give them; null when the line might
     * repeat the header (the general rules decide).
     */
    ClassifiedLine classify(String line) {
        int n = cut(line, layout.delimiter());
        if (isBlank(line)) {
            return ClassifiedLine.BLANK;
        }
        if (n == layout.fieldCount() && equalsIgnoreCaseTrimmed(line, starts[0], ends[0], firstHeaderField)) {
            return null;
        }
        if (n < layout.fieldCount()) {
            return new ClassifiedLine(LineKind.DATA, null, TOO_FEW);
        }
        if (n > layout.fieldCount()) {
            return new ClassifiedLine(LineKind.DATA, null, TOO_MANY);
        }
        Object[] values = new Object[positions.length];
        List<String> reasons = null;
        for (int i = 0; i < positions.length; i++) {
            int pos = positions[i];
            if (pos < 0) {
                continue;
            }
            BankColumn col = BankSchema.COLUMNS.get(i);
            String reason = typed(i, col, line, starts[pos], ends[pos], values);
            if (reason != null) {
                if (reasons == null) {
                    reasons = new ArrayList<>(2);
                }
                reasons.add(reason);
            }
        }
        return reasons == null ? new ClassifiedLine(LineKind.DATA, values, List.of())
                : new ClassifiedLine(LineKind.DATA, null, List.copyOf(reasons));
    }

    /** Finds the fields; returns how many. */
    private int cut(String line, char delimiter) {
        int n = 0;
        int from = 0;
        while (true) {
            int to = line.indexOf(delimiter, from);
            if (n == starts.length) {
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
            }
            starts[n] = from;
            ends[n] = to < 0 ? line.length() : to;
            n++;
            if (to < 0) {
                return n;
            }
            from = to + 1;
        }
    }

    /** Blank: only delimiters and white space (every field blank). */
    private boolean isBlank(String line) {
        char d = layout.delimiter();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != d && !Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Sets {@code values[i]} or returns the reason the field is rejected. */
    private String typed(int i, BankColumn col, String line, int s, int e, Object[] values) {
        if (e - s > BankSchema.MAX_FIELD_CHARS) {
            return RejectReason.FIELD_TOO_LONG.forColumn(col.name());
        }
        while (s < e && Character.isWhitespace(line.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
            e--;
        }
        if (isMissing(line, s, e)) {
            return RejectReason.MISSING_VALUE.forColumn(col.name());
        }
        switch (col.type()) {
            case INTEGER -> {
                long v = FieldRules.wholeNumber(line, s, e);
                RejectReason problem = FieldRules.integerProblem(col, v);
                if (problem != null) {
                    return problem.forColumn(col.name());
                }
                values[i] = (int) v;
                return null;
            }
            case YES_NO -> {
                if (equalsIgnoreCase(line, s, e, FieldRules.YES)) {
                    values[i] = Boolean.TRUE;
                    return null;
                }
                if (equalsIgnoreCase(line, s, e, FieldRules.NO)) {
                    values[i] = Boolean.FALSE;
                    return null;
                }
                return RejectReason.NOT_YES_NO.forColumn(col.name());
            }
            case MONTH -> {
                String m = e - s >= 3 ? shortMonth(line, s) : null;
                if (m != null && (e - s == 3 || isFullMonth(line, s, e))) {
                    values[i] = m;
                    return null;
                }
                return RejectReason.INVALID_MONTH.forColumn(col.name());
            }
            default -> {
                values[i] = categories[i].lowerCase(line, s, e);
                return null;
            }
        }
    }

    /** Whether line[s, e) is one of {@link FieldRules#MISSING_MARKERS}, any case: compared only with those of its length. */
    private static boolean isMissing(String line, int s, int e) {
        int n = e - s;
        if (n >= FieldRules.MISSING_BY_LENGTH.length) {
            return false;
        }
        for (String marker : FieldRules.MISSING_BY_LENGTH[n]) {
            if (equalsIgnoreCase(line, s, e, marker)) {
                return true;
            }
        }
        return false;
    }

    /** The month abbreviation the three letters at {@code s} spell, any case, or null. */
    private static String shortMonth(String line, int s) {
        int key = lowerAscii(line.charAt(s)) << 16 | lowerAscii(line.charAt(s + 1)) << 8 | lowerAscii(line.charAt(s + 2));
        for (int k = 0; k < SHORT_MONTH_KEYS.length; k++) {
            if (SHORT_MONTH_KEYS[k] == key) {
                return SHORT_MONTHS[k];
            }
        }
        return null;
    }

    private static final int[] SHORT_MONTH_KEYS = Arrays.stream(SHORT_MONTHS)
            .mapToInt(m -> m.charAt(0) << 16 | m.charAt(1) << 8 | m.charAt(2)).toArray();

    private static boolean isFullMonth(String line, int s, int e) {
        for (String f : FULL_MONTHS) {
            if (equalsIgnoreCase(line, s, e, f)) {
                return true;
            }
        }
        return false;
    }

    /** Whether line[s, e) equals {@code lower} (lower case) once lower-cased. ASCII only. */
    static boolean equalsIgnoreCase(String line, int s, int e, String lower) {
        if (e - s != lower.length()) {
            return false;
        }
        for (int k = 0; k < lower.length(); k++) {
            if (lowerAscii(line.charAt(s + k)) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCaseTrimmed(String line, int s, int e, String lower) {
        while (s < e && Character.isWhitespace(line.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(line.charAt(e - 1))) {
            e--;
        }
        return equalsIgnoreCase(line, s, e, lower);
    }

    private static char lowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * The lower-case values of one category column seen so far (at most {@value #MAX} of them), so
     * that a value is a shared string instead of a new one per row.
     */
    private static final class ValueTable {
        private static final int MAX = 1024;
        private final String[] table = new String[4 * MAX];
        private int size;

        String lowerCase(String line, int s, int e) {
            int h = 0;
            for (int k = s; k < e; k++) {
                h = 31 * h + lowerAscii(line.charAt(k));
            }
            int mask = table.length - 1;
            int slot = (h ^ (h >>> 16)) & mask;
            while (table[slot] != null) {
                if (equalsIgnoreCase(line, s, e, table[slot])) {
                    return table[slot];
                }
                slot = (slot + 1) & mask;
            }
            String v = line.substring(s, e).toLowerCase(Locale.ROOT);
            if (size < MAX) {
                table[slot] = v;
                size++;
            }
            return v;
        }
    }
}
