package dev.bankml.cleaning.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

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
 * @param missingColumns bank columns absent from the header (only optional ones may be)
 * @param ignoredColumns bank columns present in the header whose values are not read (a lead's label
 *                       and after-call columns) → field index, to count the rows that carry a value anyway
 */
public record FileLayout(String sourceFile, String batchId, char delimiter, List<String> headerFields,
                         Map<String, Integer> positions, List<String> extraColumns, List<String> missingColumns,
                         Map<String, Integer> ignoredColumns)
        implements Serializable {

    /** Delimiters tried on the header line, best match wins. */
    static final char[] CANDIDATE_DELIMITERS = {',', ';', '\t', '|'};
    static final char BOM = '\uFEFF';

    public FileLayout {
        headerFields = List.copyOf(headerFields);
        positions = Map.copyOf(positions);
        extraColumns = List.copyOf(extraColumns);
        missingColumns = List.copyOf(missingColumns);
        ignoredColumns = Collections.unmodifiableMap(new TreeMap<>(ignoredColumns));
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
        return fromHeader(sourceFile, batchId, headerLine, requireLabel ? Set.of() : Set.of(label));
    }

    /**
     * Reads the layout from a header line (see above); the columns of {@code optional} may be absent.
     *
     * @throws InputLayoutException if the line names no bank columns, a column twice, or misses required ones
     */
    public static FileLayout fromHeader(String sourceFile, String batchId, String headerLine, Set<String> optional) {
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
        List<String> fatal = missing.stream().filter(c -> !optional.contains(c)).toList();
        if (!fatal.isEmpty()) {
            throw new InputLayoutException("input file " + sourceFile + " lacks required column(s) " + fatal
                    + "; its header has " + names + ". Nothing was written.");
        }
        return new FileLayout(sourceFile, batchId, best, names, positions, extra, missing, Map.of());
    }

    /**
     * This layout without these columns: their fields are read past and the columns stay null (a lead
     * delivery's label and after-call columns, which a lead does not need and no lead model reads).
     */
    public FileLayout ignoring(Collection<String> columns) {
        Map<String, Integer> kept = new LinkedHashMap<>(positions);
        Map<String, Integer> ignored = new TreeMap<>(ignoredColumns);
        for (String column : columns) {
            Integer at = kept.remove(column);
            if (at != null) {
                ignored.put(column, at);
            }
        }
        return new FileLayout(sourceFile, batchId, delimiter, headerFields, kept, extraColumns, missingColumns, ignored);
    }

    /** The ignored columns that hold a value on this data line (not blank, not a missing-value marker). */
    public List<String> ignoredValuesIn(String line) {
        if (ignoredColumns.isEmpty() || line == null) {
            return List.of();
        }
        List<String> fields = DelimitedLine.split(stripBom(line), delimiter).fields();
        List<String> out = new ArrayList<>(1);
        ignoredColumns.forEach((column, at) -> {
            if (at < fields.size() && !FieldRules.isMissing(fields.get(at))) {
                out.add(column);
            }
        });
        return out;
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
