package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.FaultPoints;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.local.PipelineCommand;

/**
 * The monthly loop on a laptop, as a bank runs it: the replay of the sample month by month (the
 * short form, run first), then more deliveries of outcomes and leads, one cycle each time, on the
 * replay's warehouse. A cycle with nothing new does nothing and says so; a delivery announced
 * twice, or twenty landing at once (two event batches' worth), is processed once; cycles killed at
 * any point leave nothing half-visible, and the next one finishes the work: every delivery is in
 * its table exactly once, every lead scored exactly once, and the ledger agrees with the tables.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonthlyCycleTest {
    private static Path warehouse;
    private static Path files;
    private static List<String> sample;
    /**
     * One model and the fast grid: the loop is under test here, not the models; without duration, which no
     * lead carries (the replay's lead files have no after-call column).
     */
    private static final String[] MODELS = {"--tuning", "fast", "--models", "lr", "--exclude_features", "duration"};
    /**
     * Alarm thresholds no delivery here reaches: the sample is sorted (yes rows first), so every later
     * slice drifts from the first; with these, a cycle trains only when asked or due by rows.
     */
    private static final String[] CALM = {"--psi_alarm", "10", "--auc_drop_alarm", "1"};

    private static String replayOutput;

    /** The replay: January to November as history, then December's cycle; the warehouse the tests go on with. */
    @BeforeAll
    static void replayTheSample() throws IOException {
        warehouse = TestSpark.workDir("monthly");
        files = TestSpark.workDir("monthly-files");
        sample = Files.readAllLines(TestSpark.sampleCsv());
        List<String> argv = new ArrayList<>(List.of("replay", "--warehouse", warehouse.toString(), "--history_until",
                "nov"));
        argv.addAll(List.of(MODELS));
        argv.addAll(List.of(CALM)); // December's drift would otherwise retrain: one training is enough here
        replayOutput = run(argv.toArray(String[]::new)).output();
    }

    private static PipelineCommand.Result run(String... argv) {
        return run(0, argv);
    }

    private static PipelineCommand.Result run(int status, String... argv) {
        PipelineCommand.Result r = PipelineCommand.run(argv);
        assertEquals(status, r.status(), r.output());
        return r;
    }

    private static String cycle(String... extra) {
        return cycleExiting(0, extra);
    }

    private static String cycleExiting(int status, String... extra) {
        List<String> argv = new ArrayList<>(List.of("cycle", "--warehouse", warehouse.toString()));
        argv.addAll(List.of(MODELS));
        argv.addAll(List.of(extra));
        return run(status, argv.toArray(String[]::new)).output();
    }

    private static void deliver(String kind, Path... paths) {
        List<String> argv = new ArrayList<>(List.of("deliver", "--kind", kind, "--warehouse", warehouse.toString()));
        for (Path p : paths) {
            argv.add(p.toString());
        }
        run(argv.toArray(String[]::new));
    }

    /**
     * Sample row {@code i} as a customer the warehouse has not seen: the replay delivered every sample row
     * already, and a record delivered again is a duplicate across deliveries (quarantined); a balance one euro
     * higher makes it another record.
     */
    private static String unseen(int i) {
        String[] f = sample.get(i).split(",", -1);
        f[5] = String.valueOf(Integer.parseInt(f[5]) + 1);
        return String.join(",", f);
    }

    /** Sample rows [from, to) as an outcomes file of customers not seen before. */
    private static Path outcomes(String name, int from, int to) throws IOException {
        List<String> lines = new ArrayList<>(List.of(sample.get(0)));
        for (int i = from; i < to; i++) {
            lines.add(unseen(i));
        }
        return Files.write(files.resolve(name), lines, StandardCharsets.UTF_8);
    }

    /**
     * Sample rows [from, to) as a leads file of customers not seen before: the deposit column left out;
     * {@code odd} rows get unseen jobs.
     */
    private static Path leads(String name, int from, int to, int odd) throws IOException {
        List<String> lines = new ArrayList<>(List.of(sample.get(0).substring(0, sample.get(0).lastIndexOf(','))));
        for (int i = from; i < to; i++) {
            String l = unseen(i).substring(0, unseen(i).lastIndexOf(','));
            lines.add(i - from < odd ? l.replaceFirst("^(\\d+),[^,]*,", "$1,astronaut,") : l);
        }
        return Files.write(files.resolve(name), lines, StandardCharsets.UTF_8);
    }

    @Test
    @Order(1)
    void theReplayPlaysTheSampleMonthByMonth() throws IOException {
        String out = replayOutput;
        for (String month : List.of("history-jan-nov", "dec")) {
            assertTrue(out.contains("  " + month + " "), month + " missing:\n" + out);
        }
        assertTrue(out.contains("trained: no champion yet"), out);
        assertTrue(out.matches("(?s).*\\n  dec +\\d[\\d,]* +\\d[\\d,]* +0\\.\\d{4} +0\\.\\d{4} .*"),
                "the champion's out-of-time AUC on December's outcomes, next to its test AUC:\n" + out);
        assertTrue(Files.exists(warehouse.resolve("artifacts/metrics/monitoring/deposit/report.html")));
        assertInvariants();

        String history = run("history", "--warehouse", warehouse.toString()).output();
        assertTrue(history.contains("Monitoring history, label deposit"), history);
        assertTrue(history.lines().anyMatch(l -> l.contains(" delivery ") && l.contains("outcomes ")
                && l.matches(".* 0\\.\\d{4} / 0\\.\\d{4} .*")), "a delivery's out-of-time AUC next to the test AUC:\n" + history);
        assertTrue(history.lines().anyMatch(l -> l.contains(" training ") && l.contains("trained: no champion yet")), history);
    }

    /**
     * A bank's everyday mistakes in one cycle: outcomes delivered as leads, and files sent again under another
     * name or in another folder, beside a valid outcomes delivery. The valid one is cleaned and evaluated; the
     * lead file is refused and set aside (exit status 3, the summary says which and why); the resends are
     * recorded and nothing of them is cleaned, evaluated, trained on or scored.
     */
    @Test
    @Order(2)
    void aRefusedDeliveryIsSetAsideAndResendsAreRecognisedWhileTheValidDeliveryGoesThroughTheCycle() throws IOException {
        Path raw = warehouse.resolve("raw");
        Files.copy(raw.resolve("outcomes/outcomes-dec.csv"), files.resolve("outcomes-dec_resend.csv"));
        String someLeads;
        try (var s = Files.list(raw.resolve("leads"))) {
            someLeads = s.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
        deliver("outcomes", files.resolve("outcomes-dec_resend.csv"), outcomes("outcomes-r.csv", 8001, 8201));
        deliver("leads", outcomes("labelled-leads.csv", 8201, 8301));
        Files.createDirectories(raw.resolve("leads/again")); // the same leads again, in another folder
        Files.copy(raw.resolve("leads").resolve(someLeads), raw.resolve("leads/again").resolve(someLeads));

        String out = cycleExiting(3, CALM);
        assertTrue(out.contains("REFUSED delivery leads/labelled-leads.csv: leads/labelled-leads.csv was delivered as "
                + "leads, but 100 of its 100 rows carry a value in the label column 'deposit'"), out);
        assertTrue(out.contains("what to do: deliver it as outcomes"), out);
        assertTrue(out.contains("Resend: outcomes/outcomes-dec_resend.csv is the bytes of outcomes/outcomes-dec.csv"), out);
        assertTrue(out.contains("Resend: leads/again/" + someLeads + " is the bytes of leads/" + someLeads), out);
        assertTrue(out.contains("[4/6] evaluate       1 delivery measured for drift"),
                "only the valid delivery is evaluated:\n" + out);
        assertTrue(out.contains("[2/6] clean          520 rows in: 200 cleaned, 0 quarantined; "), out);
        assertTrue(out.contains("no new lead delivery to score"), "neither the refused nor the resent leads:\n" + out);
        assertInvariants();
    }

    @Test
    @Order(3)
    void aCycleWithNothingNewCleansTrainsAndScoresNothingAndSaysSo() {
        String out = cycle();
        assertTrue(out.contains("0 rows in: 0 cleaned"), out);
        assertTrue(out.contains("1 delivery refused earlier and unchanged since: not read again (leads/labelled-leads.csv)"),
                "the refused delivery is not refused again, and the cycle does not fail on it:\n" + out);
        assertTrue(out.contains("[5/6] train          skipped: "), out);
        assertTrue(out.contains("no new lead delivery to score"), out);
        assertTrue(out.contains("no new delivery to measure against the champion"), out);
    }

    /**
     * A lead delivery with unseen values and twenty more landing with it (two event batches' worth): each
     * scored once, in one cycle; the first announced again afterwards (a re-upload of the same bytes) changes
     * nothing; replaced by a longer version, it is scored again and the cycle says who was offered before.
     */
    @Test
    @Order(4)
    void leadsLandingTogetherAreEachScoredOnceWithTheirUnseenValuesAndAnnouncingOneAgainChangesNothing()
            throws IOException {
        long before = scored().count();
        Path leads = leads("leads-1.csv", 6001, 6201, 150);
        List<Path> many = new ArrayList<>(List.of(leads));
        for (int i = 0; i < 20; i++) {
            many.add(leads(String.format("burst-%02d.csv", i), 6201 + 50 * i, 6251 + 50 * i, 0));
        }
        deliver("leads", many.toArray(Path[]::new));
        String out = cycle();
        assertTrue(out.contains("1,200 rows scored"), out);
        assertTrue(out.contains("in 21 new lead deliveries"), out);
        // 150 made-up jobs, and the December customers: the champion was trained on January to November.
        long december = sample.subList(6001, 7201).stream().filter(l -> l.split(",")[10].equals("dec")).count();
        assertTrue(december > 0, "the leads hold December customers");
        assertTrue(out.contains((150 + december) + " unseen category values"), out);
        assertTrue(out.contains("job=astronaut (150), month=dec (" + december + ")"), out);
        deliver("leads", leads); // the same file announced again: a re-upload of the same bytes
        String again = cycle();
        assertTrue(again.contains("1 delivery uploaded again with the bytes it had: read, not published again"), again);
        assertTrue(again.contains("no new lead delivery to score"), again);
        assertInvariants();
        assertEquals(before + 1_200, scored().count());

        // The first file replaced under its name by one with 50 more customers: scored again as a whole (its
        // partition replaced), saying how many of its leads the earlier version's scoring had offered.
        List<String> replacement = new ArrayList<>(Files.readAllLines(leads));
        replacement.addAll(Files.readAllLines(leads("more.csv", 8001, 8051, 0)).subList(1, 51));
        Files.write(leads, replacement, StandardCharsets.UTF_8);
        deliver("leads", leads);
        String replaced = cycle();
        assertTrue(replaced.contains("250 rows scored"), replaced);
        assertTrue(replaced.contains("200 of its 250 leads were offered then"), replaced);
        assertInvariants();
        assertEquals(before + 1_250, scored().count());
    }

    @Test
    @Order(5)
    void cyclesKilledOneAfterAnotherAreFinishedByTheNextWithEveryDeliveryOnce() throws Exception {
        long before = scored().count();
        deliver("outcomes", outcomes("outcomes-k.csv", 7601, 7801));
        deliver("leads", leads("leads-k.csv", 7801, 8001, 0));
        // Each cycle is halted later in the graph than the one before, and each starts from the wreck the
        // one before left: the deliveries measured, one record written; then the leads scored and their
        // scored ledger not written. (A cleaning killed at each step of its publication is finished by the
        // next run: PublicationCrashTest, at the cleaning job's level.)
        for (String fault : List.of("monitoring.records:1", "scoring.ledger:1")) {
            Process p = cycleInAChild(fault);
            assertTrue(p.waitFor(3, TimeUnit.MINUTES), "the killed cycle stopped");
            assertEquals(137, p.exitValue(), "halted at " + fault + ": " + Files.readString(childConsole(fault)));
        }
        String out = cycle(CALM); // the next cycle finds the dead runs' leftovers and finishes their work
        assertInvariants();
        assertEquals(before + 200, scored().count(), "every lead of the killed cycles scored, once: " + out);
    }

    /** {@code bin/pipeline cycle} in a JVM of its own, halted at a fault point as {@code kill -9} would. */
    private static Process cycleInAChild(String fault) throws IOException {
        Path root = TestSpark.projectRoot();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("bankml.spark.jvm.flags", "").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1500m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + files,
                "-Dbankml.project.root=" + root, "-Dbankml.log.file=" + files.resolve("child.log"),
                "-D" + FaultPoints.PROPERTY + "=" + fault,
                "-cp", root.resolve("local-runner/target/classes") + ":"
                        + Files.readString(root.resolve("local-runner/target/classpath.txt")).strip(),
                "dev.bankml.local.LocalRunner", "cycle", "--warehouse", warehouse.toString()));
        cmd.addAll(List.of(MODELS));
        cmd.addAll(List.of(CALM));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(childConsole(fault).toFile()).start();
    }

    private static Path childConsole(String fault) {
        return files.resolve("child-" + fault.replace(':', '-') + ".txt");
    }

    private static Dataset<Row> scored() {
        return TestSpark.session().read().parquet(warehouse.resolve("artifacts/predictions/scored/label=deposit").toString());
    }

    /**
     * Each delivery of the ledger is in its table with its rows, exactly once; nothing is in a table the
     * ledger does not have; every lead delivery is scored once per row; nothing is left staged.
     */
    private static void assertInvariants() throws IOException {
        Storage storage = new Storage(TestSpark.session().sparkContext().hadoopConfiguration());
        List<LedgerEntry> ledger = new DeliveryLedger(storage, warehouse.resolve("cleaned/ledger").toString()).entries();
        for (String kind : List.of("outcomes", "leads")) {
            Map<String, Long> expected = ledger.stream().filter(e -> e.kind().equals(kind) && e.published()
                            && e.rowsWritten() > 0)
                    .collect(Collectors.toMap(LedgerEntry::batchId, LedgerEntry::rowsWritten, Long::sum, TreeMap::new));
            assertEquals(expected, perBatch(TestSpark.session().read().parquet(warehouse.resolve("cleaned/" + kind)
                    .toString())), "the " + kind + " table holds each ledger delivery's rows, once");
        }
        Dataset<Row> scored = scored();
        Map<String, Long> leads = ledger.stream().filter(e -> e.kind().equals("leads") && e.published())
                .collect(Collectors.toMap(LedgerEntry::batchId, LedgerEntry::rowsWritten, Long::sum, TreeMap::new));
        assertEquals(leads, perBatch(scored), "every lead scored, in its delivery's partition");
        assertEquals(scored.count(), scored.select("record_id").distinct().count(), "no lead scored twice");
        try (var s = Files.walk(warehouse.resolve("cleaned"))) {
            assertEquals(List.of(), s.map(Path::toString).filter(p -> p.contains("_staging")).toList(),
                    "nothing left staged");
        }
    }

    private static Map<String, Long> perBatch(Dataset<Row> rows) {
        Map<String, Long> out = new TreeMap<>();
        rows.groupBy("batch_id").count().collectAsList().forEach(r -> out.put(r.getString(0), r.getLong(1)));
        return out;
    }
}
