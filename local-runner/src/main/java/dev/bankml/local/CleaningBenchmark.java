package dev.bankml.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.bankml.jobs.Json;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The clean stage of {@code bin/pipeline bench}: the cleaning job as a user runs it
 * ({@code bin/pipeline clean}: the same java command, a cold JVM) against its yardstick, the bare engine doing the same I/O
 * ({@link BareConversion}: Spark reads the same CSV with a typed schema and writes Parquet, through
 * spark-submit's entry point with the same JVM options), alternated in pairs on the same file in the
 * same run. Each command's wall time, CPU time and peak resident memory come from its own process;
 * the figure that matters is the ratio of the medians.
 */
final class CleaningBenchmark {
    private final Path work;
    private final int repeat;

    /** One timed process. */
    record Run(String command, double seconds, double cpuSeconds, long peakRssMb) {
    }

    /** Medians of the repeated runs of both commands. */
    record Result(List<Run> clean, List<Run> bare, Run cleanMedian, Run bareMedian, double ratio, String cleanedTarget) {
    }

    CleaningBenchmark(Path work, int repeat) {
        this.work = work;
        this.repeat = repeat;
    }

    Result run(Path csv) {
        List<Run> clean = new ArrayList<>();
        List<Run> bare = new ArrayList<>();
        Path cleanOut = work.resolve("clean");
        for (int i = 0; i < repeat; i++) {
            deleteRecursively(work.resolve("bare"));
            bare.add(measure("bare Spark CSV -> Parquet", bareCommand(csv, work.resolve("bare"))));
            deleteRecursively(cleanOut);
            clean.add(measure("bin/pipeline clean", javaCommand(LocalRunner.class.getName(), List.of(
                    "clean", WiringSettings.SOURCE_PATH.flag(), csv.toString(),
                    WiringSettings.TARGET_PATH.flag(), cleanOut.resolve("cleaned").toString(),
                    WiringSettings.REJECTED_PATH.flag(), cleanOut.resolve("quarantine").toString(),
                    WiringSettings.REPORT_PATH.flag(), cleanOut.resolve("reports").toString(),
                    RunnerSettings.WAREHOUSE.flag(), work.resolve("warehouse").toString()))));
        }
        Run c = median(clean);
        Run b = median(bare);
        return new Result(clean, bare, c, b, c.seconds() / b.seconds(), cleanOut.resolve("cleaned").toString());
    }

    /** The yardstick: spark-submit's entry point running {@link BareConversion}, with the runner's JVM options. */
    private static List<String> bareCommand(Path csv, Path out) {
        return javaCommand("org.apache.spark.deploy.SparkSubmit", List.of(
                "--master", "local[" + Runtime.getRuntime().availableProcessors() + "]",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
                "--class", BareConversion.class.getName(), "spark-internal", csv.toString(), out.toString()));
    }

    /**
     * What {@code bin/pipeline} and {@code bin/spark-submit} run (less their build check): this JVM's
     * java, the Spark JVM options, the heap of {@code BANKML_JAVA_OPTS} (default 6 GB), this class path.
     */
    static List<String> javaCommand(String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmFlags());
        String heap = System.getenv().getOrDefault("BANKML_JAVA_OPTS", "-Xmx6g");
        cmd.addAll(Arrays.stream(heap.split("\\s+")).filter(s -> !s.isBlank()).toList());
        cmd.addAll(List.of("-Djava.awt.headless=true", "-Dbankml.project.root=" + RunnerPaths.projectRoot(),
                "-Dbankml.log.file=" + System.getProperty("bankml.log.file",
                        System.getProperty("java.io.tmpdir") + "/bankml/bankml.log"),
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        return cmd;
    }

    private static List<String> jvmFlags() {
        try (InputStream in = CleaningBenchmark.class.getResourceAsStream("/jvm-flags.txt")) {
            if (in == null) {
                throw new IllegalStateException("jvm-flags.txt is missing from the runner's class path");
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\s+"))
                    .filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion, sampling its peak RSS and CPU time every 50 ms. */
    static Run measure(String name, List<String> command) {
        return measure(name, command, output -> { });
    }

    /** The same, handing what the command printed to {@code output}. */
    static Run measure(String name, List<String> command, Consumer<String> output) {
        Path log = null;
        try {
            log = Files.createTempFile("bench-", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            long t0 = System.nanoTime();
            Process p = pb.start();
            long peakKb = 0;
            Duration cpu = Duration.ZERO;
            while (p.isAlive()) {
                peakKb = Math.max(peakKb, highWaterKb(p.pid()));
                cpu = p.toHandle().info().totalCpuDuration().orElse(cpu);
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (p.exitValue() != 0) {
                throw new IllegalStateException(name + " failed (exit " + p.exitValue() + "); its output:\n"
                        + tail(Files.readString(log), 40));
            }
            output.accept(Files.readString(log));
            return new Run(name, seconds, cpu.toMillis() / 1000.0, peakKb >> 10);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static long highWaterKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0; // the process has just ended, or this is not Linux
        }
        return 0;
    }

    static Run median(List<Run> runs) {
        double[] s = runs.stream().mapToDouble(Run::seconds).sorted().toArray();
        double[] c = runs.stream().mapToDouble(Run::cpuSeconds).sorted().toArray();
        long[] r = runs.stream().mapToLong(Run::peakRssMb).sorted().toArray();
        int m = runs.size() / 2;
        return new Run(runs.get(0).command(), s[m], c[m], r[m]);
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    static void deleteRecursively(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String table(Result r, long rows, long bytes) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Cleaning %,d rows (%,d MB, one file), median of %d alternated pairs:%n",
                rows, bytes >> 20, r.clean().size()));
        out.append(String.format(Locale.ROOT, "  %-28s %9s %9s %14s%n", "command", "wall s", "CPU s", "peak RSS MB"));
        for (Run m : List.of(r.cleanMedian(), r.bareMedian())) {
            out.append(String.format(Locale.ROOT, "  %-28s %9.1f %9.1f %14d%n", m.command(), m.seconds(),
                    m.cpuSeconds(), m.peakRssMb()));
        }
        out.append(String.format(Locale.ROOT, "  ratio clean / bare: %.2f  (each run: clean %s, bare %s)%n", r.ratio(),
                r.clean().stream().map(x -> String.format(Locale.ROOT, "%.1f", x.seconds())).toList(),
                r.bare().stream().map(x -> String.format(Locale.ROOT, "%.1f", x.seconds())).toList()));
        return out.toString();
    }

    static Object json(Result r) {
        return Json.MAPPER.convertValue(r, Map.class);
    }
}
