package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.publication.Publication;
import dev.bankml.cleaning.publication.StagingArea;
import dev.bankml.jobs.FaultPoints;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.testing.TestSpark;

/**
 * A cleaning run killed ({@code kill -9}, as a fault point halts the JVM) at every step of its publication,
 * from the journal written beside its place to the journal saying "published": the next run rolls back what
 * the dead run half did (or keeps what it finished), cleans what is left to clean, and leaves nothing behind:
 * every delivery once in its table, the ledger agreeing with the tables, no staging folder, no journal, no
 * empty folder. The killed runs are child JVMs running only the cleaning job's main, all started at once;
 * the recovering runs share this JVM's session.
 */
class PublicationCrashTest {
    /** Every window of the publication, in the order a run passes them. */
    private static final List<String> WINDOWS = List.of(
            "publication.journal_written:1", // the journal written whole beside its place, not moved in yet
            "publication.journal:1",         // the journal in place, nothing moved
            "publication.move:3",            // mid-moves
            "publication.ledger:1",          // the tables' moves done, the ledger's not
            "publication.moved:1",           // every move done, the journal still says "publishing"
            "publication.published:1");      // the journal says "published", the staging folders still there

    /** A warehouse with one delivery published, then a new version of it, a new one, and new leads. */
    private static CleaningCycle wreckable() throws IOException {
        CleaningCycle c = new CleaningCycle();
        Path jan = CleaningCycle.deliver(c.outcomes, "2026-01.csv", "good.csv");
        c.clean();
        Files.writeString(jan, Files.readString(jan) + Files.readAllLines(CleaningTestRun.fixture("good.csv")).get(1)
                .replace("59,", "60,") + "\n");
        CleaningCycle.deliver(c.outcomes, "2026-02.csv", "mixed-good-bad.csv");
        CleaningCycle.unlabelled(c.leads, "2026-03.csv");
        return c;
    }

    private static Process killedAt(CleaningCycle c, String fault) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("bankml.spark.jvm.flags", "").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx600m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dspark.master=local[1]",
                "-Dspark.ui.enabled=false", "-Djava.io.tmpdir=" + Files.createDirectories(c.root.resolve("tmp")), "-D" + FaultPoints.PROPERTY + "=" + fault,
                "-cp", System.getProperty("java.class.path"), CleaningJob.class.getName()));
        cmd.addAll(c.arguments());
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(c.root.resolve("child.txt").toFile())
                .start();
    }

    @Test
    void aRunKilledAtAnyStepOfItsPublicationIsFinishedByTheNextWithNothingLeftBehind() throws Exception {
        Map<String, CleaningCycle> wrecks = new LinkedHashMap<>();
        Map<String, Process> children = new LinkedHashMap<>();
        for (String window : WINDOWS) {
            CleaningCycle c = wreckable();
            wrecks.put(window, c);
            children.put(window, killedAt(c, window));
        }
        for (Map.Entry<String, Process> child : children.entrySet()) {
            assertTrue(child.getValue().waitFor(4, TimeUnit.MINUTES), "the killed run stopped");
            Path console = wrecks.get(child.getKey()).root.resolve("child.txt");
            assertEquals(137, child.getValue().exitValue(), child.getKey() + ": " + Files.readString(console));
            Files.delete(console);
        }
        for (Map.Entry<String, CleaningCycle> w : wrecks.entrySet()) {
            CleaningCycle c = w.getValue();
            CleaningReport r = c.clean();
            assertEquals("SUCCEEDED", r.status(), w.getKey() + ": " + r.message());
            assertEverythingOnceAndNothingLeft(c, w.getKey());
        }
    }

    /** Each delivery in its table once (6 + 14 outcomes, 5 leads), as the ledger says, and nothing else left. */
    private static void assertEverythingOnceAndNothingLeft(CleaningCycle c, String window) throws IOException {
        List<LedgerEntry> ledger = c.ledger();
        assertEquals(3, ledger.size(), window);
        for (String kind : List.of("outcomes", "leads")) {
            Map<String, Long> expected = ledger.stream().filter(e -> e.kind().equals(kind) && e.rowsWritten() > 0)
                    .collect(Collectors.toMap(LedgerEntry::batchId, LedgerEntry::rowsWritten, Long::sum, TreeMap::new));
            Dataset<Row> table = TestSpark.session().read().parquet(c.root.resolve("cleaned/" + kind).toString());
            Map<String, Long> found = new TreeMap<>();
            table.groupBy("batch_id").count().collectAsList().forEach(x -> found.put(x.getString(0), x.getLong(1)));
            assertEquals(expected, found, window + ": the " + kind + " table holds each delivery once");
        }
        assertEquals(6 + 14, c.rows("outcomes"), window);
        assertEquals(5, c.rows("leads"), window);
        assertEquals(7, c.rows("quarantine"), window);
        try (Stream<Path> all = Files.walk(c.root.resolve("cleaned"))) {
            List<String> left = all.filter(p -> p.toString().contains("_staging") || p.toString().contains("_publish")
                    || p.toString().endsWith(".tmp") || p.getFileName().toString().startsWith(".spark-staging")
                    || isEmptyFolder(p)).map(p -> c.root.relativize(p).toString()).toList();
            assertEquals(List.of(), left, window + ": nothing left behind");
        }
    }

    private static boolean isEmptyFolder(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false; // a file
        }
    }

    /** The staging folder of a run that died on this host (its pid is gone), with a journal in it. */
    private static Path deadRunWithJournal(CleaningCycle c, String journal) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stage = c.root.resolve("cleaned/outcomes/_staging/20261101T000000.000Z-dead00");
        Files.createDirectories(stage);
        Files.writeString(stage.resolve(StagingArea.LEASE), Json.write(new StagingArea.Lease("20261101T000000.000Z-dead00",
                dev.bankml.jobs.ThisProcess.host(), gone.pid(), System.currentTimeMillis())));
        Files.writeString(stage.resolve(Publication.JOURNAL), journal);
        return stage;
    }

    @Test
    void anEmptyJournalLeftByAnEarlierVersionIsDiscardedAndAnUnreadableOneIsNamed() throws Exception {
        CleaningCycle c = new CleaningCycle();
        CleaningCycle.deliver(c.outcomes, "2026-01.csv", "good.csv");
        Path stage = deadRunWithJournal(c, "");
        assertEquals("SUCCEEDED", c.clean().status(), "an empty journal: its run had moved nothing");
        assertTrue(Files.notExists(stage));
        assertEquals(5, c.rows("outcomes"));

        Path damaged = deadRunWithJournal(c, "{\"run_id\": \"20261101T000000.000Z-dead00\", \"sta");
        IllegalStateException e = assertThrows(IllegalStateException.class, c::clean);
        assertTrue(e.getMessage().startsWith("the publish journal " + damaged.resolve(Publication.JOURNAL).toUri()
                .toString().replace("file:///", "file:/")), e.getMessage());
        assertTrue(e.getMessage().contains("move " + damaged.toUri().toString().replace("file:///", "file:/")
                .replaceAll("/$", "") + " out of the way and run again"), e.getMessage());
    }
}
