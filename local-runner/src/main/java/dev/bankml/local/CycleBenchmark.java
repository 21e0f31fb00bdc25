package dev.bankml.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Json;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The cycle stage of {@code bin/pipeline bench}: what a month costs once the loop runs, next to its
 * yardstick measured in the same run, a full {@code bin/pipeline run} on the same export (reset,
 * clean, train seven models, score). A warehouse is given twelve monthly outcome deliveries and one
 * cycle (it trains: not timed); then, alternated with the full runs, a cycle with nothing new and a
 * cycle after one new 1,000-row lead file (no outcomes, so no training is due). Then a retraining with
 * {@code --approval manual} leaves a candidate waiting, and the same lead cycles run with it scoring in the
 * shadow: its score step against theirs is what the shadow costs (issue 26: at most 1.6x). Every command is
 * {@code bin/pipeline} in a cold JVM of its own, as a user runs it; the figures are medians, and
 * each step's own time comes from the command's output.
 */
final class CycleBenchmark {
    /** Rows of the lead file each leads cycle adds. */
    static final int LEAD_ROWS = 1_000;
    /** Deliveries already in the warehouse before the timed cycles. */
    static final int DELIVERIES = 12;
    private static final Pattern STEP = Pattern.compile("^\\[\\d/\\d\\] (\\S+) .*\\((\\d+(?:\\.\\d+)?) s\\)$",
            Pattern.MULTILINE);

    private final Path work;
    private final int repeat;

    /** A timed command and the time of each workflow step it printed. */
    record Timed(CleaningBenchmark.Run run, Map<String, Double> steps, String summary) {
    }

    record Result(Timed setup, List<Timed> full, List<Timed> nothingNew, List<Timed> leads, double fullSeconds,
                  double nothingNewSeconds, double leadsSeconds, List<Timed> shadow, double shadowSeconds) {
        /** The score step of a lead cycle with a challenger in the shadow against one without (medians). */
        double shadowScoreRatio() {
            return medianStep(shadow, "score") / medianStep(leads, "score");
        }

        double nothingNewRatio() {
            return nothingNewSeconds / fullSeconds;
        }

        double leadsRatio() {
            return leadsSeconds / fullSeconds;
        }
    }

    CycleBenchmark(Path work, int repeat) {
        this.work = work;
        this.repeat = repeat;
    }

    Result run(Path export) {
        Path full = work.resolve("full-warehouse");
        Path warehouse = work.resolve("cycle-warehouse");
        Path deliveries = work.resolve("deliveries");
        CleaningBenchmark.deleteRecursively(warehouse);
        CleaningBenchmark.deleteRecursively(deliveries);
        List<String> lines = read(export);
        List<Path> months = monthly(lines, deliveries);
        command("deliver", List.of("deliver", RunnerSettings.DELIVERY_KIND.flag(), "outcomes", RunnerSettings.WAREHOUSE.flag(),
                warehouse.toString()), months.stream().map(Path::toString).toList());
        Timed setup = command("first cycle (trains)", List.of("cycle", RunnerSettings.WAREHOUSE.flag(), warehouse.toString()),
                List.of());
        List<Timed> fullRuns = new ArrayList<>();
        List<Timed> nothing = new ArrayList<>();
        List<Timed> leads = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            fullRuns.add(command("bin/pipeline run", List.of("run", RunnerSettings.WAREHOUSE.flag(), full.toString(),
                    RunnerSettings.INPUT.flag(), export.toString()), List.of()));
            nothing.add(command("cycle, nothing new", List.of("cycle", RunnerSettings.WAREHOUSE.flag(), warehouse.toString()),
                    List.of()));
            Path leadFile = leads(lines, deliveries.resolve("leads-" + (i + 1) + ".csv"), i);
            command("deliver", List.of("deliver", RunnerSettings.DELIVERY_KIND.flag(), "leads", RunnerSettings.WAREHOUSE.flag(),
                    warehouse.toString(), leadFile.toString()), List.of());
            leads.add(command("cycle, 1,000 leads", List.of("cycle", RunnerSettings.WAREHOUSE.flag(), warehouse.toString()),
                    List.of()));
        }
        // A candidate waits for approval: the retraining on the same deliveries passes the gate, and no one approves it.
        command("cycle, candidate (not timed)", List.of("cycle", RunnerSettings.WAREHOUSE.flag(), warehouse.toString(),
                RunSettings.RETRAIN.flag(), "true", TrainingSettings.APPROVAL.flag(), TrainingSettings.MANUAL), List.of());
        List<Timed> shadow = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            Path leadFile = leads(lines, deliveries.resolve("leads-" + (repeat + i + 1) + ".csv"), repeat + i);
            command("deliver", List.of("deliver", RunnerSettings.DELIVERY_KIND.flag(), "leads", RunnerSettings.WAREHOUSE.flag(),
                    warehouse.toString(), leadFile.toString()), List.of());
            shadow.add(command("cycle, 1,000 leads, shadow", List.of("cycle", RunnerSettings.WAREHOUSE.flag(),
                    warehouse.toString(), TrainingSettings.APPROVAL.flag(), TrainingSettings.MANUAL), List.of()));
        }
        return new Result(setup, fullRuns, nothing, leads, median(fullRuns), median(nothing), median(leads), shadow,
                median(shadow));
    }

    /** The median time of a step over runs (NaN when none printed it). */
    static double medianStep(List<Timed> runs, String step) {
        double[] s = runs.stream().filter(t -> t.steps().containsKey(step)).mapToDouble(t -> t.steps().get(step))
                .sorted().toArray();
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }

    private Timed command(String name, List<String> args, List<String> more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(more);
        StringBuilder printed = new StringBuilder();
        CleaningBenchmark.Run r = CleaningBenchmark.measure(name,
                CleaningBenchmark.javaCommand(LocalRunner.class.getName(), all), printed::append);
        Map<String, Double> steps = new LinkedHashMap<>();
        Matcher m = STEP.matcher(printed);
        while (m.find()) {
            steps.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        String summary = printed.toString().lines().filter(l -> l.startsWith("[5/6] train") && l.endsWith(" s)"))
                .findFirst().orElse("");
        return new Timed(r, steps, summary);
    }

    private static double median(List<Timed> runs) {
        double[] s = runs.stream().mapToDouble(t -> t.run().seconds()).sorted().toArray();
        return s[s.length / 2];
    }

    private static List<String> read(Path export) {
        try {
            return Files.readAllLines(RunnerPaths.inputFiles(export).get(0), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + export, e);
        }
    }

    /** The export cut into twelve outcome deliveries, one per calendar month. */
    private static List<Path> monthly(List<String> lines, Path folder) {
        int month = List.of(lines.get(0).split(",")).indexOf(BankSchema.MONTH);
        Map<String, List<String>> byMonth = new LinkedHashMap<>();
        BankSchema.MONTHS.forEach(m -> byMonth.put(m, new ArrayList<>(List.of(lines.get(0)))));
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            List<String> into = byMonth.get(f[month].strip().toLowerCase(Locale.ROOT));
            if (into != null) {
                into.add(l);
            }
        }
        List<Path> out = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (Map.Entry<String, List<String>> e : byMonth.entrySet()) {
                out.add(Files.write(folder.resolve("outcomes-" + e.getKey() + ".csv"), e.getValue(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.size() != DELIVERIES) {
            throw new IllegalStateException("expected " + DELIVERIES + " monthly deliveries, cut " + out.size());
        }
        return out;
    }

    /** {@value #LEAD_ROWS} rows of the export, different ones for each repeat, without their label. */
    private static Path leads(List<String> lines, Path file, int repeat) {
        int label = List.of(lines.get(0).split(",")).indexOf(BankSchema.DEPOSIT);
        List<String> out = new ArrayList<>();
        out.add(without(lines.get(0), label));
        int from = 1 + (repeat * LEAD_ROWS) % Math.max(1, lines.size() - 1 - LEAD_ROWS);
        for (String l : lines.subList(from, from + LEAD_ROWS)) {
            out.add(without(l, label));
        }
        try {
            return Files.write(file, out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String without(String line, int column) {
        List<String> f = new ArrayList<>(List.of(line.split(",", -1)));
        f.remove(column);
        return String.join(",", f);
    }

    /**
     * The table, and the cost on Glue on paper: each job run is billed per second with a 1-minute
     * minimum at its workers' DPUs; each crawl with a 10-minute minimum.
     */
    static String table(Result r, int dpuPerJob) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Cycles on a warehouse of %d monthly deliveries, medians of %d alternated runs "
                + "(each a cold JVM):%n", DELIVERIES, r.full().size()));
        b.append(String.format(Locale.ROOT, "  %-24s %9s %9s %9s   %s%n", "command", "wall s", "CPU s", "vs run",
                "steps (s, from its output)"));
        line(b, "bin/pipeline run", r.full(), r.fullSeconds(), r.fullSeconds());
        line(b, "cycle, nothing new", r.nothingNew(), r.nothingNewSeconds(), r.fullSeconds());
        line(b, "cycle, 1,000 leads", r.leads(), r.leadsSeconds(), r.fullSeconds());
        line(b, "same, shadow challenger", r.shadow(), r.shadowSeconds(), r.fullSeconds());
        b.append(String.format(Locale.ROOT, "  (setup: the first cycle over the %d deliveries, %.1f s: %s)%n", DELIVERIES,
                r.setup().run().seconds(), r.setup().summary().replaceAll("\\s+", " ")));
        b.append(String.format(Locale.ROOT, "  ratios: nothing new %.2f, 1,000 leads %.2f of a full run (targets 0.25 and 0.40)%n",
                r.nothingNewRatio(), r.leadsRatio()));
        b.append(String.format(Locale.ROOT, "  the score step with a challenger in the shadow: %.1f s against %.1f s without, "
                + "%.2fx (target at most 1.6x)%n", medianStep(r.shadow(), "score"), medianStep(r.leads(), "score"),
                r.shadowScoreRatio()));
        b.append(String.format(Locale.ROOT, "  On Glue, on paper (%d DPU per job, 1-minute minimum per job run): a full run "
                        + "%.0f DPU-s, a cycle with nothing new %.0f, with 1,000 leads %.0f, plus two crawls at their "
                        + "10-minute minimum each time%n", dpuPerJob, glueJobSeconds(r.full().get(0), dpuPerJob),
                glueJobSeconds(r.nothingNew().get(0), dpuPerJob), glueJobSeconds(r.leads().get(0), dpuPerJob)));
        return b.toString();
    }

    private static void line(StringBuilder b, String name, List<Timed> runs, double median, double full) {
        Timed t = runs.stream().filter(x -> x.run().seconds() == median).findFirst().orElse(runs.get(0));
        b.append(String.format(Locale.ROOT, "  %-24s %9.1f %9.1f %9.2f   %s%n", name, median, t.run().cpuSeconds(),
                median / full, t.steps()));
    }

    /** DPU-seconds of a cycle's four jobs on Glue: each step's time, at least the 1-minute minimum. */
    static double glueJobSeconds(Timed t, int dpu) {
        return t.steps().entrySet().stream().filter(e -> !e.getKey().startsWith("crawl"))
                .mapToDouble(e -> Math.max(60, e.getValue()) * dpu).sum();
    }

    static Object json(Result r) {
        return Json.MAPPER.convertValue(r, Map.class);
    }
}
