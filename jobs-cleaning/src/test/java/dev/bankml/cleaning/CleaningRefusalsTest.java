package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.RunStatus;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseBusyException;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.jobs.testing.FakeCloudWatch;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.RunSettings;

/**
 * One bad delivery does not stop the others: a delivery the cleaning refuses (a header it cannot use, too
 * many bad rows, a lead file that holds outcomes, a new version that would empty its partition) is set
 * aside and recorded as refused, with the reason and what to do; the others are published; the next run,
 * finding it unchanged, skips it. Deliveries that look like unfinished uploads are reported, and held back
 * when asked. A cycle's cleaning holds the warehouse.
 */
class CleaningRefusalsTest {
    @RegisterExtension
    static final FakeCloudWatch cloudWatch = FakeCloudWatch.start();

    private static LedgerEntry entry(CleaningCycle c, String sourceFile) {
        return c.ledger().stream().filter(e -> e.sourceFile().equals(sourceFile)).findFirst().orElseThrow();
    }

    private static Map<String, String> outcomes(CleaningReport r) {
        return r.deliveries().stream().collect(Collectors.toMap(CleaningReport.DeliveryReport::sourceFile,
                d -> d.outcome().outcome(), (a, b) -> a, TreeMap::new));
    }

    /** good.csv with every age not a number: every row rejected. */
    private static Path allBad(Path folder, String name) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(CleaningTestRun.fixture("good.csv")));
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, "abc" + lines.get(i).substring(lines.get(i).indexOf(',')));
        }
        return Files.write(folder.resolve(name), lines);
    }

    @Test
    void refusedDeliveriesAreSetAsideRecordedAndSkippedAfterwardsWhileTheOthersArePublished() throws Exception {
        CleaningCycle c = new CleaningCycle();
        CleaningCycle.deliver(c.outcomes, "2026-11.csv", "good.csv");
        allBad(c.outcomes, "all-bad.csv");
        CleaningCycle.deliver(c.outcomes, "no-column.csv", "missing-column.csv");
        CleaningCycle.deliver(c.leads, "2026-12.csv", "good.csv"); // outcomes delivered as leads
        List<String> metrics = List.of("--publish_metrics", "true", "--cloudwatch_endpoint", cloudWatch.endpoint());
        List<String> args = new ArrayList<>(metrics);
        args.addAll(List.of(CleaningSettings.MAX_REJECTED_FRACTION.flag(), "0.05"));

        CleaningReport r = c.clean(args.toArray(String[]::new));
        assertEquals(RunStatus.SUCCEEDED, r.status(), "the run goes on: " + r.message());
        assertEquals(Map.of("leads/2026-12.csv", "refused", "outcomes/2026-11.csv", "published",
                "outcomes/all-bad.csv", "refused", "outcomes/no-column.csv", "refused"), outcomes(r));
        assertEquals(5, c.rows("outcomes"), "the valid delivery is published");
        assertEquals(0, c.rows("leads"));
        assertEquals(5, c.rows("quarantine"), "the all-bad file's rows are in the quarantine");
        LedgerEntry bad = entry(c, "outcomes/all-bad.csv");
        assertEquals(LedgerEntry.REFUSED, bad.status());
        assertEquals(List.of(5L, 0L, 5L), List.of(bad.rowsRead(), bad.rowsWritten(), bad.rowsRejected()));
        assertTrue(bad.refusal().reason().startsWith("5 of the 5 rows of outcomes/all-bad.csv (100.00%) were rejected"),
                bad.refusal().reason());
        assertTrue(bad.refusal().whatToDo().contains(RunSettings.REPROCESS.flag() + " outcomes/all-bad.csv"),
                bad.refusal().whatToDo());
        assertTrue(entry(c, "outcomes/no-column.csv").refusal().reason().contains("lacks required column(s)"));
        assertTrue(entry(c, "leads/2026-12.csv").refusal().reason().contains("was delivered as leads, but 5 of its 5 "
                + "rows carry a value in the label column 'deposit'"));
        assertTrue(c.ledger().stream().filter(e -> !e.sourceFile().equals("outcomes/2026-11.csv"))
                .noneMatch(LedgerEntry::published), "later steps read none of the refused");
        assertEquals(3, r.publication().refused().size());
        assertEquals(3.0, cloudWatch.data().stream().filter(d -> d.get("MetricName").asText().equals("DeliveriesRefused"))
                .findFirst().orElseThrow().get("Value").asDouble(), "the alarm's metric");
        assertTrue(CleaningJob.JOB.summary(r).contains("; REFUSED outcomes/all-bad.csv (set aside): 5 of the 5 rows"),
                CleaningJob.JOB.summary(r));

        List<String> tree = c.tree();
        CleaningReport next = c.clean(args.toArray(String[]::new));
        assertEquals(RunStatus.SUCCEEDED, next.status());
        assertEquals(0, next.rowsRead(), "the refused files are not read again");
        assertEquals(3, next.publication().refusedEarlier().size());
        assertTrue(next.message().contains("3 deliveries refused earlier and unchanged since"), next.message());
        assertEquals(tree, c.tree());

        // What the refusal said to do: raise the limit and clean it again on purpose.
        CleaningReport again = c.clean(RunSettings.REPROCESS.flag(), "outcomes/all-bad.csv");
        assertEquals("published", outcomes(again).get("outcomes/all-bad.csv"));
        assertEquals(LedgerEntry.REPROCESSED, entry(c, "outcomes/all-bad.csv").status());
    }

    @Test
    void withTheSettingALeadFileWhoseHeaderNamesTheLabelIsCleanedAsOutcomes() throws Exception {
        CleaningCycle c = new CleaningCycle();
        CleaningCycle.deliver(c.leads, "2026-12.csv", "good.csv");
        CleaningReport r = c.clean(CleaningSettings.LEADS_WITH_LABELS.flag(), "outcomes");
        assertEquals(5, c.rows("outcomes"));
        assertEquals(0, c.rows("leads"));
        LedgerEntry e = entry(c, "leads/2026-12.csv");
        assertEquals("outcomes", e.kind(), "evaluated and trained on as outcomes");
        assertEquals("outcomes", r.deliveries().get(0).kind());
        assertEquals("unchanged", c.clean(CleaningSettings.LEADS_WITH_LABELS.flag(), "outcomes").deliveries().get(0)
                .status());
    }

    @Test
    void aNewVersionThatWouldEmptyItsPartitionIsRefusedAndThePublishedVersionStays() throws Exception {
        CleaningCycle c = new CleaningCycle();
        Path file = CleaningCycle.deliver(c.outcomes, "2026-11.csv", "good.csv");
        c.clean();
        LedgerEntry published = entry(c, "outcomes/2026-11.csv");
        Files.write(file, Files.readAllLines(file).subList(0, 2));

        CleaningReport r = c.clean();
        assertEquals("refused", outcomes(r).get("outcomes/2026-11.csv"));
        assertEquals(5, c.rows("outcomes"), "the published version stays");
        LedgerEntry now = entry(c, "outcomes/2026-11.csv");
        assertEquals(published.version(), now.version(), "later steps see the published version, as it was");
        assertTrue(now.published());
        assertEquals(Files.size(file), now.refusal().size(), "the refused upload is noted");
        assertTrue(now.refusal().reason().contains("would shrink its partition"), now.refusal().reason());
        assertEquals("refused_earlier", c.clean().deliveries().get(0).status());
    }

    @Test
    void anUploadThatLooksIncompleteIsReportedAndHeldBackWhenAsked() throws Exception {
        CleaningCycle c = new CleaningCycle();
        Path file = c.outcomes.resolve("2026-11.csv");
        String whole = Files.readString(CleaningTestRun.fixture("good.csv"));
        Files.writeString(file, whole.substring(0, whole.length() - 20)); // cut mid-line
        CleaningReport held = c.clean(CleaningSettings.HOLD_INCOMPLETE.flag(), "true");
        assertEquals("held", outcomes(held).get("outcomes/2026-11.csv"));
        assertEquals("its last line has no line end after it: the upload may have been cut short",
                held.publication().held().get(0).reason());
        assertEquals(List.of(), c.ledger(), "no entry: a later cycle reads it again");
        assertEquals(0, c.rows("outcomes"));

        Files.writeString(file, whole.substring(0, whole.length() - 1)); // whole, but without its last line end
        CleaningReport reported = c.clean();
        assertEquals("published", outcomes(reported).get("outcomes/2026-11.csv"));
        assertTrue(CleaningJob.JOB.summary(reported).contains("outcomes/2026-11.csv looks incomplete: its last line has "
                + "no line end"), CleaningJob.JOB.summary(reported));
        assertEquals(5, c.rows("outcomes"));
    }

    @Test
    void aCyclesCleaningIsRefusedAtOnceWhileAnotherCycleHoldsTheWarehouse() throws Exception {
        CleaningCycle c = new CleaningCycle();
        CleaningCycle.deliver(c.outcomes, "2026-11.csv", "good.csv");
        Storage storage = new Storage(TestSpark.session().sparkContext().hadoopConfiguration());
        try (WarehouseLock other = WarehouseLock.take(storage, c.root.resolve("cleaned/ledger").toString(),
                "bin/pipeline cycle", "local-other", "other-run")) {
            WarehouseBusyException e = assertThrows(WarehouseBusyException.class, c::clean);
            assertTrue(e.getMessage().startsWith("another cycle is running since " + other.holder().startedAt()
                    + ", started by bin/pipeline cycle (" + other.holder().host() + ", pid " + ProcessHandle.current().pid()),
                    e.getMessage());
            assertEquals(0, c.rows("outcomes"));
        }
        assertEquals(5, c.clean().publication().rowsWritten(), "once the other cycle is done, the delivery is cleaned");
        assertFalse(Files.exists(c.root.resolve("cleaned/ledger/" + WarehouseLock.FILE)), "released");
    }
}
