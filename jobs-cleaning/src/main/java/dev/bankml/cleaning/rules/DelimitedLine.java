package dev.bankml.cleaning.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Splits one line of delimited text into fields, RFC 4180 style: a field may be wrapped in double
 * quotes, inside which the delimiter is literal and {@code ""} is one quote. Records that span
 * several lines are not supported: an opening quote never closed on its line is reported.
 *
 * @param fields          the fields, unquoted and otherwise untouched
 * @param unbalancedQuote whether a quoted field was still open at the end of the line
 */
public record DelimitedLine(List<String> fields, boolean unbalancedQuote) {

    public static DelimitedLine split(String line, char delimiter) {
        if (line.indexOf('"') < 0) {
            return new DelimitedLine(splitPlain(line, delimiter), false);
        }
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuotes = false;
        boolean fieldStart = true;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        inQuotes = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == delimiter) {
                fields.add(cur.toString());
                cur.setLength(0);
                fieldStart = true;
                continue;
            } else if (c == '"' && fieldStart && cur.toString().isBlank()) {
                cur.setLength(0);
                inQuotes = true;
            } else {
                cur.append(c);
            }
            fieldStart = false;
        }
        fields.add(cur.toString());
        return new DelimitedLine(List.copyOf(fields), inQuotes);
    }

    /** The common case, a line without quotes: cut at each delimiter. */
    private static List<String> splitPlain(String line, char delimiter) {
        int n = 1;
        for (int i = line.indexOf(delimiter); i >= 0; i = line.indexOf(delimiter, i + 1)) {
            n++;
        }
        String[] out = new String[n];
        int from = 0;
        for (int k = 0; k < n - 1; k++) {
            int to = line.indexOf(delimiter, from);
            out[k] = line.substring(from, to);
            from = to + 1;
        }
        out[n - 1] = line.substring(from);
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /** Whether every field is blank (an empty line, or one made only of delimiters). */
    public boolean isBlank() {
        for (String f : fields) {
            if (!f.isBlank()) {
                return false;
            }
        }
        return true;
    }
}
