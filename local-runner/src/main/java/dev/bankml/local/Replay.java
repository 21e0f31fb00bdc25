package dev.bankml.local;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.RunIds;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.training.history.MonitoringHistory;
import dev.bankml.training.history.MonitoringRecord;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * {@code bin/pipeline replay}: the sample played as a bank lives it, month by month. The months up to
 * {@code --history_until} arrive first as labelled history, with the next month's customers as leads;
 * then each cycle brings the outcomes of the leads scored the month before and the next month's leads.
 * One cycle per month, in one session, into a fresh warehouse; then a month-by-month table of what
 * each cycle saw and did: rows, the champion's out-of-time AUC-ROC on the new outcomes, the largest
 * population stability index, the training decision and the leads scored.
 */
final class Replay {
    /** The file that marks a warehouse as a replay's, which the next replay may replace. */
    static final String MARKER = ".bankml-replay";
    static final String DEFAULT_TUNING = "fast";

    private final PrintStream out;

    Replay(PrintStream out) {
        this.out = out;
    }

    /** One month's deliveries. */
    record Month(String name, Path outcomes, Path leads) {
    }

    int run(GlueArgs given) {
        long t0 = System.nanoTime();
        Path warehouse = given.find(RunnerSettings.WAREHOUSE).map(w -> Path.of(w).toAbsolutePath())
                .orElseGet(() -> RunnerPaths.projectRoot().resolve(RunnerPaths.DEFAULT_WAREHOUSE).resolve("replay"));
        Path input = given.find(RunnerSettings.INPUT).map(Path::of).orElseGet(RunnerPaths::sampleInput);
        GlueArgs args = given.with(Map.of(RunnerSettings.WAREHOUSE.name(), warehouse.toString(),
                TrainingSettings.TUNING.name(), given.find(TrainingSettings.TUNING).orElse(DEFAULT_TUNING)));
        // Another cycle on this warehouse: refused before anything is deleted.
        WarehouseLock.requireFree(new Storage(new Configuration()),
                StorageLayout.underOneRoot(warehouse.toString()).ledger());
        fresh(warehouse);
        List<Month> months = cut(input, warehouse.resolve("_deliveries"), given.get(RunnerSettings.REPLAY_FIRST_MONTH));
        out.printf("bank-glue-ml: replay of %s as %d monthly cycles into %s (tuning %s)%n%n", input, months.size(),
                warehouse, args.get(TrainingSettings.TUNING));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        ConsoleLogs.quietUnlessVerbose();
        List<String> cycles = new ArrayList<>();
        for (Month m : months) {
            long c0 = System.nanoTime();
            Map<String, String> runArgs = new LinkedHashMap<>(RunnerOptions.runArguments(args));
            runArgs.put(RunSettings.RUN_ID.name(), RunIds.newRunId(Clock.systemUTC()));
            CycleCommands.Cycle cycle = CycleCommands.prepare(args, runArgs, quiet);
            LocalWorkflow.Results r;
            try (WarehouseLock lock = cycle.lock("replay")) {
                LocalWorkflow run = cycle.start();
                run.deliver(DeliveryKind.OUTCOMES, List.of(m.outcomes()));
                if (m.leads() != null) {
                    run.deliver(DeliveryKind.LEADS, List.of(m.leads()));
                }
                r = run.run();
            }
            cycles.add(cycle.cycleId());
            out.printf(Locale.ROOT, "  %-10s cycle %s: %s (%.1f s)%n", m.name(), cycle.cycleId(),
                    r.training() == null ? "" : r.training().trained() ? "trained" : "no training", (System.nanoTime() - c0) / 1e9);
        }
        StorageLayout layout = StorageLayout.underOneRoot(warehouse.toString());
        Storage storage = new Storage(new Configuration());
        table(months, cycles, new DeliveryLedger(storage, layout.ledger()).entries(),
                new MonitoringHistory(storage, layout.monitoring(), args.get(DeploymentSettings.LABEL)).records());
        out.printf(Locale.ROOT, "%nMonitoring report: %s%nDone in %s.%n", storage.resolve(layout.monitoring())
                + args.get(DeploymentSettings.LABEL) + "/report.html", RunSummary.duration((System.nanoTime() - t0) / 1e9));
        return 0;
    }

    /** Refuses a folder that holds anything but an earlier replay; empties an earlier replay's. */
    static void fresh(Path warehouse) {
        try {
            if (Files.exists(warehouse)) {
                boolean empty;
                try (Stream<Path> s = Files.list(warehouse)) {
                    empty = s.findAny().isEmpty();
                }
                if (!empty && !Files.exists(warehouse.resolve(MARKER))) {
                    throw new JobConfigurationException(RunnerSettings.WAREHOUSE.flag() + " " + warehouse + " holds data that "
                            + "is not a replay's: a replay starts from an empty warehouse; pick an empty folder");
                }
                try (Stream<Path> s = Files.walk(warehouse)) {
                    s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
            Files.createDirectories(warehouse);
            Files.writeString(warehouse.resolve(MARKER), "made by bin/pipeline replay; the next replay replaces it\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + warehouse, e);
        }
    }

    /**
     * Cuts the export by month into delivery files: the months up to {@code historyUntil} as one history
     * of outcomes; then each later month's rows as that month's leads and, the
     * cycle after, as its outcomes. A lead file holds what the bank knows before it calls: no label, no
     * {@code duration}.
     */
    static List<Month> cut(Path input, Path folder, String historyUntil) {
        List<String> lines;
        try {
            lines = Files.readAllLines(RunnerPaths.inputFiles(input).get(0), StandardCharsets.UTF_8);
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input, e);
        }
        String header = lines.get(0);
        List<String> names = List.of(header.split(","));
        int month = names.indexOf(BankSchema.MONTH);
        int label = names.indexOf(BankSchema.DEPOSIT);
        String labelName = names.get(Math.max(label, 0));
        if (month < 0 || label < 0 || header.contains("\"")) {
            throw new JobConfigurationException("the replay cuts a plain comma-separated export with a month and a "
                    + "deposit column, like data/sample/bank.csv; " + input + " is not one");
        }
        Map<String, List<String>> byMonth = new LinkedHashMap<>();
        BankSchema.MONTHS.forEach(m -> byMonth.put(m, new ArrayList<>()));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length == names.size() && byMonth.containsKey(f[month].strip().toLowerCase(Locale.ROOT))) {
                byMonth.get(f[month].strip().toLowerCase(Locale.ROOT)).add(line);
            }
        }
        int first = BankSchema.MONTHS.indexOf(historyUntil);
        List<String> history = new ArrayList<>();
        for (int i = 0; i <= first; i++) {
            history.addAll(byMonth.get(BankSchema.MONTHS.get(i)));
        }
        List<Month> out = new ArrayList<>();
        String historyName = "history-" + BankSchema.MONTHS.get(0) + "-" + historyUntil;
        Path outcomes = write(folder.resolve("outcomes-" + historyName + ".csv"), header, history);
        for (int i = first + 1; i <= BankSchema.MONTHS.size(); i++) {
            String next = i < BankSchema.MONTHS.size() ? BankSchema.MONTHS.get(i) : null;
            Path leads = next == null || byMonth.get(next).isEmpty() ? null
                    : DeliveryFiles.write(folder.resolve("leads-" + next + ".csv"),
                            DeliveryFiles.asLeads(header, byMonth.get(next), labelName));
            out.add(new Month(i == first + 1 ? historyName : BankSchema.MONTHS.get(i - 1), outcomes, leads));
            if (next != null) {
                outcomes = write(folder.resolve("outcomes-" + next + ".csv"), header, byMonth.get(next));
            }
        }
        return out;
    }

    /** An outcomes file: the header and the rows. */
    private static Path write(Path file, String header, List<String> rows) {
        List<String> lines = new ArrayList<>(List.of(header));
        lines.addAll(rows);
        return DeliveryFiles.write(file, lines);
    }

    /** The month-by-month table, from the ledger and the monitoring history. */
    void table(List<Month> months, List<String> cycles, List<LedgerEntry> ledger, List<MonitoringRecord> history) {
        out.printf(Locale.ROOT, "%n  %-16s %9s %9s %10s %10s %-14s %-50s %7s%n", "month", "outcomes", "leads",
                "OOT AUC", "champ AUC", "max PSI", "training", "scored");
        for (int i = 0; i < months.size(); i++) {
            String cycle = cycles.get(i);
            long outcomeRows = ledger.stream().filter(e -> cycle.equals(e.cycleId()) && "outcomes".equals(e.kind()))
                    .mapToLong(LedgerEntry::rowsWritten).sum();
            long leadRows = ledger.stream().filter(e -> cycle.equals(e.cycleId()) && "leads".equals(e.kind()))
                    .mapToLong(LedgerEntry::rowsWritten).sum();
            List<MonitoringRecord> mine = history.stream().filter(r -> cycle.equals(r.cycleId())).toList();
            MonitoringRecord oot = mine.stream().filter(r -> MonitoringRecord.DELIVERY.equals(r.record())
                    && r.aucRoc() != null).findFirst().orElse(null);
            Double maxPsi = mine.stream().map(MonitoringRecord::maxPsi).filter(v -> v != null)
                    .max(Double::compare).orElse(null);
            String psiOf = mine.stream().filter(r -> r.maxPsi() != null && r.maxPsi().equals(maxPsi))
                    .map(MonitoringRecord::maxPsiOf).findFirst().orElse("");
            MonitoringRecord training = mine.stream().filter(r -> MonitoringRecord.TRAINING.equals(r.record()))
                    .findFirst().orElse(null);
            long scored = mine.stream().filter(r -> MonitoringRecord.SCORING.equals(r.record()))
                    .mapToLong(r -> r.rowsScored() == null ? 0 : r.rowsScored()).sum();
            out.printf(Locale.ROOT, "  %-16s %,9d %,9d %10s %10s %-14s %-50s %,7d%n", months.get(i).name(), outcomeRows,
                    leadRows, oot == null ? "-" : String.format(Locale.ROOT, "%.4f", oot.aucRoc()),
                    oot == null ? "-" : String.format(Locale.ROOT, "%.4f", oot.championTestAucRoc()),
                    maxPsi == null ? "-" : String.format(Locale.ROOT, "%.3f %s", maxPsi, psiOf),
                    training == null ? "-" : abbreviate(training.decision() + ": " + brief(training.reason()), 50), scored);
        }
        out.println("  (OOT AUC: the champion on the month's new outcomes, before they are trained on; champ AUC: its "
                + "own test AUC-ROC)");
    }

    /** A training reason in table width: which alarm, without the delivery's batch id. */
    static String brief(String reason) {
        return reason.replaceAll("alarm on delivery \\S+ since the last training: ", "alarm, ")
                .replaceAll("out-of-time AUC-ROC [0-9.]+, ([0-9.]+) below the champion's test AUC-ROC", "AUC drop $1")
                .replaceAll("PSI of (\\S+) ([0-9.]+)", "PSI $1 $2");
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }
}
