package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.cleaning.publication.Publication;
import dev.bankml.cleaning.publication.StagingArea;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.RunStatus;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;

/**
 * Write, audit, publish: what a refused or failed run leaves visible (nothing new), how partitions
 * are named and replaced, and how the next run cleans up after a run that died.
 */
class CleaningPublicationTest {

    private static Storage storage() {
        return new Storage(CleaningTestRun.spark().sparkContext().hadoopConfiguration());
    }

    @Test
    void aRunRefusedForItsRejectedShareLeavesThePublishedTablesExactlyAsTheyWere() throws IOException {
        Path input = TestSpark.workDir("gate-in");
        Files.copy(CleaningTestRun.fixture("good.csv"), input.resolve("bank.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(input);
        Files.copy(CleaningTestRun.fixture("good.csv"), input.resolve("other.csv"));
        run.run(input);
        List<String> cleanedBefore = CleaningTestRun.tree(run.work.resolve("cleaned"));
        List<String> rejectedBefore = CleaningTestRun.tree(run.work.resolve("rejected"));

        // A bad re-delivery of one file and a new file: both would change what is visible.
        Files.copy(CleaningTestRun.fixture("mixed-good-bad.csv"), input.resolve("bank.csv"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(CleaningTestRun.fixture("malformed-number.csv"), input.resolve("third.csv"));
        JobFailedException e = assertThrows(JobFailedException.class,
                () -> run.run(input, "--max_rejected_fraction", "0.1"));
        assertTrue(e.getMessage().contains("10 of 32 rows"), e.getMessage());

        assertEquals(cleanedBefore, CleaningTestRun.tree(run.work.resolve("cleaned")), "not one file added, moved or removed");
        assertEquals(rejectedBefore, CleaningTestRun.tree(run.work.resolve("rejected")));
        assertEquals(10, run.cleaned().count());
        JsonNode report = Json.read(Files.readString(run.work.resolve("reports/latest.json")));
        assertEquals(RunStatus.FAILED_QUALITY_GATE, report.get("status").asText());
        assertFalse(report.get("published").asBoolean());
        assertEquals(report.get("rows_read").asLong(), report.get("rows_written").asLong() + report.get("rows_rejected").asLong(), "the counts still add up");
    }

    @Test
    void aTargetThatCannotBeWrittenPublishesNothingAnywhereAndReportsTheCause() throws IOException {
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(CleaningTestRun.fixture("mixed-good-bad.csv"));
        List<String> rejectedBefore = CleaningTestRun.tree(run.work.resolve("rejected"));
        Path fileAsTarget = run.work.resolve("not-a-folder");
        Files.writeString(fileAsTarget, "a regular file");

        CleaningConfig blocked = CleaningConfig.from(GlueArgs.parse("--source_path",
                CleaningTestRun.fixture("good.csv").toString(), "--target_path", fileAsTarget.toString(),
                "--rejected_path", run.rejected, "--report_path", run.reports, "--max_rejected_fraction", "1"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> CleaningJob.run(CleaningTestRun.spark(), blocked));
        assertEquals(rejectedBefore, CleaningTestRun.tree(run.work.resolve("rejected")), "the quarantine is untouched too");
        assertEquals("a regular file", Files.readString(fileAsTarget));
        JsonNode report = Json.read(Files.readString(run.work.resolve("reports/latest.json")));
        assertEquals(RunStatus.FAILED, report.get("status").asText());
        assertTrue(report.get("message").asText().contains("not-a-folder"), report.get("message").asText());
        assertFalse(report.get("message").asText().contains("\n\tat "), "a cause, not a stack trace");
        assertTrue(e.getMessage().contains("not-a-folder"), e.getMessage());
    }

    @Test
    void filesWithTheSameNameInDifferentFoldersGetTheirOwnPartitions() throws IOException {
        Path days = TestSpark.workDir("days");
        Files.createDirectories(days.resolve("dayA"));
        Files.createDirectories(days.resolve("dayB"));
        Files.copy(CleaningTestRun.fixture("good.csv"), days.resolve("dayA/bank.csv"));
        Files.copy(CleaningTestRun.fixture("mixed-good-bad.csv"), days.resolve("dayB/bank.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(days.resolve("dayA/bank.csv"));
        run.run(days.resolve("dayB/bank.csv"));
        assertEquals(5 + 14, run.cleaned().count(), "the second file does not overwrite the first");
        String a = CleaningTestRun.batchOf(days.resolve("dayA/bank.csv"));
        String b = CleaningTestRun.batchOf(days.resolve("dayB/bank.csv"));
        assertTrue(a.contains("_daya_bank_csv-"), a);
        assertEquals(Stream.of(a, b).map(x -> "batch_id=" + x).sorted().toList(),
                CleaningTestRun.tree(run.work.resolve("cleaned")).stream().filter(f -> !f.contains("/")).toList());

        // The same file reached through its folder is the same partition: replaced, not added.
        run.run(days);
        assertEquals(5 + 14, run.cleaned().count());
        Files.copy(CleaningTestRun.fixture("good.csv"), days.resolve("dayB/bank.csv"), StandardCopyOption.REPLACE_EXISTING);
        run.run(days.resolve("dayB/bank.csv"), "--max_partition_shrink", "1");
        assertEquals(5 + 5, run.cleaned().count(), "a re-delivery of dayB replaces dayB's rows");
    }

    @Test
    void anEmptyRedeliveryIsRefusedUnlessTheRunAcceptsTheShrink() throws IOException {
        Path input = TestSpark.workDir("shrink-in");
        Files.copy(CleaningTestRun.fixture("mixed-good-bad.csv"), input.resolve("bank.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(input);
        List<String> before = run.rows(true);

        Files.copy(CleaningTestRun.fixture("header-only.csv"), input.resolve("bank.csv"), StandardCopyOption.REPLACE_EXISTING);
        JobFailedException e = assertThrows(JobFailedException.class, () -> run.run(input));
        assertTrue(e.getMessage().contains("would shrink from 14 to 0 cleaned rows"), e.getMessage());
        assertTrue(e.getMessage().contains("--max_partition_shrink 1"), e.getMessage());
        assertEquals(before, run.rows(true), "nothing deleted");

        Files.copy(CleaningTestRun.fixture("good.csv"), input.resolve("bank.csv"), StandardCopyOption.REPLACE_EXISTING);
        assertThrows(JobFailedException.class, () -> run.run(input, "--max_partition_shrink", "0.5"),
                "14 -> 5 rows is a 64% shrink");
        CleaningReport ok = run.run(input, "--max_partition_shrink", "0.7");
        assertEquals(5, ok.rowsWritten());
        assertEquals(14L, ok.previousRowsPerPartition().get(CleaningTestRun.batchOf(input.resolve("bank.csv"))));

        Files.copy(CleaningTestRun.fixture("header-only.csv"), input.resolve("bank.csv"), StandardCopyOption.REPLACE_EXISTING);
        run.run(input, "--max_partition_shrink", "1");
        assertFalse(Files.exists(run.work.resolve("cleaned/batch_id=" + CleaningTestRun.batchOf(input.resolve("bank.csv")))),
                "an explicitly accepted empty delivery empties its partition");
    }

    @Test
    void aFailureInTheMiddleOfPublishingRestoresBothTables() throws IOException {
        Path input = TestSpark.workDir("rollback-in");
        Files.copy(CleaningTestRun.fixture("malformed-number.csv"), input.resolve("bank.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(input);
        List<String> cleanedBefore = CleaningTestRun.tree(run.work.resolve("cleaned"));
        List<String> rejectedBefore = CleaningTestRun.tree(run.work.resolve("rejected"));
        String batch = CleaningTestRun.batchOf(input.resolve("bank.csv"));

        // A new version of the partition staged in both tables; the quarantine's staged file goes missing.
        Storage storage = storage();
        String target = storage.resolve(run.target);
        String rejected = storage.resolve(run.rejected);
        Path stagedCleaned = run.work.resolve("cleaned/_staging/next/part-00000-next.snappy.parquet");
        Files.createDirectories(stagedCleaned.getParent());
        Files.copy(firstParquet(run.work.resolve("cleaned/batch_id=" + batch)), stagedCleaned);
        Publication p = new Publication(storage, Storage.join(target, "_staging/next"), "next", List.of(
                Publication.change(storage, target, Storage.join(target, "_staging/next"), batch,
                        List.of(stagedCleaned.toUri().toString())),
                Publication.change(storage, rejected, Storage.join(rejected, "_staging/next"), batch,
                        List.of(run.work.resolve("rejected/_staging/next/part-00000-next.snappy.parquet").toUri().toString()))));
        assertThrows(RuntimeException.class, p::publish);

        assertEquals(cleanedBefore, CleaningTestRun.tree(run.work.resolve("cleaned")).stream().filter(f -> !f.startsWith("_staging")).toList(),
                "the cleaned partition, already replaced, is put back");
        assertEquals(rejectedBefore, CleaningTestRun.tree(run.work.resolve("rejected")).stream().filter(f -> !f.startsWith("_staging")).toList());
        assertEquals(3, run.cleaned().count());
        assertEquals(3, run.quarantine().count());
    }

    @Test
    void theNextRunRollsBackAndRemovesWhatADeadRunLeft() throws IOException {
        Path input = TestSpark.workDir("dead-in");
        Files.copy(CleaningTestRun.fixture("good.csv"), input.resolve("a.csv"));
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(input);
        String batchA = CleaningTestRun.batchOf(input.resolve("a.csv"));
        Path partitionA = run.work.resolve("cleaned/batch_id=" + batchA);
        List<String> before = run.rows(true);

        // A run that died half-way through publishing a.csv: old partition moved aside, one new file in.
        Path dead = run.work.resolve("cleaned/_staging/dead-run");
        Files.createDirectories(dead.resolve("replaced"));
        Files.move(partitionA, dead.resolve("replaced/batch_id=" + batchA));
        Files.createDirectories(partitionA);
        Path half = partitionA.resolve("part-00000-dead-run.snappy.parquet");
        Files.copy(firstParquet(dead.resolve("replaced/batch_id=" + batchA)), half);
        String target = storage().resolve(run.target);
        Publication.Change change = new Publication.Change(target, Storage.join(target, "_staging/dead-run"), batchA, true,
                List.of(half.toUri().toString()), List.of("gone"));
        Files.writeString(dead.resolve(Publication.JOURNAL),
                Json.write(new Publication.Journal("dead-run", Publication.PUBLISHING, List.of(change))));
        Files.writeString(dead.resolve(StagingArea.LEASE), "{}");
        Files.setLastModifiedTime(dead.resolve(StagingArea.LEASE), FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        // And an old Spark committer leftover.
        Path sparkLeftover = run.work.resolve("cleaned/.spark-staging-1234/_temporary/0");
        Files.createDirectories(sparkLeftover);
        Files.setLastModifiedTime(run.work.resolve("cleaned/.spark-staging-1234"),
                FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

        Files.copy(CleaningTestRun.fixture("malformed-number.csv"), input.resolve("b.csv"));
        run.run(input.resolve("b.csv"));

        assertFalse(Files.exists(dead), "the dead run's staging folder is gone");
        assertFalse(Files.exists(run.work.resolve("cleaned/.spark-staging-1234")));
        assertFalse(Files.exists(run.work.resolve("cleaned/_staging")), "and the live run left none");
        assertEquals(before.size() + 3, run.cleaned().count(), "a.csv's rows restored, b.csv's added");
        assertTrue(Files.list(partitionA).noneMatch(f -> f.getFileName().toString().contains("dead-run")));
    }

    @Test
    void aLiveConcurrentRunsStagingIsLeftAlone() throws IOException {
        CleaningTestRun run = CleaningTestRun.fresh();
        Path live = run.work.resolve("cleaned/_staging/live-run");
        Files.createDirectories(live);
        Files.writeString(live.resolve(StagingArea.LEASE), Json.write(new StagingArea.Lease("live-run",
                InetAddress.getLocalHost().getHostName(), ProcessHandle.current().pid(), System.currentTimeMillis())));
        run.run(CleaningTestRun.fixture("good.csv"));
        assertTrue(Files.exists(live.resolve(StagingArea.LEASE)));
    }

    private static Path firstParquet(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
    }

    @Test
    void theQuarantineKeepsTheSchemaItAlwaysHad() {
        CleaningTestRun run = CleaningTestRun.fresh();
        run.run(CleaningTestRun.fixture("mixed-good-bad.csv"));
        assertEquals(List.of(BankSchema.SOURCE_FILE, BankSchema.LINE_NUMBER, BankSchema.RAW_LINE, BankSchema.REASONS,
                BankSchema.RAW_BYTES, BankSchema.BATCH_ID), List.of(run.quarantine().columns()));
        assertEquals(BankSchema.cleanedSchema().fieldNames().length, run.cleaned().columns().length);
        assertEquals(List.of(BankSchema.cleanedSchema().fieldNames()), List.of(run.cleaned().columns()));
    }
}
