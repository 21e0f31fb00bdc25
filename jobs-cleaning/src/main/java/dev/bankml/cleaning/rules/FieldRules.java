package dev.bankml.cleaning.rules;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.BankColumn;

/**
 * What the field rules decide, written once for both ways of applying them: {@link RecordRules} on a
 * line cut into strings and {@link PlainLineRules} in place on a plain ASCII line. The markers of a
 * missing value, the month names, the yes/no words, the parsing of whole numbers and the range check
 * live here; the two appliers only differ in how they look at the characters.
 */
final class FieldRules {
    private FieldRules() {
    }

    /** Values that mean "no value" in exported spreadsheets and the UCI files (compared lower-cased, trimmed). */
    static final List<String> MISSING_MARKERS = List.of("", "na", "n/a", "null", "?");
    static final Set<String> MISSING = Set.copyOf(MISSING_MARKERS);

    /** Whether a field's text means "no value" (blank, or a missing-value marker). */
    static boolean isMissing(String field) {
        return MISSING.contains(field.strip().toLowerCase(Locale.ROOT));
    }

    static final String YES = "yes";
    static final String NO = "no";

    /** Month abbreviations ({@code jan..dec}) and the full names (and "sept") accepted for them. */
    static final List<String> SHORT_MONTHS = BankSchema.MONTHS;
    static final List<String> FULL_MONTHS = List.of("january", "february", "march", "april", "june", "july",
            "august", "september", "sept", "october", "november", "december");

    /** What {@link #wholeNumber} returns for text that is not a whole number of at most 18 significant digits. */
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** The missing-value markers of each length, index = length. */
    static final String[][] MISSING_BY_LENGTH = byLength(MISSING_MARKERS);

    /** {@code [+-]?[0-9]+} in {@code text[s, e)} as a number, or {@link #NOT_A_NUMBER} (also beyond 18 digits). */
    static long wholeNumber(CharSequence text, int s, int e) {
        int i = s;
        boolean negative = false;
        if (i < e && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (i == e) {
            return NOT_A_NUMBER;
        }
        while (i < e - 1 && text.charAt(i) == '0') {
            i++;
        }
        if (e - i > 18) {
            return NOT_A_NUMBER;
        }
        long v = 0;
        for (; i < e; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return NOT_A_NUMBER;
            }
            v = v * 10 + (c - '0');
        }
        return negative ? -v : v;
    }

    /** Why a parsed whole number is refused for its column ({@code NOT_AN_INTEGER}, {@code OUT_OF_RANGE}), or null. */
    static RejectReason integerProblem(BankColumn col, long v) {
        if (v == NOT_A_NUMBER || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return RejectReason.NOT_AN_INTEGER;
        }
        if ((col.min() != null && v < col.min()) || (col.max() != null && v > col.max())) {
            return RejectReason.OUT_OF_RANGE;
        }
        return null;
    }

    private static String[][] byLength(List<String> words) {
        int max = words.stream().mapToInt(String::length).max().orElse(0);
        String[][] out = new String[max + 1][];
        for (int n = 0; n <= max; n++) {
            final int len = n;
            out[n] = words.stream().filter(w -> w.length() == len).toArray(String[]::new);
        }
        return out;
    }
}
