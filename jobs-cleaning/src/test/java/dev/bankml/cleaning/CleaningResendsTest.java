package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.input.BatchIds;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.RunSettings;

/**
 * A delivery is known by its content as well as by its place: the same bytes delivered again under another
 * name or in another folder are a resend (recorded, nothing published again); records another delivery of
 * the same kind published already are duplicates across deliveries, handled by the duplicates policy.
 */
class CleaningResendsTest {

    private static LedgerEntry entry(CleaningCycle c, String sourceFile) {
        return c.ledger().stream().filter(e -> e.sourceFile().equals(sourceFile)).findFirst().orElseThrow();
    }

    @Test
    void theSameBytesUnderAnotherNameOrInAnotherFolderAreAResendAndNothingOfThemIsPublished() throws Exception {
        CleaningCycle c = new CleaningCycle();
        Path first = CleaningCycle.deliver(c.outcomes, "2026-11.csv", "mixed-good-bad.csv");
        c.clean();
        List<String> cleaned = c.rowsOf("outcomes");
        List<String> quarantined = c.rowsOf("quarantine");
        LedgerEntry original = entry(c, "outcomes/2026-11.csv");

        Files.copy(first, c.outcomes.resolve("2026-11_resend.csv"));
        Files.createDirectories(c.outcomes.resolve("again"));
        Files.copy(first, c.outcomes.resolve("again/2026-11.csv"));
        CleaningReport r = c.clean();

        assertEquals(cleaned, c.rowsOf("outcomes"), "no row of a resend is published");
        assertEquals(quarantined, c.rowsOf("quarantine"), "nor quarantined again");
        assertEquals(0, r.publication().rowsWritten());
        for (String resend : List.of("outcomes/2026-11_resend.csv", "outcomes/again/2026-11.csv")) {
            LedgerEntry e = entry(c, resend);
            assertEquals(LedgerEntry.RESEND, e.status());
            assertEquals(original.batchId(), e.resendOf());
            assertEquals(List.of(0L, 0L, 0L), List.of(e.rowsRead(), e.rowsWritten(), e.rowsRejected()));
            assertEquals(original.contentDigest(), e.contentDigest());
            assertTrue(!e.published(), "later steps skip it");
        }
        String summary = CleaningJob.JOB.summary(r);
        assertTrue(summary.contains("outcomes/2026-11_resend.csv is a resend, the bytes of outcomes/2026-11.csv (batch_id="
                + original.batchId() + ", cleaned " + original.cleanedAt() + ")"), summary);
        assertEquals(2, r.publication().resends().size());

        CleaningReport next = c.clean();
        assertEquals(0, next.rowsRead(), "the resends are known: the next run reads nothing");
        assertTrue(next.message().startsWith("nothing new"), next.message());
    }

    @Test
    void twoNewFilesWithTheSameBytesInOneRunArePublishedOnce() throws Exception {
        CleaningCycle c = new CleaningCycle();
        CleaningCycle.deliver(c.outcomes, "a.csv", "good.csv");
        CleaningCycle.deliver(c.outcomes, "b.csv", "good.csv");
        CleaningReport r = c.clean();
        assertEquals(5, c.rows("outcomes"));
        assertEquals(BatchIds.of("outcomes/a.csv"), entry(c, "outcomes/b.csv").resendOf());
        assertTrue(CleaningJob.JOB.summary(r).contains("outcomes/b.csv is a resend, the bytes of outcomes/a.csv"),
                CleaningJob.JOB.summary(r));
    }

    @Test
    void recordsAnotherDeliveryPublishedAreQuarantinedOrKeptByTheDuplicatesPolicyAndCounted() throws Exception {
        CleaningCycle c = new CleaningCycle();
        List<String> good = Files.readAllLines(CleaningTestRun.fixture("good.csv"));
        Files.write(c.outcomes.resolve("2026-10.csv"), good.subList(0, 4)); // header and three records
        c.clean();
        assertTrue(Files.size(c.root.resolve("cleaned/ledger/batch_id=" + BatchIds.of("outcomes/2026-10.csv")
                + "/" + PublishedKeys.FILE)) == 16 + 3 * 16, "the keys of its three records beside its entry");

        // November repeats two of October's records (the second and third) and brings two new ones.
        Files.write(c.outcomes.resolve("2026-11.csv"), List.of(good.get(0), good.get(2), good.get(3), good.get(4),
                good.get(5)));
        CleaningReport r = c.clean();
        assertEquals(2, r.duplicates().acrossDeliveries());
        assertEquals(Map.of("DUPLICATE_ACROSS_DELIVERIES", 2L), r.rejectedByReason());
        assertEquals(3 + 2, c.rows("outcomes"), "each record once in the history");
        assertEquals(2, entry(c, "outcomes/2026-11.csv").rowsRejected());

        // Kept and counted under --duplicates keep; the delivery's own earlier version is no duplicate of itself.
        CleaningReport kept = c.clean(CleaningSettings.DUPLICATES.flag(), "keep", RunSettings.REPROCESS.flag(), "2026-11.csv");
        assertEquals(2, kept.duplicates().acrossDeliveries());
        assertEquals(Map.of(), kept.rejectedByReason());
        assertEquals(3 + 4, c.rows("outcomes"));
        CleaningReport again = c.clean(CleaningSettings.DUPLICATES.flag(), "keep", RunSettings.REPROCESS.flag(), "2026-10.csv");
        assertEquals(2, again.duplicates().acrossDeliveries(), "October's second and third records are in November too");
        assertEquals(0, again.duplicates().withinFile());
        assertTrue(TestSpark.session().read().parquet(c.root.resolve("cleaned/outcomes").toString())
                .select("record_id").distinct().count() == 7, "record ids stay unique");
    }
}
