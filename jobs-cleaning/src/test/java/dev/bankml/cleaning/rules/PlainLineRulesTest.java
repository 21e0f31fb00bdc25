package dev.bankml.cleaning.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;

/** The in-place rules for plain lines give exactly the outcome of the general rules, on thousands of odd lines. */
class PlainLineRulesTest {
    private static final String HEADER = String.join(",", BankSchema.columnNames());
    private static final String[] GOOD = ("59,admin.,married,secondary,no,2343,yes,no,unknown,5,may,1042,1,-1,0,unknown,yes")
            .split(",");
    /** Odd but plausible spellings of each kind of field. */
    private static final String[] ODD = {"", " ", "NA", "n/a", "Null", "?", "+7", "-0", "007", "0000000000000000000042",
            "99999999999", "-2147483648", "1e3", "12 ", " 12", "\t3", "YES", "No ", "y", "MAY", "May", "september", "Sept",
            "sep", "janu", "ju", "Admin.", " BLUE-COLLAR ", "astronaut", "x".repeat(300), "UnKnown", "17", "200", "-1",
            "-2", "0", "1", "31", "32"};

    private static String classify(ClassifiedLine c) {
        return c == null ? "null" : c.kind() + " " + (c.values() == null ? "-" : Arrays.toString(c.values())) + " " + c.reasons();
    }

    @Test
    void givesTheSameOutcomeAsTheGeneralRulesOnRandomLines() {
        for (char delimiter : new char[] {',', ';', '\t'}) {
            String header = HEADER.replace(',', delimiter);
            FileLayout layout = FileLayout.fromHeader("f.csv", "b", header, "deposit", true);
            PlainLineRules plain = new PlainLineRules(layout);
            SplittableRandom rnd = new SplittableRandom(42);
            int compared = 0;
            for (int i = 0; i < 20_000; i++) {
                List<String> fields = new ArrayList<>(Arrays.asList(GOOD));
                int changes = rnd.nextInt(4);
                for (int k = 0; k < changes; k++) {
                    fields.set(rnd.nextInt(fields.size()), ODD[rnd.nextInt(ODD.length)]);
                }
                if (rnd.nextInt(20) == 0) {
                    fields.remove(rnd.nextInt(fields.size()));
                }
                if (rnd.nextInt(20) == 0) {
                    fields.add("extra");
                }
                String line = String.join(String.valueOf(delimiter), fields);
                if (rnd.nextInt(50) == 0) {
                    line = String.valueOf(delimiter).repeat(rnd.nextInt(17)) + " ".repeat(rnd.nextInt(2));
                }
                if (!PlainLineRules.applies(line)) {
                    continue;
                }
                ClassifiedLine fast = plain.classify(line);
                if (fast == null) {
                    continue;
                }
                DelimitedLine split = DelimitedLine.split(line, delimiter);
                String general;
                if (split.isBlank()) {
                    general = classify(ClassifiedLine.BLANK);
                } else {
                    RecordRules.Outcome o = RecordRules.apply(split, layout);
                    general = classify(new ClassifiedLine(LineKind.DATA, o.values(), o.reasons()));
                }
                assertEquals(general, classify(fast), "line: " + line);
                compared++;
            }
            assertTrue(compared > 15_000, "compared " + compared);
        }
    }

    @Test
    void leavesQuotedNonAsciiAndHeaderLikeLinesToTheGeneralRules() {
        FileLayout layout = FileLayout.fromHeader("f.csv", "b", HEADER, "deposit", true);
        assertEquals(false, PlainLineRules.applies("\"59\",admin."));
        assertEquals(false, PlainLineRules.applies("59,managément"));
        assertEquals(false, PlainLineRules.applies("\ufeff59,admin."));
        assertEquals(null, new PlainLineRules(layout).classify(HEADER.toUpperCase()));
    }
}
