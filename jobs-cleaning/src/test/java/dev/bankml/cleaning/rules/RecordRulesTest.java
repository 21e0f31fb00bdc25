package dev.bankml.cleaning.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordRulesTest {
    private static final FileLayout LAYOUT =
            FileLayout.fromHeader("t.csv", "b", FileLayoutTest.HEADER, "deposit", true);
    private static final String GOOD = "59,admin.,married,secondary,no,2343,yes,no,unknown,5,may,1042,1,-1,0,unknown,yes";

    private static RecordRules.Outcome apply(String line) {
        return RecordRules.apply(DelimitedLine.split(line, ','), LAYOUT);
    }

    private static String with(String column, String value) {
        String[] f = GOOD.split(",");
        f[LAYOUT.positions().get(column)] = value;
        return String.join(",", f);
    }

    @Test
    void typesAGoodLine() {
        RecordRules.Outcome o = apply(GOOD);
        assertEquals(List.of(), o.reasons());
        assertArrayEquals(new Object[] {59, "admin.", "married", "secondary", false, 2343, true, false, "unknown", 5,
                "may", 1042, 1, -1, 0, "unknown", true}, o.values());
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "age|4x|NOT_AN_INTEGER:age",
            "age|17|OUT_OF_RANGE:age",
            "age|111|OUT_OF_RANGE:age",
            "age|''|MISSING_VALUE:age",
            "age|NA|MISSING_VALUE:age",
            "balance|99999999999|NOT_AN_INTEGER:balance",
            "balance|12.5|NOT_AN_INTEGER:balance",
            "day|0|OUT_OF_RANGE:day",
            "day|32|OUT_OF_RANGE:day",
            "month|mayo|INVALID_MONTH:month",
            "month|13|INVALID_MONTH:month",
            "loan|maybe|NOT_YES_NO:loan",
            "deposit|?|MISSING_VALUE:deposit",
            "pdays|-2|OUT_OF_RANGE:pdays",
            "campaign|0|OUT_OF_RANGE:campaign",
            "duration|-1|OUT_OF_RANGE:duration",
            "job|null|MISSING_VALUE:job"})
    void rejectsAValueWithAStableReason(String column, String value, String reason) {
        assertEquals(List.of(reason), apply(with(column, value)).reasons());
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "month|September|sep",
            "month|' MAY '|may",
            "job|' Blue-Collar '|blue-collar",
            "age|+59|59",
            "balance|-6847|-6847",
            "default|YES|true"})
    void normalisesAcceptedSpellings(String column, String value, String typed) {
        RecordRules.Outcome o = apply(with(column, value));
        assertEquals(List.of(), o.reasons());
        int i = dev.bankml.jobs.BankSchema.columnNames().indexOf(column);
        assertEquals(typed, String.valueOf(o.values()[i]));
    }

    @Test
    void collectsEveryReasonOfALine() {
        assertEquals(List.of("OUT_OF_RANGE:age", "INVALID_MONTH:month"), apply(with("month", "xyz").replaceFirst("59", "7")).reasons());
    }

    @Test
    void raggedLinesGetOneReason() {
        assertEquals(List.of("TOO_FEW_FIELDS"), apply("59,admin.").reasons());
        assertEquals(List.of("TOO_MANY_FIELDS"), apply(GOOD + ",x").reasons());
        assertEquals(List.of("UNBALANCED_QUOTE"), apply(GOOD.replace("admin.", "\"admin.")).reasons());
    }
}
