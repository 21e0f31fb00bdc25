package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.input.BatchIds;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.testing.TestSpark;

/**
 * A delivery's identity is its folder and its path under it, not where the warehouse lives: a warehouse
 * copied elsewhere continues where it was, and a ledger written before (absolute locations, batch ids made
 * from them) is matched without cleaning anything again.
 */
class CleaningWarehouseMoveTest {

    private static Map<String, String> statuses(CleaningReport r) {
        Map<String, String> out = new TreeMap<>();
        r.deliveries().forEach(d -> out.put(d.sourceFile(), d.status()));
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException, InterruptedException {
        Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        assertEquals(0, cp.waitFor());
    }

    private static CleaningCycle delivered() throws IOException {
        CleaningCycle c = new CleaningCycle();
        CleaningCycle.deliver(c.outcomes, "2026-01.csv", "good.csv");
        CleaningCycle.unlabelled(c.leads, "2026-02.csv");
        return c;
    }

    @Test
    void aWarehouseCopiedElsewhereCleansNothingWhenNothingIsNew() throws Exception {
        CleaningCycle c = delivered();
        c.clean();
        Path copy = TestSpark.workDir("copied").resolve("warehouse");
        copyTree(c.root, copy);

        CleaningCycle moved = new CleaningCycle(copy);
        List<String> before = moved.tree();
        CleaningReport r = moved.clean();
        assertEquals(Map.of("leads/2026-02.csv", "unchanged", "outcomes/2026-01.csv", "unchanged"), statuses(r));
        assertEquals(0, r.rowsRead(), "nothing read, nothing cleaned");
        assertEquals(before, moved.tree(), "nothing changed");
    }

    /**
     * The ledger as the job wrote it before identities were relative: absolute source files, batch ids made
     * from them, table locations, no content keys; the partitions named after those batch ids.
     */
    private static void asWrittenBefore(CleaningCycle c) throws IOException {
        Path ledger = c.root.resolve("cleaned/ledger");
        for (LedgerEntry e : c.ledger()) {
            String kind = e.kind();
            Path file = (kind.equals("outcomes") ? c.outcomes : c.leads).resolve(e.sourceFile().substring(kind.length() + 1));
            String location = file.toAbsolutePath().toString();
            String legacyBatch = BatchIds.of(location);
            for (Path table : List.of(c.root.resolve("cleaned/" + kind), c.root.resolve("cleaned/quarantine"), ledger)) {
                Path p = table.resolve("batch_id=" + e.batchId());
                if (Files.exists(p)) {
                    Files.move(p, table.resolve("batch_id=" + legacyBatch));
                }
            }
            Path dir = ledger.resolve("batch_id=" + legacyBatch);
            Files.delete(dir.resolve(PublishedKeys.FILE));
            Files.deleteIfExists(dir.resolve("." + PublishedKeys.FILE + ".crc"));
            Files.deleteIfExists(dir.resolve("." + DeliveryLedger.ENTRY_FILE + ".crc"));
            LedgerEntry legacy = LedgerEntry.of(new LedgerEntry.Identity(kind, location, legacyBatch,
                    c.root.resolve("cleaned/" + kind).toUri().toString()), e.content(), e.cleaning(), e.outcome());
            Files.writeString(dir.resolve(DeliveryLedger.ENTRY_FILE), Json.write(legacy));
        }
    }

    @Test
    void aLedgerWrittenBeforeIsMatchedByPathKeepsItsBatchIdsAndNothingIsCleanedAgain() throws Exception {
        CleaningCycle c = delivered();
        c.clean();
        asWrittenBefore(c);
        assertTrue(c.ledger().stream().allMatch(LedgerEntry::legacy));
        List<String> before = c.tree();

        CleaningReport upgraded = c.clean();
        assertEquals(Map.of("leads/2026-02.csv", "unchanged", "outcomes/2026-01.csv", "unchanged"), statuses(upgraded));
        assertEquals(before, c.tree(), "an existing warehouse is not cleaned again after the upgrade");

        Path copy = TestSpark.workDir("copied-legacy").resolve("warehouse");
        copyTree(c.root, copy);
        CleaningReport movedLegacy = new CleaningCycle(copy).clean();
        assertEquals(Map.of("leads/2026-02.csv", "unchanged", "outcomes/2026-01.csv", "unchanged"),
                statuses(movedLegacy), "a copy of it continues too: matched by the path under its folder");

        String legacyBatch = BatchIds.of(c.outcomes.resolve("2026-01.csv").toAbsolutePath().toString());
        Path jan = c.outcomes.resolve("2026-01.csv");
        Files.writeString(jan, Files.readString(jan) + Files.readAllLines(CleaningTestRun.fixture("good.csv")).get(1)
                .replace("59,", "60,") + "\n");
        CleaningReport changed = c.clean();
        assertEquals("changed", statuses(changed).get("outcomes/2026-01.csv"));
        LedgerEntry now = c.ledger().stream().filter(e -> e.kind().equals("outcomes")).findFirst().orElseThrow();
        assertEquals(legacyBatch, now.batchId(), "the delivery keeps its partition");
        assertEquals("outcomes/2026-01.csv", now.sourceFile(), "its entry is written the new way");
        assertFalse(now.legacy());
        assertEquals(6, c.rows("outcomes"), "its partition replaced, not doubled");
        assertEquals(List.of("outcomes/batch_id=" + legacyBatch), c.tree().stream()
                .filter(p -> p.startsWith("outcomes/batch_id=") && p.split("/").length == 2).toList());
    }
}
