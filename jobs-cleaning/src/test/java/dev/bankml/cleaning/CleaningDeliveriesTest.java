package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.input.BatchIds;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.RunSettings;

/**
 * The cleaning job in a cycle: deliveries of outcomes and leads under their folders, a ledger beside
 * the tables; a run cleans only what is new or changed, each kind into its own table, and records each
 * delivery (identity, digest, counts) in the same publication as its partitions.
 */
class CleaningDeliveriesTest {

    private static Path deliver(Path folder, String name, String fixture) throws IOException {
        return CleaningCycle.deliver(folder, name, fixture);
    }

    private static Map<String, String> statuses(CleaningReport r) {
        Map<String, String> out = new TreeMap<>();
        r.deliveries().forEach(d -> out.put(Path.of(d.sourceFile()).getFileName().toString(), d.status()));
        return out;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /**
     * Sample rows {@code [1, 21)} as a lead file: the header and fields of {@code keep} only, with
     * {@code duration} (when kept) replaced by {@code durationValue} ({@code null}: as it was).
     */
    private static Path leadFile(Path folder, String name, List<String> keep, String durationValue) throws IOException {
        List<String> sample = Files.readAllLines(TestSpark.sampleCsv());
        List<String> header = List.of(sample.get(0).split(","));
        List<String> lines = new ArrayList<>(List.of(String.join(",", keep)));
        for (String line : sample.subList(1, 21)) {
            List<String> fields = List.of(line.split(","));
            List<String> kept = new ArrayList<>();
            for (String column : keep) {
                String value = fields.get(header.indexOf(column));
                kept.add(column.equals("duration") && durationValue != null ? durationValue : value);
            }
            lines.add(String.join(",", kept));
        }
        return Files.write(folder.resolve(name), lines);
    }

    @Test
    void aLeadNeedsNoLabelNorAfterCallColumnAndAnyItCarriesIsIgnoredAndCounted() throws Exception {
        CleaningCycle c = new CleaningCycle();
        List<String> all = List.of(Files.readAllLines(TestSpark.sampleCsv()).get(0).split(","));
        List<String> preCall = all.stream().filter(col -> !col.equals("deposit") && !col.equals("duration")).toList();
        List<String> withDuration = all.stream().filter(col -> !col.equals("deposit")).toList();
        leadFile(c.leads, "plain.csv", preCall, null);
        leadFile(c.leads, "empty-duration.csv", withDuration, "");
        leadFile(c.leads, "with-duration.csv", withDuration, null);

        CleaningReport r = c.clean(CleaningSettings.MAX_REJECTED_FRACTION.flag(), "0");
        assertEquals(60, r.rowsWritten(), "every lead cleaned: " + r.rejectedByReason());
        assertEquals(0, r.rowsRejected());
        assertEquals(60, c.rows("leads"));
        assertEquals(0L, TestSpark.session().read().parquet(c.root.resolve("cleaned/leads").toString())
                .filter("duration is not null or deposit is not null").count(), "no lead carries what it cannot know");
        Map<String, CleaningReport.InputFile> files = new TreeMap<>();
        r.inputFiles().forEach(f -> files.put(Path.of(f.sourceFile()).getFileName().toString(), f));
        assertEquals(List.of("duration", "deposit"), files.get("plain.csv").missingColumns());
        assertEquals(Map.of(), files.get("plain.csv").ignoredColumns());
        assertEquals(Map.of("duration", 0L), files.get("empty-duration.csv").ignoredColumns());
        assertEquals(Map.of("duration", 20L), files.get("with-duration.csv").ignoredColumns());
        assertTrue(r.dataQuality().stream().noneMatch(check -> check.blocksPublishing()), r.dataQuality().toString());

        // An outcomes delivery is history: without duration it is refused, naming the column, and set aside.
        leadFile(c.outcomes, "outcomes-without-duration.csv", all.stream().filter(col -> !col.equals("duration")).toList(),
                null);
        CleaningReport refused = c.clean();
        assertEquals(1, refused.publication().refused().size());
        assertTrue(refused.publication().refused().get(0).reason().contains("lacks required column(s) [duration]"),
                refused.publication().refused().toString());
        assertEquals("refused", c.ledger().stream().filter(x -> x.sourceFile().equals("outcomes/outcomes-without-duration.csv"))
                .findFirst().orElseThrow().status());
    }

    @Test
    void eachDeliveryIsCleanedOnceIntoItsKindsTableAndRecordedInTheLedger() throws Exception {
        CleaningCycle c = new CleaningCycle();
        Path jan = deliver(c.outcomes, "2026-01.csv", "good.csv");
        deliver(c.outcomes, "2026-02.csv", "mixed-good-bad.csv");
        Path leads = CleaningCycle.unlabelled(c.leads, "2026-03.csv");

        CleaningReport first = c.clean();
        assertEquals(Map.of("2026-01.csv", "new", "2026-02.csv", "new", "2026-03.csv", "new"), statuses(first));
        assertEquals(5 + 14, c.rows("outcomes"));
        assertEquals(5, c.rows("leads"));
        assertEquals(first.rowsRead(), first.rowsWritten() + first.rowsRejected());
        List<LedgerEntry> ledger = c.ledger();
        assertEquals(3, ledger.size());
        LedgerEntry janEntry = ledger.stream().filter(e -> e.sourceFile().endsWith("2026-01.csv")).findFirst().orElseThrow();
        assertEquals("outcomes", janEntry.kind());
        assertEquals("outcomes/2026-01.csv", janEntry.sourceFile(), "a delivery is known by its folder and name");
        assertEquals(BatchIds.of("outcomes/2026-01.csv"), janEntry.batchId());
        assertEquals("outcomes", janEntry.table());
        assertEquals(sha256(jan), janEntry.contentDigest(), "the digest is the SHA-256 of the delivered bytes");
        assertEquals("sha256", janEntry.digestScheme());
        assertEquals(Files.size(jan), janEntry.size());
        assertEquals(5, janEntry.rowsWritten());
        assertEquals(first.runId(), janEntry.cleanedByRun());
        long ledgerRows = ledger.stream().mapToLong(LedgerEntry::rowsWritten).sum();
        assertEquals(c.rows("outcomes") + c.rows("leads"), ledgerRows, "the ledger agrees with the tables");
        assertEquals("leads", ledger.stream().filter(e -> e.sourceFile().endsWith("2026-03.csv")).findFirst()
                .orElseThrow().kind());
        assertTrue(Files.exists(leads), "a delivery is never moved or deleted");

        List<String> before = c.tree();
        CleaningReport again = c.clean();
        assertEquals(Map.of("2026-01.csv", "unchanged", "2026-02.csv", "unchanged", "2026-03.csv", "unchanged"),
                statuses(again));
        assertEquals(0, again.rowsRead(), "nothing is read again");
        assertFalse(again.published());
        assertTrue(again.message().startsWith("nothing new"), again.message());
        assertEquals(before, c.tree(), "a run with nothing new changes nothing");

        Files.writeString(jan, Files.readString(jan) + Files.readAllLines(CleaningTestRun.fixture("good.csv")).get(1)
                .replace("59,", "60,") + "\n");
        CleaningReport changed = c.clean();
        assertEquals(Map.of("2026-01.csv", "changed", "2026-02.csv", "unchanged", "2026-03.csv", "unchanged"),
                statuses(changed));
        assertEquals(6 + 14, c.rows("outcomes"), "the changed delivery replaced its own partition");
        assertEquals(6, c.ledger().stream().filter(e -> e.sourceFile().endsWith("2026-01.csv")).findFirst()
                .orElseThrow().rowsWritten());

        CleaningReport all = c.clean(RunSettings.REPROCESS.flag(), "all");
        assertEquals(Map.of("2026-01.csv", "reprocessed", "2026-02.csv", "reprocessed", "2026-03.csv", "reprocessed"),
                statuses(all));
        assertEquals(6 + 14, c.rows("outcomes"), "reprocessing replaces, never duplicates");
        CleaningReport one = c.clean(RunSettings.REPROCESS.flag(), "2026-02.csv");
        assertEquals("reprocessed", statuses(one).get("2026-02.csv"));
        assertEquals("unchanged", statuses(one).get("2026-01.csv"));
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> c.clean(RunSettings.REPROCESS.flag(), "2025-12.csv"));
        assertTrue(e.getMessage().contains("'2025-12.csv', which is no delivery"), e.getMessage());
    }

    @Test
    void aDeliveryUploadedAgainWithItsOldBytesIsReadButNotPublishedAgain() throws Exception {
        CleaningCycle c = new CleaningCycle();
        Path jan = deliver(c.outcomes, "2026-01.csv", "good.csv");
        CleaningReport first = c.clean();
        LedgerEntry before = c.ledger().get(0);
        List<String> partitions = c.tree().stream().filter(f -> !f.startsWith("ledger/")).toList();

        Files.setLastModifiedTime(jan, FileTime.fromMillis(Files.getLastModifiedTime(jan).toMillis() + 60_000));
        CleaningReport again = c.clean();
        CleaningReport.DeliveryReport d = again.deliveries().get(0);
        assertEquals("changed", d.status(), "a new modification time is a change to look at");
        assertTrue(d.sameContent(), "and its digest shows it is the delivery the ledger has");
        assertEquals(partitions, c.tree().stream().filter(f -> !f.startsWith("ledger/")).toList(),
                "its partitions are not published again");
        assertEquals(5, c.rows("outcomes"));
        LedgerEntry after = c.ledger().get(0);
        assertEquals(Files.getLastModifiedTime(jan).toMillis(), after.modifiedAt(),
                "the ledger learns the new modification time, so the next run finds it unchanged");
        assertEquals(first.runId(), after.cleanedByRun(), "and still names the run that cleaned it");
        assertEquals(before.contentDigest(), after.contentDigest());
        assertEquals("unchanged", statuses(c.clean()).get("2026-01.csv"));
    }

    @Test
    void aLeadDeliveryIsCleanedWithoutItsLabelWhetherTheColumnIsThereOrNotAndRefusedWhenTheLabelIsFilled()
            throws Exception {
        CleaningCycle c = new CleaningCycle();
        List<String> lines = Files.readAllLines(CleaningTestRun.fixture("good.csv"));
        List<String> none = new ArrayList<>(List.of(lines.get(0).replace(",deposit", "")));
        for (String l : lines.subList(1, lines.size())) {
            none.add(l.substring(0, l.lastIndexOf(',')));
        }
        CleaningCycle.unlabelled(c.leads, "empty-label.csv");
        Files.write(c.leads.resolve("no-label.csv"), none);
        deliver(c.leads, "filled-label.csv", "good.csv");

        CleaningReport r = c.clean();
        assertEquals(0, r.rowsRejected(), "an empty label is no reason to reject a lead: " + r.rejectedByReason());
        assertEquals(10, c.rows("leads"), "the lead files without labels are cleaned");
        CleaningReport.SetAside refused = r.publication().refused().get(0);
        assertEquals("leads/filled-label.csv", refused.sourceFile(), "the lead file that holds outcomes is refused");
        assertTrue(refused.reason().contains("5 of its 5 rows carry a value in the label column 'deposit'"),
                refused.reason());
        assertTrue(refused.whatToDo().startsWith("deliver it as outcomes"), refused.whatToDo());
        List<Row> labels = TestSpark.session().read().parquet(c.root.resolve("cleaned/leads").toString())
                .select("deposit").distinct().collectAsList();
        assertEquals(1, labels.size());
        assertTrue(labels.get(0).isNullAt(0), "leads carry no outcome");
        assertEquals(0, c.rows("outcomes"));
    }

    @Test
    void aFileCutIntoRangesGetsTheDigestOfItsRangesDigests() throws Exception {
        CleaningCycle c = new CleaningCycle();
        Path sample = Files.copy(TestSpark.sampleCsv(), c.outcomes.resolve("sample.csv"));
        Files.setLastModifiedTime(sample, FileTime.fromMillis(1_700_000_000_000L));
        TestSpark.session().sparkContext().hadoopConfiguration().setLong("mapreduce.input.fileinputformat.split.maxsize",
                256 * 1024);
        try {
            CleaningReport r = c.clean();
            assertEquals(11_162, r.rowsWritten());
            LedgerEntry e = c.ledger().get(0);
            assertTrue(e.digestScheme().matches("sha256-of-\\d+-ranges"), e.digestScheme());
            int ranges = Integer.parseInt(e.digestScheme().replaceAll("sha256-of-(\\d+)-ranges", "$1"));
            byte[] bytes = Files.readAllBytes(sample);
            long chunk = (bytes.length + ranges - 1) / ranges;
            StringBuilder digests = new StringBuilder();
            for (int k = 0; k < ranges; k++) {
                int from = (int) (k * chunk);
                int to = (int) Math.min(bytes.length, (k + 1) * chunk);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                md.update(bytes, from, to - from);
                digests.append(HexFormat.of().formatHex(md.digest())).append('\n');
            }
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(digests.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))), e.contentDigest());
        } finally {
            TestSpark.session().sparkContext().hadoopConfiguration().unset("mapreduce.input.fileinputformat.split.maxsize");
        }
    }

    @Test
    void aRunThatFailsWhilePublishingLeavesNeitherPartitionsNorLedgerEntries() throws Exception {
        CleaningCycle c = new CleaningCycle();
        deliver(c.outcomes, "2026-01.csv", "good.csv");
        // The ledger's root is a file: its entry cannot be moved in, which is the last move of the publication.
        Files.createDirectories(c.root.resolve("cleaned"));
        Files.writeString(c.root.resolve("cleaned/ledger"), "not a folder");
        assertThrows(RuntimeException.class, c::clean);
        assertEquals(List.of(), CleaningTestRun.tree(c.root.resolve("cleaned/outcomes")).stream()
                .filter(p -> p.startsWith("batch_id=")).toList(), "the partition was rolled back with the ledger");
    }
}
