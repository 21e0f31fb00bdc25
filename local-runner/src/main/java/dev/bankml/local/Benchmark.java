package dev.bankml.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;
import dev.bankml.training.TrainingConfig;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.inference.InferenceJob;
import dev.bankml.training.inference.InferenceReport;
import dev.bankml.training.report.TrainingOutcome;
import dev.bankml.workflow.settings.CampaignSettings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * {@code bin/pipeline bench --rows N}: a seeded synthetic export of N rows in one CSV file
 * ({@link SyntheticBank}), then each stage timed. The clean stage runs {@code bin/pipeline clean}
 * and its yardstick, the bare Spark conversion of the same file, in alternated pairs of child
 * processes ({@link CleaningBenchmark}); train and score run in this JVM on the cleaned table, with
 * their peak heap sampled. Results go to {@code bench-work/results-<N>.json}.
 */
final class Benchmark {
    private final PrintStream out;

    Benchmark(PrintStream out) {
        this.out = out;
    }

    /** One measured stage. */
    record StageResult(String stage, long rows, double seconds, double rowsPerSecond, long peakHeapMb) {
    }

    int run(GlueArgs args) {
        long rows = args.get(RunnerSettings.BENCH_ROWS);
        long seed = args.get(TrainingSettings.SEED);
        int repeat = Math.toIntExact(args.get(RunnerSettings.BENCH_REPEAT));
        List<String> stages = args.get(RunnerSettings.BENCH_STAGES).isEmpty() ? RunnerSettings.BENCH_STAGES.defaultValue().orElseThrow()
                : args.get(RunnerSettings.BENCH_STAGES);
        // The training job's own default (standard grids), so the benchmark times what a run does.
        String tuning = args.get(TrainingSettings.TUNING);
        Path work = args.find(RunnerSettings.BENCH_WORK).map(w -> Path.of(w).toAbsolutePath())
                .orElseGet(() -> RunnerPaths.projectRoot().resolve("bench-work")).resolve("rows-" + rows);

        if (stages.contains("cycle") && stages.size() > 1) {
            throw new JobConfigurationException(RunnerSettings.BENCH_STAGES.flag() + " cycle is timed alone "
                    + "(it runs bin/pipeline itself, on the sample or " + RunnerSettings.INPUT.flag() + "); give it without the "
                    + "other stages");
        }
        if (stages.equals(List.of("cycle"))) {
            return cycle(args, work.getParent().resolve("cycle"), repeat);
        }
        long g0 = System.nanoTime();
        Path csv = work.resolve("raw/bank.csv");
        SyntheticBank.generate(csv, rows, seed);
        long bytes = csv.toFile().length();
        out.printf(Locale.ROOT, "Generated %,d rows (seed %d, %.1f%% dirty), %,d MB, in %.1f s at %s%n", rows, seed,
                100 * SyntheticBank.DIRTY_SHARE, bytes >> 20, (System.nanoTime() - g0) / 1e9, csv);

        Map<String, Object> json = new LinkedHashMap<>();
        List<StageResult> results = new ArrayList<>();
        String cleaned = work.resolve("clean/cleaned").toString();
        if (stages.contains("clean")) {
            CleaningBenchmark.Result r = new CleaningBenchmark(work, repeat).run(csv);
            out.print(CleaningBenchmark.table(r, rows, bytes));
            json.put("clean", CleaningBenchmark.json(r));
            results.add(new StageResult("clean", rows, r.cleanMedian().seconds(), rows / r.cleanMedian().seconds(),
                    r.cleanMedian().peakRssMb()));
            cleaned = r.cleanedTarget();
        }
        String models = work.resolve("models").toString();
        if (stages.contains("train") || stages.contains("score")) {
            SparkSession spark = LocalSession.create(work.resolve("_catalog"));
            if (stages.contains("train")) {
                HeapSampler.reset();
                long t0 = System.nanoTime();
                TrainingConfig config = TrainingJob.JOB.configure(GlueArgs.of(Map.of(
                        WiringSettings.SOURCE_PATH.name(), cleaned, WiringSettings.MODEL_PATH.name(), models,
                        WiringSettings.METRICS_PATH.name(), work.resolve("metrics").toString(),
                        WiringSettings.PREDICTIONS_PATH.name(), work.resolve("predictions").toString(),
                        TrainingSettings.TUNING.name(), tuning,
                        TrainingSettings.MODELS.name(), TrainingSettings.MODELS.format(args.get(TrainingSettings.MODELS)))));
                TrainingOutcome t = TrainingJob.run(spark, config);
                StageResult train = stage("train (" + tuning + ")", t.champion().trainRows() + t.champion().testRows(), t0);
                results.add(train);
                out.printf(Locale.ROOT, "  train: champion %s, test AUC-ROC %.4f%n", t.champion().model(),
                        t.champion().aucRoc());
                json.put("train", trainAgainstYardsticks(spark, config, work, train, t));
            }
            if (stages.contains("score")) {
                // The same rows scored three times, a campaign calling the top fifth: no reasons (the yardstick of
                // what the reasons cost), reasons for the contacted only, and for every row; after one untimed
                // scoring, so that none of the three pays for the JVM's warm-up.
                Map<String, Double> seconds = new LinkedHashMap<>();
                for (String reasonsFor : List.of("warm-up", CampaignSettings.REASONS_NONE,
                        CampaignSettings.REASONS_CONTACTED, CampaignSettings.REASONS_ALL)) {
                    HeapSampler.reset();
                    long t0 = System.nanoTime();
                    InferenceReport s = InferenceJob.run(spark, InferenceJob.JOB.configure(GlueArgs.of(Map.of(
                            WiringSettings.SOURCE_PATH.name(), cleaned, WiringSettings.MODEL_PATH.name(), models,
                            WiringSettings.OUTPUT_PATH.name(), work.resolve("scored-" + reasonsFor).toString(),
                            CampaignSettings.CONTACT_SHARE.name(), "0.2", CampaignSettings.REASONS_FOR.name(),
                            reasonsFor.equals("warm-up") ? CampaignSettings.REASONS_NONE : reasonsFor))));
                    if (reasonsFor.equals("warm-up")) {
                        continue;
                    }
                    StageResult r = stage("score (" + reasonsFor + ")", s.rowsRead(), t0);
                    results.add(r);
                    seconds.put(reasonsFor, r.seconds());
                }
                double none = seconds.get(CampaignSettings.REASONS_NONE);
                out.printf(Locale.ROOT, "  score: reasons for every row %.2fx, for the contacted fifth only %.2fx the time "
                        + "without reasons (target: at most 1.5x)%n", seconds.get(CampaignSettings.REASONS_ALL) / none,
                        seconds.get(CampaignSettings.REASONS_CONTACTED) / none);
                json.put("score_seconds_by_reasons_for", seconds);
            }
        }
        out.printf(Locale.ROOT, "%nBenchmark, %,d rows, %d cores, max heap %d MB, Java %s%n", rows,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "  %-16s %12s %10s %12s %14s%n", "stage", "rows", "seconds", "rows/s", "peak MB");
        for (StageResult r : results) {
            out.printf(Locale.ROOT, "  %-16s %,12d %10.1f %,12.0f %14d%n", r.stage(), r.rows(), r.seconds(),
                    r.rowsPerSecond(), r.peakHeapMb());
        }
        out.println("  (clean: median wall time and peak RSS of its own process; train, score: in this JVM, peak heap)");
        json.put("rows", rows);
        json.put("seed", seed);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        json.put("java", System.getProperty("java.version"));
        json.put("peak_rss_mb", peakRssMb());
        json.put("stages", results);
        try {
            Files.writeString(work.getParent().resolve("results-" + rows + ".json"), Json.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf(Locale.ROOT, "  results in %s%n", work.getParent().resolve("results-" + rows + ".json"));
        return 0;
    }

    /**
     * The train stage against its own tune-and-fit time (from its run report) and against LightGBM fitted on
     * the same training rows (in a process of its own, after the stage).
     */
    private Map<String, Object> trainAgainstYardsticks(SparkSession spark, TrainingConfig config, Path work,
                                                       StageResult train, TrainingOutcome t) {
        String report = Storage.join(t.runDir(), "run-report.json");
        TrainingYardstick.Stages stages = TrainingYardstick.Stages.of(report.startsWith("file:")
                ? Path.of(URI.create(report)) : Path.of(report));
        out.printf(Locale.ROOT, "  inside the training job (its run report):%n%s", stages.table());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("stage_seconds", stages.seconds());
        json.put("stage_cpu_seconds", stages.cpuSeconds());
        json.put("stage_spark_jobs", stages.sparkJobs());
        json.put("train_over_tune_and_fit", train.seconds() / stages.tuneAndFit());
        out.printf(Locale.ROOT, "  train stage %.1f s = %.2f x its own tune-and-fit (%.1f s)%n", train.seconds(),
                train.seconds() / stages.tuneAndFit(), stages.tuneAndFit());
        TrainingYardstick.lightGbm(spark, config, work, RunnerPaths.projectRoot()).ifPresent(p -> {
            out.printf(Locale.ROOT, "  train stage %.1f s = %.2f x %s's fit on the same %,d training rows (%.1f s; "
                    + "test AUC-ROC %.4f)%n", train.seconds(), train.seconds() / p.fitSeconds(), p.model(), p.trainRows(),
                    p.fitSeconds(), p.aucRoc());
            json.put("lightgbm", p);
            json.put("train_over_lightgbm_fit", train.seconds() / p.fitSeconds());
        });
        return json;
    }

    /** The monthly cycle against a full run, on the sample (or {@code --input}): {@link CycleBenchmark}. */
    private int cycle(GlueArgs args, Path work, int repeat) {
        Path input = args.find(RunnerSettings.INPUT).map(Path::of).orElseGet(RunnerPaths::sampleInput);
        out.printf(Locale.ROOT, "Timing the monthly cycle on %s (%d repeats; every command in a JVM of its own) ...%n",
                input, repeat);
        CycleBenchmark.Result r = new CycleBenchmark(work, repeat).run(input);
        out.print(CycleBenchmark.table(r, 2));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input", input.toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("java", System.getProperty("java.version"));
        json.put("cycle", CycleBenchmark.json(r));
        try {
            Files.writeString(work.getParent().resolve("results-cycle.json"), Json.write(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.printf(Locale.ROOT, "  results in %s%n", work.getParent().resolve("results-cycle.json"));
        return 0;
    }

    private static StageResult stage(String name, long rows, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return new StageResult(name, rows, s, rows / s, HeapSampler.peakMb());
    }

    /** The largest heap in use seen since the last reset, sampled every 50 ms by a daemon thread. */
    static final class HeapSampler {
        private static final AtomicLong PEAK = new AtomicLong();
        private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

        static {
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heap-sampler");
                t.setDaemon(true);
                return t;
            }).scheduleAtFixedRate(() -> PEAK.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max),
                    0, 50, TimeUnit.MILLISECONDS);
        }

        private HeapSampler() {
        }

        static void reset() {
            System.gc();
            PEAK.set(MEMORY.getHeapMemoryUsage().getUsed());
        }

        static long peakMb() {
            return PEAK.get() >> 20;
        }
    }

    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
