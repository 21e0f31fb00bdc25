package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.rules.InputLayoutException;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.testing.TestSpark;

/** Bytes that are not text in the declared encoding, and values or lines no bank export can hold. */
class CleaningInputLimitsTest {
    private static final String GOOD = "59,admin.,married,secondary,no,2343,yes,no,unknown,5,may,1042,1,-1,0,unknown,yes";

    private static Path file(String name, byte[]... lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(String.join(",", BankSchema.columnNames()).getBytes(StandardCharsets.US_ASCII));
        for (byte[] l : lines) {
            out.write('\n');
            out.write(l);
        }
        out.write('\n');
        Path f = TestSpark.workDir("limits").resolve(name);
        Files.write(f, out.toByteArray());
        return f;
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aLineThatIsNotUtf8IsQuarantinedWithItsExactBytesNotSilentlyReplaced() throws IOException {
        byte[] bad = latin1(GOOD.replace("admin.", "managément"));
        Path f = file("latin1.csv", latin1(GOOD), bad);
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(f);
        assertEquals(1, r.rowsWritten());
        assertEquals(Map.of("INVALID_ENCODING", 1L), r.rejectedByReason());
        Row q = run.quarantine().first();
        assertEquals(3, q.getLong(1));
        assertArrayEquals(bad, (byte[]) q.get(4), "the exact bytes are kept");
        assertTrue(q.getString(2).contains("manag\ufffdment"), "raw_line shows where the bytes were not text");
        assertFalse(run.cleaned().collectAsList().toString().contains("\ufffd"));
    }

    @Test
    void aDeclaredEncodingDecodesTheSameLines() throws IOException {
        Path f = file("latin1.csv", latin1(GOOD), latin1(GOOD.replace("admin.", "managément")));
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(f, "--encoding", "iso-8859-1");
        assertEquals(2, r.rowsWritten());
        assertEquals("ISO-8859-1", r.encoding());
        assertEquals(1, run.cleaned().filter("job = 'managément'").count());
        assertTrue(r.dataQuality().stream().anyMatch(c -> c.column().equals("job") && c.status().equals("WARN")),
                "a value outside the reference domain is drift, reported");
    }

    @Test
    void anEncodingThatIsNotAsciiCompatibleIsRefusedUpFront() {
        dev.bankml.jobs.JobConfigurationException e = assertThrows(dev.bankml.jobs.JobConfigurationException.class,
                () -> CleaningTestRun.fresh().run(CleaningTestRun.fixture("good.csv"), "--encoding", "utf-16"));
        assertTrue(e.getMessage().contains("--encoding"), e.getMessage());
    }

    @Test
    void hugeValuesAndLinesAreQuarantinedWithTheirOwnReasons() throws IOException {
        byte[] longField = GOOD.replace("admin.", "x".repeat(300)).getBytes(StandardCharsets.US_ASCII);
        byte[] hugeLine = GOOD.replace("admin.", "y".repeat(20 << 20)).getBytes(StandardCharsets.US_ASCII);
        Path f = file("huge.csv", GOOD.getBytes(StandardCharsets.US_ASCII), longField, hugeLine,
                GOOD.replace("59", "60").getBytes(StandardCharsets.US_ASCII));
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(f);
        assertEquals(2, r.rowsWritten(), "the lines after a huge one are read normally");
        assertEquals(Map.of("FIELD_TOO_LONG:job", 1L, "LINE_TOO_LONG", 1L), r.rejectedByReason());
        Row huge = run.quarantine().filter("line_number = 4").first();
        assertEquals(BankSchema.MAX_LINE_BYTES, huge.getString(2).length(), "only the line's beginning is kept");
    }

    @Test
    void aBinaryFileIsRefusedWithAMessageAPersonCanRead() throws IOException {
        Path f = TestSpark.workDir("binary").resolve("photo.csv");
        byte[] bytes = new byte[4096];
        new java.util.Random(7).nextBytes(bytes);
        bytes[3] = 0;
        Files.write(f, bytes);
        InputLayoutException e = assertThrows(InputLayoutException.class, () -> CleaningTestRun.fresh().run(f));
        assertTrue(e.getMessage().contains("is not a text file"), e.getMessage());
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "no raw bytes echoed: " + e.getMessage());
    }

    @Test
    void aHeaderThatIsNotUtf8AsksForTheEncoding() throws IOException {
        Path f = TestSpark.workDir("header").resolve("bank.csv");
        Files.write(f, latin1(String.join(";", BankSchema.columnNames()).replace("job", "métier") + "\n" + GOOD + "\n"));
        InputLayoutException e = assertThrows(InputLayoutException.class, () -> CleaningTestRun.fresh().run(f));
        assertTrue(e.getMessage().contains("--encoding"), e.getMessage());
        assertEquals(List.of(), List.of());
    }
}
