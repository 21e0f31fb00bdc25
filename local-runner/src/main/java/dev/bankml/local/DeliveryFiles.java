package dev.bankml.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.bankml.cleaning.rules.DelimitedLine;
import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.BankColumns;

/**
 * Cuts a labelled export into the deliveries a bank sends: outcomes (the labelled history) and leads,
 * customers not called yet, whose files hold only what the bank knows before it dials (no label, no
 * {@link BankColumns#AFTER_CALL after-call column}).
 */
final class DeliveryFiles {
    private DeliveryFiles() {
    }

    /**
     * An export cut in two.
     *
     * @param outcomes the rows kept as labelled history (the header and every line not held back)
     * @param leads    the rows held back, as a lead file, or null when none was
     */
    record Cut(Path outcomes, Path leads, int outcomeRows, int leadRows) {
    }

    /**
     * Holds back {@code share} of an export's rows as a lead delivery: a row is held back when a hash of
     * its text falls in the share, so the same export is cut the same way on every run. Lines that do not
     * have the header's fields stay in the outcomes (the cleaning job quarantines them with a reason).
     *
     * @param folder where the two files are written, named after the input
     */
    static Cut holdBackLeads(Path input, Path folder, double share, String label) {
        List<String> lines = read(input);
        String name = input.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        if (lines.isEmpty() || share <= 0) {
            return new Cut(input, null, Math.max(0, lines.size() - 1), 0);
        }
        String header = lines.get(0);
        char delimiter = delimiter(header);
        int fields = DelimitedLine.split(header, delimiter).fields().size();
        List<String> outcomes = new ArrayList<>(List.of(header));
        List<String> leads = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            boolean whole = DelimitedLine.split(line, delimiter).fields().size() == fields;
            if (whole && Math.floorMod(line.hashCode(), 1_000) < Math.round(share * 1_000)) {
                leads.add(line);
            } else {
                outcomes.add(line);
            }
        }
        if (leads.isEmpty()) {
            return new Cut(input, null, outcomes.size() - 1, 0);
        }
        Path o = write(folder.resolve(name + ".csv"), outcomes);
        Path l = write(folder.resolve(name + "-leads.csv"), asLeads(header, leads, label));
        return new Cut(o, l, outcomes.size() - 1, leads.size());
    }

    /** The header and rows as a lead file: without the label and the after-call columns. */
    static List<String> asLeads(String header, List<String> rows, String label) {
        char delimiter = delimiter(header);
        List<String> names = DelimitedLine.split(header, delimiter).fields();
        Set<Integer> drop = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String column = BankSchema.resolveHeader(names.get(i)).orElse("");
            if (BankColumns.AFTER_CALL.contains(column) || column.equals(label)) {
                drop.add(i);
            }
        }
        List<String> out = new ArrayList<>(rows.size() + 1);
        out.add(without(header, delimiter, drop));
        rows.forEach(r -> out.add(without(r, delimiter, drop)));
        return out;
    }

    private static String without(String line, char delimiter, Set<Integer> drop) {
        List<String> fields = DelimitedLine.split(line, delimiter).fields();
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < fields.size(); i++) {
            if (drop.contains(i)) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append(delimiter);
            }
            String f = fields.get(i);
            boolean quote = f.indexOf(delimiter) >= 0 || f.indexOf('"') >= 0 || line.contains("\"");
            b.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
        }
        return b.toString();
    }

    /** ';' when the header has more of them than ','. */
    private static char delimiter(String header) {
        long semicolons = header.chars().filter(c -> c == ';').count();
        long commas = header.chars().filter(c -> c == ',').count();
        return semicolons > commas ? ';' : ',';
    }

    private static List<String> read(Path input) {
        try {
            return Files.readAllLines(input, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        }
    }

    static Path write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
