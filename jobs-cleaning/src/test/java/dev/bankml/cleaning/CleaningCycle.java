package dev.bankml.cleaning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * A warehouse-like tree for the cleaning job in a cycle: raw/outcomes, raw/leads, and the cleaned tables,
 * quarantine and ledger; runs the job on it as a cycle's clean step does.
 */
final class CleaningCycle {
    final Path root;
    final Path outcomes;
    final Path leads;

    CleaningCycle() throws IOException {
        this(TestSpark.workDir("deliveries"));
    }

    /** The tree under a folder that may hold one already (a warehouse copied elsewhere). */
    CleaningCycle(Path root) throws IOException {
        this.root = root;
        this.outcomes = root.resolve("raw/outcomes");
        this.leads = root.resolve("raw/leads");
        Files.createDirectories(outcomes);
        Files.createDirectories(leads);
    }

    /** The job's arguments on this tree, then {@code extra}. */
    List<String> arguments(String... extra) {
        List<String> argv = new ArrayList<>(List.of(
                WiringSettings.SOURCE_PATH.flag(), outcomes.toString(),
                WiringSettings.TARGET_PATH.flag(), root.resolve("cleaned/outcomes").toString(),
                WiringSettings.LEADS_SOURCE_PATH.flag(), leads.toString(),
                WiringSettings.LEADS_TARGET_PATH.flag(), root.resolve("cleaned/leads").toString(),
                WiringSettings.REJECTED_PATH.flag(), root.resolve("cleaned/quarantine").toString(),
                WiringSettings.REPORT_PATH.flag(), root.resolve("reports").toString(),
                WiringSettings.LEDGER_PATH.flag(), root.resolve("cleaned/ledger").toString(),
                CleaningSettings.MAX_REJECTED_FRACTION.flag(), "1"));
        argv.addAll(List.of(extra));
        return argv;
    }

    CleaningReport clean(String... extra) {
        return CleaningJob.run(TestSpark.session(), CleaningConfig.from(GlueArgs.parse(arguments(extra)
                .toArray(String[]::new))));
    }

    /** The rows of a table (or the quarantine), as strings, sorted. */
    List<String> rowsOf(String table) {
        Path p = root.resolve("cleaned/" + table);
        return Files.exists(p) ? TestSpark.session().read().parquet(p.toString()).collectAsList().stream()
                .map(Object::toString).sorted().toList() : List.of();
    }

    List<LedgerEntry> ledger() {
        return new DeliveryLedger(new Storage(TestSpark.session().sparkContext().hadoopConfiguration()),
                root.resolve("cleaned/ledger").toString()).entries();
    }

    long rows(String table) {
        Path p = root.resolve("cleaned/" + table);
        return Files.exists(p) ? TestSpark.session().read().parquet(p.toString()).count() : 0;
    }

    List<String> tree() {
        return CleaningTestRun.tree(root.resolve("cleaned"));
    }

    /** A fixture delivered under a name. */
    static Path deliver(Path folder, String name, String fixture) throws IOException {
        Files.createDirectories(folder);
        return Files.copy(CleaningTestRun.fixture(fixture), folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** good.csv as a lead file: the label column there, every value empty. */
    static Path unlabelled(Path folder, String name) throws IOException {
        List<String> lines = Files.readAllLines(CleaningTestRun.fixture("good.csv"));
        List<String> empty = new ArrayList<>(List.of(lines.get(0)));
        for (String l : lines.subList(1, lines.size())) {
            empty.add(l.substring(0, l.lastIndexOf(',') + 1));
        }
        return Files.write(folder.resolve(name), empty);
    }
}
