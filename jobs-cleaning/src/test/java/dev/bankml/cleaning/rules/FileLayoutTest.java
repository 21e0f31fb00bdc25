package dev.bankml.cleaning.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FileLayoutTest {
    static final String HEADER = "age,job,marital,education,default,balance,housing,loan,contact,day,month,duration,"
            + "campaign,pdays,previous,poutcome,deposit";

    @Test
    void detectsCommaAndMapsEveryColumn() {
        FileLayout l = FileLayout.fromHeader("a.csv", "b", HEADER, "deposit", true);
        assertEquals(',', l.delimiter());
        assertEquals(17, l.positions().size());
        assertEquals(0, l.positions().get("age"));
        assertEquals(16, l.positions().get("deposit"));
    }

    @Test
    void detectsSemicolonQuotesBomAndTheUciLabelAlias() {
        String uci = "\uFEFF\"age\";\"job\";\"marital\";\"education\";\"default\";\"balance\";\"housing\";\"loan\";"
                + "\"contact\";\"day\";\"month\";\"duration\";\"campaign\";\"pdays\";\"previous\";\"poutcome\";\"y\"";
        FileLayout l = FileLayout.fromHeader("bank-full.csv", "b", uci, "deposit", true);
        assertEquals(';', l.delimiter());
        assertEquals(16, l.positions().get("deposit"));
        assertEquals(List.of(), l.extraColumns());
    }

    @Test
    void extraColumnsAreListedAndCaseIsIgnored() {
        FileLayout l = FileLayout.fromHeader("a.csv", "b", HEADER.toUpperCase() + ",Customer_ID", "deposit", true);
        assertEquals(List.of("customer_id"), l.extraColumns());
    }

    @Test
    void missingRequiredColumnsAreNamed() {
        String header = HEADER.replace("balance,", "").replace("pdays,", "");
        InputLayoutException e = assertThrows(InputLayoutException.class,
                () -> FileLayout.fromHeader("x.csv", "b", header, "deposit", true));
        assertTrue(e.getMessage().contains("x.csv lacks required column(s) [balance, pdays]"), e.getMessage());
    }

    @Test
    void theLabelMayBeAbsentWhenNotRequired() {
        String header = HEADER.replace(",deposit", "");
        FileLayout l = FileLayout.fromHeader("new.csv", "b", header, "deposit", false);
        assertEquals(List.of("deposit"), l.missingColumns());
        assertThrows(InputLayoutException.class, () -> FileLayout.fromHeader("new.csv", "b", header, "deposit", true));
    }

    @Test
    void aFileWithoutHeaderIsRefusedWithAHint() {
        InputLayoutException e = assertThrows(InputLayoutException.class, () -> FileLayout.fromHeader("raw.csv", "b",
                "59,admin.,married,secondary,no,2343,yes,no,unknown,5,may,1042,1,-1,0,unknown,yes", "deposit", true));
        assertTrue(e.getMessage().contains("does not start with a header"), e.getMessage());
    }

    @Test
    void aColumnNamedTwiceIsRefused() {
        InputLayoutException e = assertThrows(InputLayoutException.class,
                () -> FileLayout.fromHeader("d.csv", "b", HEADER + ",y", "deposit", true));
        assertTrue(e.getMessage().contains("names column 'deposit' twice"), e.getMessage());
    }

    @Test
    void recognisesARepeatedHeaderWhateverItsQuotingOrCase() {
        FileLayout l = FileLayout.fromHeader("a.csv", "b", HEADER, "deposit", true);
        assertTrue(l.isHeaderRepeat(DelimitedLine.split(HEADER.toUpperCase(), ',')));
    }
}
