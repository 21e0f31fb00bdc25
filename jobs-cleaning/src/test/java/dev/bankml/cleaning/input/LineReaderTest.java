package dev.bankml.cleaning.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Byte ranges of a file share out its lines exactly, whatever the line breaks and wherever the cuts fall. */
class LineReaderTest {

    private static List<String> read(byte[] file, long start, long end, int max) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(file);
        in.skip(Math.max(0, start - 1));
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(in, start, end, max)) {
            while (r.next()) {
                out.add(new String(r.bytes(), 0, r.length(), StandardCharsets.ISO_8859_1) + (r.truncated() ? "~" : ""));
            }
        }
        return out;
    }

    @Test
    void everyCutOfAFileWithMixedLineBreaksGivesEachLineToExactlyOneRange() throws IOException {
        String text = "h1,h2\r\na,1\n\nb,2\rc,3\r\n\r\nd,4\n\re,5";
        byte[] file = text.getBytes(StandardCharsets.ISO_8859_1);
        List<String> whole = read(file, 0, Long.MAX_VALUE, 100);
        assertEquals(List.of("h1,h2", "a,1", "", "b,2", "c,3", "", "d,4", "", "e,5"), whole);
        for (int cut1 = 1; cut1 < file.length; cut1++) {
            for (int cut2 = cut1; cut2 <= file.length; cut2++) {
                List<String> joined = new ArrayList<>(read(file, 0, cut1, 100));
                joined.addAll(read(file, cut1, cut2, 100));
                joined.addAll(read(file, cut2, Long.MAX_VALUE, 100));
                assertEquals(whole, joined, "cuts at " + cut1 + " and " + cut2);
            }
        }
    }

    @Test
    void aTrailingLineBreakEndsTheLastLineWithoutAddingOne() throws IOException {
        assertEquals(List.of("a", "b"), read("a\nb\n".getBytes(StandardCharsets.US_ASCII), 0, Long.MAX_VALUE, 10));
        assertEquals(List.of("a", ""), read("a\n\n".getBytes(StandardCharsets.US_ASCII), 0, Long.MAX_VALUE, 10));
        assertEquals(List.of(), read(new byte[0], 0, Long.MAX_VALUE, 10));
    }

    @Test
    void aLineLongerThanTheLimitKeepsItsBeginningAndIsMarked() throws IOException {
        byte[] file = ("short\n" + "x".repeat(100_000) + "\nafter\n").getBytes(StandardCharsets.US_ASCII);
        List<String> lines = read(file, 0, Long.MAX_VALUE, 64);
        assertEquals(3, lines.size());
        assertEquals("x".repeat(64) + "~", lines.get(1));
        assertEquals("after", lines.get(2));
        assertFalse(lines.get(0).endsWith("~"));
        assertTrue(read(file, 3, Long.MAX_VALUE, 64).contains("after"));
    }
}
