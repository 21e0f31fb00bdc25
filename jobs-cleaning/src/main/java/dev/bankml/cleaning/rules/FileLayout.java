package dev.bankml.cleaning.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.jobs.BankSchema;

/**
 * How one input file lays out the bank columns, read from its header line: the delimiter and, for
 * every canonical column, the position of its field. Columns are matched by name (aliases resolved,
 * case and quotes ignored), never by position.
 *
 * @param sourceFile    the file's path relative to the source root
 * @param batchId       the partition value of the file's rows
 * @param delimiter     the field separator detected from the header
 * @param headerFields  the header's names, normalised, in file order
 * @param positions     canonical column → field index
 * @param extraColumns  header names that are not bank columns (dropped)
 * @param missingColumns bank columns absent from the header (only the label may be, and only when allowed)
 */
public record FileLayout(String sourceFile, String batchId, char delimiter, List<String> headerFields,
                         Map<String, Integer> positions, List<String> extraColumns, List<String> missingColumns)
        implements Serializable {

    /** Delimiters tried on the header line, best match wins. */
    static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};
    static final char BOM = '\uFEFF';

    public FileLayout {
        headerFields = List.copyOf(headerFields);
        positions = Map.copyOf(positions);
        extraColumns = List.copyOf(extraColumns);
        missingColumns = List.copyOf(missingColumns);
    }

    public int fieldCount() {
        return headerFields.size();
    }

    /**
     * Reads the layout from a header line, detecting the delimiter as the one under which the most
     * header names are bank columns.
     *
     * @throws InputLayoutException if the line names no bank columns, a column twice, or misses required ones
     */
    public static FileLayout fromHeader(String sourceFile, String batchId, String headerLine, String label,
                                        boolean requireLabel) {
        String header = stripBom(headerLine);
        char best = ',';
        int bestMatches = -1;
        for (char d : CANDIDATE_DELIMITERS) {
            DelimitedLine parsed = DelimitedLine.split(header, d);
            int matches = (int) parsed.fields().stream().filter(f -> BankSchema.resolveHeader(f).isPresent()).count();
            if (matches > bestMatches) {
                best = d;
                bestMatches = matches;
            }
        }
        List<String> names = DelimitedLine.split(header, best).fields().stream()
                .map(BankSchema::normalizeHeader).toList();
        if (bestMatches < 2) {
            throw new InputLayoutException("input file " + sourceFile + " does not start with a header naming the bank "
                    + "columns (first line: '" + abbreviate(header) + "'). Add the header line "
                    + String.join(",", BankSchema.columnNames()) + " (any order, ',' or ';' separated).");
        }
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Optional<String> canonical = BankSchema.resolveHeader(names.get(i));
            if (canonical.isPresent()) {
                if (positions.containsKey(canonical.get())) {
                    throw new InputLayoutException("input file " + sourceFile + " names column '" + canonical.get()
                            + "' twice in its header (fields " + (positions.get(canonical.get()) + 1) + " and " + (i + 1)
                            + "); remove one of them.");
                }
                positions.put(canonical.get(), i);
            } else {
                extra.add(names.get(i).isEmpty() ? "(unnamed field " + (i + 1) + ")" : names.get(i));
            }
        }
        List<String> missing = BankSchema.columnNames().stream().filter(c -> !positions.containsKey(c)).toList();
        List<String> fatal = missing.stream().filter(c -> requireLabel || !c.equals(label)).toList();
        if (!fatal.isEmpty()) {
            throw new InputLayoutException("input file " + sourceFile + " lacks required column(s) " + fatal
                    + "; its header has " + names + ". Nothing was written.");
        }
        return new FileLayout(sourceFile, batchId, best, names, positions, extra, missing);
    }

    /**
     * This layout without a column: its field is read past like an extra column's and the column
     * stays null (a lead delivery's label, which is not used: leads are scored, not learnt from).
     */
    public FileLayout ignoring(String column) {
        if (!positions.containsKey(column)) {
            return this;
        }
        Map<String, Integer> kept = new LinkedHashMap<>(positions);
        kept.remove(column);
        List<String> extra = new ArrayList<>(extraColumns);
        extra.add(column + " (ignored)");
        return new FileLayout(sourceFile, batchId, delimiter, headerFields, kept, extra, missingColumns);
    }

    /** Whether a data line is a repetition of the header (same names in the same places). */
    public boolean isHeaderRepeat(DelimitedLine line) {
        if (line.fields().size() != headerFields.size()) {
            return false;
        }
        for (int i = 0; i < headerFields.size(); i++) {
            if (!BankSchema.normalizeHeader(line.fields().get(i)).equals(headerFields.get(i))) {
                return false;
            }
        }
        return true;
    }

    static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == BOM ? line.substring(1) : line;
    }

    /** At most 120 characters, control and other unprintable characters shown as {@code \\uXXXX}. */
    static String abbreviate(String s) {
        String cut = s.length() <= 120 ? s : s.substring(0, 117) + "...";
        StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean printable = c >= 0x20 && c != 0x7f && !Character.isISOControl(c) && c != '\ufffd'
                    && Character.getType(c) != Character.UNASSIGNED;
            out.append(printable ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
