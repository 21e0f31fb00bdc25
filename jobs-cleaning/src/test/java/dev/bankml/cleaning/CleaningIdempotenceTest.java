package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.testing.TestSpark;

/** Re-runs and incremental loads: same input, same output; a failed run changes nothing. */
class CleaningIdempotenceTest {

    private static List<String> partitions(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("batch_id=")).sorted().toList();
        }
    }

    @Test
    void runningTwiceOnTheSameInputGivesTheSameOutput() throws IOException {
        Path input = TestSpark.workDir("idem-in");
        Files.copy(CleaningTestRun.fixture("mixed-good-bad.csv"), input.resolve("mixed-good-bad.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(input, "--run_id", "first");
        List<String> cleaned1 = run.rows(true);
        List<String> rejected1 = run.rows(false);
        run.run(input, "--run_id", "second");
        assertEquals(cleaned1, run.rows(true));
        assertEquals(rejected1, run.rows(false));
        assertEquals(14, cleaned1.size(), "no duplicates after a re-run");
        assertEquals(List.of("batch_id=" + CleaningTestRun.batchOf(input.resolve("mixed-good-bad.csv"))), partitions(run.work.resolve("cleaned")));
        assertNull(TestSpark.session().sparkContext().getLocalProperty("spark.job.description"),
                "the runs' name for their Spark jobs is cleared: jobs that follow in this JVM are not given it");
    }

    @Test
    void aNewFileAddsAPartitionAndLeavesTheOthersAlone() throws IOException {
        Path input = TestSpark.workDir("incr-in");
        Files.copy(CleaningTestRun.fixture("good.csv"), input.resolve("day1.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(input);
        Files.copy(CleaningTestRun.fixture("mixed-good-bad.csv"), input.resolve("day2.csv"));
        CleaningReport second = run.run(input);
        assertEquals(19, second.rowsWritten());
        assertEquals(19, run.cleaned().count());
        assertEquals(2, partitions(run.work.resolve("cleaned")).size());
    }

    @Test
    void aFixedRedeliveryReplacesItsRowsAndClearsItsQuarantine() throws IOException {
        Path input = TestSpark.workDir("fix-in");
        Files.copy(CleaningTestRun.fixture("malformed-number.csv"), input.resolve("batch.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(input);
        assertEquals(3, run.quarantine().count());

        Files.copy(CleaningTestRun.fixture("good.csv"), input.resolve("batch.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CleaningReport fixed = run.run(input);
        assertEquals(0, fixed.rowsRejected());
        assertEquals(5, run.cleaned().count());
        assertEquals(List.of(), partitions(run.work.resolve("rejected")), "no stale quarantine rows");
    }

    @Test
    void aRunThatFailsLeavesThePublishedOutputIntact() throws IOException {
        Path input = TestSpark.workDir("fail-in");
        Files.copy(CleaningTestRun.fixture("good.csv"), input.resolve("bank.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(input);
        List<String> before = run.rows(true);

        Files.copy(CleaningTestRun.fixture("mixed-good-bad.csv"), input.resolve("bank.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThrows(JobFailedException.class, () -> run.run(input, "--max_rejected_fraction", "0.1"));
        assertEquals(before, run.rows(true));
        assertFalse(Files.exists(run.work.resolve("rejected")));
        String report = Files.readString(run.work.resolve("reports/latest.json"));
        assertTrue(report.contains("\"status\" : \"FAILED_QUALITY_GATE\""), report);
        assertTrue(report.contains("\"published\" : false"), report);
    }

    @Test
    void recordIdsAreThoseAlreadyPublishedWhereverTheFileLives() throws IOException {
        Path elsewhere = TestSpark.workDir("moved").resolve("bank.csv");
        Files.copy(TestSpark.sampleCsv(), elsewhere);
        for (Path sample : List.of(TestSpark.sampleCsv(), elsewhere)) {
            CleaningTestRun run = CleaningTestRun.fresh();
            run.run(sample);
            java.util.Map<Long, String> ids = new java.util.HashMap<>();
            run.cleaned().filter("line_number in (2, 3, 11163)").collectAsList()
                    .forEach(r -> ids.put(r.getLong(r.fieldIndex("line_number")), r.getString(0)));
            // The ids the cleaning job published before its one-pass rewrite (same formula, same values),
            // so joins with earlier outputs and the training split drawn from them do not change.
            assertEquals(java.util.Map.of(2L, "8652efc6511e99d7aede40668a33d1fb", 3L, "597cbb28ad6acf41d85a2a5f52e9401d",
                    11163L, "8da8098c1ce40e6a23a5f2d564ad99fd"), ids, sample.toString());
        }
    }

    @Test
    void recordIdsAreStableAcrossRunsAndFolders() {
        CleaningTestRun a = CleaningTestRun.fresh();
        a.run(CleaningTestRun.fixture("good.csv"));
        CleaningTestRun b = CleaningTestRun.fresh();
        b.run(CleaningTestRun.fixture("good.csv"));
        List<String> idsA = a.cleaned().select(BankSchema.RECORD_ID).collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        List<String> idsB = b.cleaned().select(BankSchema.RECORD_ID).collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
        assertEquals(idsA, idsB);
        assertEquals(5, idsA.size());
        assertTrue(idsA.get(0).matches("[0-9a-f]{32}"), idsA.get(0));
    }
}
