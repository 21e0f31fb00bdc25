package dev.bankml.local;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningJob;
import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Json;
import dev.bankml.training.InferenceJob;
import dev.bankml.training.InferenceReport;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.TrainingOutcome;
import dev.bankml.workflow.Arg;

/**
 * {@code bin/pipeline bench --rows N}: a seeded synthetic data set of N rows shaped like the sample
 * (sample rows drawn with replacement, numbers jittered, 0.5% dirty lines), then each stage timed
 * with its throughput and peak JVM heap (sampled). Results go to {@code bench-work/results-<N>.json}.
 */
final class Benchmark {
    static final double DIRTY_SHARE = 0.005;
    private final PrintStream out;

    Benchmark(PrintStream out) {
        this.out = out;
    }

    /** One measured stage. */
    record StageResult(String stage, long rows, double seconds, double rowsPerSecond, long peakHeapMb) {
    }

    int run(GlueArgs args) {
        long rows = args.longValue("rows", 100_000);
        if (rows < 1_000) {
            throw new dev.bankml.jobs.JobConfigurationException("--rows must be at least 1000");
        }
        long seed = args.longValue(Arg.SEED, 42);
        List<String> stages = args.list("stages").isEmpty() ? List.of("clean", "train", "score") : args.list("stages");
        // The training job's own default (standard grids), so the benchmark times what a run does.
        String tuning = args.string(Arg.TUNING, dev.bankml.workflow.PipelineSettings.DEFAULT_TUNING);
        Path work = args.optional("work").map(w -> Path.of(w).toAbsolutePath())
                .orElseGet(() -> Pipeline.projectRoot().resolve("bench-work")).resolve("rows-" + rows);
        SparkSession spark = LocalSession.create(work.resolve("_catalog"));

        long g0 = System.nanoTime();
        Path raw = work.resolve("raw");
        generate(spark, rows, seed, raw);
        out.printf(Locale.ROOT, "Generated %,d rows (seed %d, %.1f%% dirty) in %.1f s at %s%n", rows, seed,
                100 * DIRTY_SHARE, (System.nanoTime() - g0) / 1e9, raw);

        List<StageResult> results = new ArrayList<>();
        String cleaned = work.resolve("cleaned").toString();
        String models = work.resolve("models").toString();
        if (stages.contains("clean")) {
            HeapSampler.reset();
            long t0 = System.nanoTime();
            CleaningReport r = CleaningJob.execute(spark, GlueArgs.of(Map.of(Arg.SOURCE_PATH, raw.toString(),
                    Arg.TARGET_PATH, cleaned, Arg.REJECTED_PATH, work.resolve("quarantine").toString(),
                    Arg.MAX_REJECTED_FRACTION, "0.05")));
            results.add(stage("clean", r.rowsRead(), t0));
            out.printf(Locale.ROOT, "  clean: %,d rows read, %,d cleaned, %,d quarantined%n", r.rowsRead(),
                    r.rowsWritten(), r.rowsRejected());
        }
        if (stages.contains("train")) {
            HeapSampler.reset();
            long t0 = System.nanoTime();
            TrainingOutcome t = TrainingJob.execute(spark, GlueArgs.of(Map.of(Arg.SOURCE_PATH, cleaned,
                    Arg.MODEL_PATH, models, Arg.METRICS_PATH, work.resolve("metrics").toString(),
                    Arg.PREDICTIONS_PATH, work.resolve("predictions").toString(), Arg.TUNING, tuning,
                    Arg.MODELS, args.string(Arg.MODELS, ""))));
            results.add(stage("train (" + tuning + ")", t.champion().trainRows() + t.champion().testRows(), t0));
            out.printf(Locale.ROOT, "  train: champion %s, test AUC-ROC %.4f%n", t.champion().model(), t.champion().aucRoc());
        }
        if (stages.contains("score")) {
            HeapSampler.reset();
            long t0 = System.nanoTime();
            InferenceReport s = InferenceJob.execute(spark, GlueArgs.of(Map.of(Arg.SOURCE_PATH, cleaned,
                    Arg.MODEL_PATH, models, Arg.OUTPUT_PATH, work.resolve("scored").toString())));
            results.add(stage("score", s.rowsRead(), t0));
        }
        out.printf(Locale.ROOT, "%nBenchmark, %,d rows, %d cores, max heap %d MB, Java %s%n", rows,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        out.printf(Locale.ROOT, "  %-16s %12s %10s %12s %14s%n", "stage", "rows", "seconds", "rows/s", "peak heap MB");
        for (StageResult r : results) {
            out.printf(Locale.ROOT, "  %-16s %,12d %10.1f %,12.0f %14d%n", r.stage(), r.rows(), r.seconds(),
                    r.rowsPerSecond(), r.peakHeapMb());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", rows);
        json.put("seed", seed);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        json.put("java", System.getProperty("java.version"));
        json.put("peak_rss_mb", peakRssMb());
        json.put("stages", results);
        try {
            Files.writeString(work.getParent().resolve("results-" + rows + ".json"), Json.write(json));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.printf(Locale.ROOT, "  peak process RSS %d MB; results in %s%n", peakRssMb(),
                work.getParent().resolve("results-" + rows + ".json"));
        return 0;
    }

    private static StageResult stage(String name, long rows, long startNanos) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        return new StageResult(name, rows, s, rows / s, HeapSampler.peakMb());
    }

    /** Writes N CSV lines (a header at the top of every file) drawn from the sample with jitter. */
    static void generate(SparkSession spark, long rows, long seed, Path raw) {
        List<String> sample;
        try {
            sample = Files.readAllLines(Pipeline.sampleInput());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + Pipeline.DEFAULT_INPUT, e);
        }
        String header = sample.get(0);
        List<String> body = List.copyOf(sample.subList(1, sample.size()));
        int files = (int) Math.max(1, rows / 1_000_000);
        Dataset<Row> ids = spark.range(0, rows, 1, files).toDF("id")
                .withColumn("pick", pmod(xxhash64(col("id"), org.apache.spark.sql.functions.lit(seed)), org.apache.spark.sql.functions.lit(body.size())));
        ids.mapPartitions((MapPartitionsFunction<Row, String>) it -> new JitteredLines(header, body, seed, it),
                        Encoders.STRING())
                .write().mode(SaveMode.Overwrite).text(raw.toString());
    }

    /** The header, then one jittered (or, rarely, deliberately broken) sample line per id. */
    static final class JitteredLines implements Iterator<String> {
        private final String header;
        private final List<String> body;
        private final long seed;
        private final Iterator<Row> ids;
        private boolean headerDone;

        JitteredLines(String header, List<String> body, long seed, Iterator<Row> ids) {
            this.header = header;
            this.body = body;
            this.seed = seed;
            this.ids = ids;
        }

        @Override
        public boolean hasNext() {
            return !headerDone || ids.hasNext();
        }

        @Override
        public String next() {
            if (!headerDone) {
                headerDone = true;
                return header;
            }
            Row r = ids.next();
            long id = r.getLong(0);
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + id);
            String[] f = body.get((int) r.getLong(1)).split(",", -1);
            f[0] = Integer.toString(clamp(Integer.parseInt(f[0]) + rnd.nextInt(-2, 3), 18, 95));
            // Multiplicative and additive noise, so that even zero balances and short calls vary.
            f[5] = Long.toString(Math.round(Integer.parseInt(f[5]) * (1 + 0.1 * rnd.nextGaussian()) + rnd.nextInt(-50, 51)));
            f[11] = Long.toString(Math.max(0, Math.round(Integer.parseInt(f[11]) * (1 + 0.1 * rnd.nextGaussian())
                    + rnd.nextInt(-5, 6))));
            String line = String.join(",", f);
            if (rnd.nextDouble() < DIRTY_SHARE) {
                return switch (rnd.nextInt(4)) {
                    case 0 -> line.replaceFirst("^\\d+", "abc");
                    case 1 -> line.substring(0, line.lastIndexOf(','));
                    case 2 -> line.replace("," + f[10] + ",", ",xyz,");
                    default -> line + ",extra";
                };
            }
            return line;
        }

        private static int clamp(int v, int lo, int hi) {
            return Math.max(lo, Math.min(hi, v));
        }
    }

    /** The largest heap in use seen since the last reset, sampled every 50 ms by a daemon thread. */
    static final class HeapSampler {
        private static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();
        private static final java.lang.management.MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

        static {
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "heap-sampler");
                t.setDaemon(true);
                return t;
            }).scheduleAtFixedRate(() -> PEAK.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max),
                    0, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
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
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
