package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.rules.InputLayoutException;
import dev.bankml.jobs.BankSchema;

/** The cleaning job on one small named fixture per odd input; exact counts and reasons. */
class CleaningFixturesTest {
    private static List<String> goodRecords;

    @BeforeAll
    static void cleanTheGoodFile() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("good.csv"));
        assertEquals(6, r.linesRead());
        assertEquals(1, r.blankOrHeaderLines());
        assertEquals(5, r.rowsRead());
        assertEquals(5, r.rowsWritten());
        assertEquals(0, r.rowsRejected());
        goodRecords = run.cleanedRecords();
        assertEquals(5, goodRecords.size());
        assertEquals("[59,admin.,married,secondary,false,2343,true,false,unknown,5,may,1042,1,-1,0,unknown,true]",
                goodRecords.get(4));
    }

    @Test
    void malformedNumbersAreQuarantinedWithTheirColumn() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("malformed-number.csv"));
        assertEquals(6, r.rowsRead());
        assertEquals(3, r.rowsWritten());
        assertEquals(3, r.rowsRejected());
        assertEquals(Map.of("NOT_AN_INTEGER:age", 1L, "NOT_AN_INTEGER:duration", 1L, "NOT_AN_INTEGER:pdays", 1L),
                r.rejectedByReason());
        List<String> lines = run.quarantine().orderBy(BankSchema.LINE_NUMBER)
                .collectAsList().stream().map(q -> q.getLong(1) + " " + q.getList(3)).toList();
        assertEquals(List.of("2 [NOT_AN_INTEGER:age]", "5 [NOT_AN_INTEGER:pdays]", "6 [NOT_AN_INTEGER:duration]"), lines);
    }

    @Test
    void raggedRowsAreQuarantinedNotPaddedOrTruncated() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("ragged-rows.csv"));
        assertEquals(6, r.rowsRead());
        assertEquals(3, r.rowsWritten());
        assertEquals(Map.of("TOO_FEW_FIELDS", 2L, "TOO_MANY_FIELDS", 1L), r.rejectedByReason());
        Row tooMany = run.quarantine().filter("line_number = 4").first();
        assertTrue(tooMany.getString(2).endsWith(",yes,extra"), "the raw line is kept as it was");
    }

    @Test
    void crlfLineEndingsCleanToTheSameRecords() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("crlf.csv"));
        assertEquals(5, r.rowsWritten());
        assertEquals(goodRecords, run.cleanedRecords());
    }

    @Test
    void uciFormWithSemicolonsQuotesBomAndAliasCleansToTheSameRecords() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("uci-semicolon-bom.csv"));
        assertEquals(";", r.inputFiles().get(0).delimiter());
        assertEquals(5, r.rowsWritten());
        assertEquals(0, r.rowsRejected());
        assertEquals(goodRecords, run.cleanedRecords());
    }

    @Test
    void headerOnlyFileHasNoRowsAndPublishesNothing() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("header-only.csv"));
        assertEquals(dev.bankml.jobs.RunStatus.SUCCEEDED, r.status());
        assertEquals(1, r.linesRead());
        assertEquals(1, r.headerLines());
        assertEquals(0, r.rowsRead());
        assertFalse(Files.exists(run.work.resolve("cleaned/batch_id=" + CleaningTestRun.batchOf(CleaningTestRun.fixture("header-only.csv")))));
    }

    @Test
    void emptyFileIsReportedAndSkipped() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("empty.csv"));
        assertEquals(List.of(CleaningTestRun.fixture("empty.csv").toString()), r.emptyFiles(), "named by their full path");
        assertEquals(0, r.linesRead());
        assertEquals(0, r.rowsRead());
    }

    @Test
    void repeatedHeaderIsCountedNotQuarantined() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("repeated-header.csv"));
        assertEquals(7, r.linesRead());
        assertEquals(2, r.headerLines());
        assertEquals(5, r.rowsWritten());
        assertEquals(0, r.rowsRejected());
        assertEquals(goodRecords, run.cleanedRecords());
    }

    @Test
    void blankLinesAreCountedNotQuarantined() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("blank-lines.csv"));
        assertEquals(11, r.linesRead());
        assertEquals(5, r.blankLines());
        assertEquals(6, r.blankOrHeaderLines());
        assertEquals(5, r.rowsWritten());
        assertEquals(0, r.rowsRejected());
    }

    @Test
    void extraColumnIsDroppedAndColumnsAreMatchedByName() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("extra-column.csv"));
        assertEquals(List.of("customer_note"), r.inputFiles().get(0).extraColumns());
        assertEquals(5, r.rowsWritten());
        assertEquals(goodRecords, run.cleanedRecords());
        assertFalse(List.of(run.cleaned().columns()).contains("customer_note"));
    }

    @Test
    void missingColumnFailsBeforeAnythingIsWritten() {
        CleaningTestRun run = CleaningTestRun.fresh();
        InputLayoutException e = assertThrows(InputLayoutException.class,
                () -> run.run(CleaningTestRun.fixture("missing-column.csv")));
        assertTrue(e.getMessage().contains("missing-column.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("[balance, month]"), e.getMessage());
        assertFalse(Files.exists(run.work.resolve("cleaned")));
        assertFalse(Files.exists(run.work.resolve("rejected")));
        assertTrue(Files.exists(run.work.resolve("reports/latest.json")), "the failed run still reports");
    }

    @Test
    void upperCaseAndPaddedValuesAreNormalised() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("upper-padded.csv"));
        assertEquals(5, r.rowsWritten());
        assertEquals(goodRecords, run.cleanedRecords());
    }

    @Test
    void duplicatesAreQuarantinedByDefaultAndKeptOnRequest() {
        CleaningTestRun quarantined = CleaningTestRun.fresh();
        CleaningReport q = quarantined.run(CleaningTestRun.fixture("duplicates.csv"));
        assertEquals(6, q.rowsRead());
        assertEquals(3, q.rowsWritten());
        assertEquals(Map.of("DUPLICATE_RECORD", 3L), q.rejectedByReason());
        assertEquals(3, q.duplicates().withinFile());

        CleaningTestRun kept = CleaningTestRun.fresh();
        CleaningReport k = kept.run(CleaningTestRun.fixture("duplicates.csv"), "--duplicates", "keep");
        assertEquals(6, k.rowsWritten());
        assertEquals(0, k.rowsRejected());
        assertEquals(6, kept.cleaned().select(BankSchema.RECORD_ID).distinct().count(), "ids stay unique");
    }

    @Test
    void unbalancedQuoteIsQuarantined() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("unbalanced-quote.csv"));
        assertEquals(3, r.rowsRead());
        assertEquals(2, r.rowsWritten());
        assertEquals(Map.of("UNBALANCED_QUOTE", 1L), r.rejectedByReason());
    }

    @Test
    void goodAndBadLinesMixedAddUpExactlyAndEveryBadLineHasItsReason() {
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(CleaningTestRun.fixture("mixed-good-bad.csv"));
        assertEquals(22, r.linesRead());
        assertEquals(21, r.rowsRead());
        assertEquals(14, r.rowsWritten());
        assertEquals(7, r.rowsRejected());
        assertEquals(r.rowsRead(), r.rowsWritten() + r.rowsRejected());
        assertEquals(14, run.cleaned().count());
        List<String> quarantined = run.quarantine().orderBy(BankSchema.LINE_NUMBER).collectAsList().stream()
                .map(q -> java.nio.file.Path.of(q.getString(0)).getFileName() + ":" + q.getLong(1) + " " + q.getList(3))
                .toList();
        assertEquals(List.of(
                "mixed-good-bad.csv:3 [OUT_OF_RANGE:age]",
                "mixed-good-bad.csv:6 [INVALID_MONTH:month]",
                "mixed-good-bad.csv:9 [NOT_YES_NO:loan]",
                "mixed-good-bad.csv:12 [MISSING_VALUE:education]",
                "mixed-good-bad.csv:15 [OUT_OF_RANGE:day]",
                "mixed-good-bad.csv:18 [OUT_OF_RANGE:pdays]",
                "mixed-good-bad.csv:21 [OUT_OF_RANGE:age, INVALID_MONTH:month]"), quarantined);
        assertEquals(Map.of("OUT_OF_RANGE:age", 2L, "INVALID_MONTH:month", 2L, "NOT_YES_NO:loan", 1L,
                "MISSING_VALUE:education", 1L, "OUT_OF_RANGE:day", 1L, "OUT_OF_RANGE:pdays", 1L), r.rejectedByReason());
    }

    @Test
    void tooManyRejectedRowsPublishNothingButStillReport() {
        CleaningTestRun run = CleaningTestRun.fresh();
        dev.bankml.jobs.JobFailedException e = assertThrows(dev.bankml.jobs.JobFailedException.class,
                () -> run.run(CleaningTestRun.fixture("mixed-good-bad.csv"), "--max_rejected_fraction", "0.05"));
        assertTrue(e.getMessage().contains("7 of 21 rows"), e.getMessage());
        assertFalse(Files.exists(run.work.resolve("cleaned")));
        assertFalse(Files.exists(run.work.resolve("rejected")));
        assertTrue(Files.exists(run.work.resolve("reports/latest.json")));
    }
}
