package dev.bankml.cleaning.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DelimitedLineTest {

    @Test
    void splitsPlainFields() {
        assertEquals(List.of("59", "admin.", "", "yes"), DelimitedLine.split("59,admin.,,yes", ',').fields());
    }

    @Test
    void quotedFieldsKeepDelimitersAndUnescapeDoubledQuotes() {
        DelimitedLine d = DelimitedLine.split("\"a;b\";\"say \"\"hi\"\"\";3", ';');
        assertEquals(List.of("a;b", "say \"hi\"", "3"), d.fields());
        assertFalse(d.unbalancedQuote());
    }

    @Test
    void quoteInsideAnUnquotedFieldIsLiteral() {
        assertEquals(List.of("5\" screen", "x"), DelimitedLine.split("5\" screen,x", ',').fields());
    }

    @Test
    void anOpenQuoteAtTheEndOfTheLineIsReported() {
        DelimitedLine d = DelimitedLine.split("1,\"admin.,married", ',');
        assertTrue(d.unbalancedQuote());
    }

    @Test
    void trailingDelimiterMeansAnEmptyLastField() {
        assertEquals(List.of("a", "b", ""), DelimitedLine.split("a,b,", ',').fields());
    }

    @Test
    void lineOfDelimitersIsBlank() {
        assertTrue(DelimitedLine.split(" , ,,", ',').isBlank());
        assertTrue(DelimitedLine.split("", ',').isBlank());
        assertFalse(DelimitedLine.split(",x,", ',').isBlank());
    }
}
