package dev.bankml.local;

import static org.apache.spark.sql.functions.col;

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
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.Json;
import dev.bankml.training.TrainingConfig;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.data.TrainingColumns;

/**
 * What the benchmark's train stage is measured against: where its own seconds went (the stages and Spark
 * jobs of its run report, so the stage can be set against its own tune-and-fit time) and LightGBM fitted
 * on exactly the same training rows and feature columns ({@code bench/peer_models.py --only lightgbm} in the environment
 * {@code bench/peer_env.sh} makes), in a process of its own after the train stage.
 */
final class TrainingYardstick {
    /** The stage of the training job that tunes, fits and evaluates the models. */
    static final String TUNE_AND_FIT = "tune, fit and evaluate";

    private TrainingYardstick() {
    }

    /** A training run's stages from its run report: seconds and Spark jobs, in the order they ran. */
    record Stages(Map<String, Double> seconds, Map<String, Double> cpuSeconds, Map<String, Integer> sparkJobs) {
        static Stages of(Path runReport) {
            try {
                JsonNode report = Json.read(Files.readString(runReport));
                Map<String, Double> seconds = new LinkedHashMap<>();
                report.get("stage_seconds").fields().forEachRemaining(e -> seconds.put(e.getKey(), e.getValue().asDouble()));
                Map<String, Double> cpu = new LinkedHashMap<>();
                report.path("stage_cpu_seconds").fields().forEachRemaining(e -> cpu.put(e.getKey(), e.getValue().asDouble()));
                Map<String, Integer> jobs = new LinkedHashMap<>();
                report.path("stage_spark_jobs").fields().forEachRemaining(e -> jobs.put(e.getKey(), e.getValue().asInt()));
                return new Stages(seconds, cpu, jobs);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the training run report " + runReport, e);
            }
        }

        double tuneAndFit() {
            return seconds.getOrDefault(TUNE_AND_FIT, Double.NaN);
        }

        String table() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "    %-34s %10s %10s %10s%n", "stage", "wall s", "CPU s", "Spark jobs"));
            seconds.forEach((stage, s) -> b.append(String.format(Locale.ROOT, "    %-34s %10.1f %10.1f %10d%n", stage, s,
                    cpuSeconds.getOrDefault(stage, Double.NaN), sparkJobs.getOrDefault(stage, 0))));
            return b.toString();
        }
    }

    /** LightGBM's fit on the training rows, as the peer script measured it. */
    record PeerFit(String model, long trainRows, double fitSeconds, double aucRoc) {
    }

    /**
     * Writes the run's split rows (the job's own {@link TrainingJob#splitRows}) as Parquet and fits LightGBM
     * on the training rows; empty, with the reason printed, when the peer environment cannot be made.
     */
    static Optional<PeerFit> lightGbm(SparkSession spark, TrainingConfig config, Path work, Path projectRoot) {
        Path split = work.resolve("peers/split.parquet");
        List<Column> columns = new ArrayList<>(List.of(col(TrainingColumns.IS_TEST), col(TrainingColumns.LABEL)));
        // The columns the job's models read, no more: a pre-call run's peer gets no after-call column either.
        config.features().inputColumns().forEach(c -> columns.add(col(c)));
        TrainingJob.splitRows(spark, config).select(columns.toArray(Column[]::new)).write().mode(SaveMode.Overwrite)
                .parquet(split.toString());
        Path json = work.resolve("peers/lightgbm.json");
        try {
            String python = run(List.of(projectRoot.resolve("bench/peer_env.sh").toString())).strip();
            System.out.print(run(List.of(python, projectRoot.resolve("bench/peer_models.py").toString(), split.toString(),
                    "--only", "lightgbm", "--json", json.toString())));
            JsonNode r = Json.read(Files.readString(json));
            if (r.get("results").isEmpty()) {
                System.err.println("LightGBM is not installed for " + python + ": no yardstick (see bench/peer_env.sh)");
                return Optional.empty();
            }
            JsonNode fit = r.get("results").get(0);
            return Optional.of(new PeerFit(fit.get("model").asText(), r.get("train_rows").asLong(),
                    fit.get("fit_seconds").asDouble(), fit.get("auc_roc").asDouble()));
        } catch (IOException | RuntimeException e) {
            System.err.println("No LightGBM yardstick: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Runs a command, its stderr on ours; returns its stdout, or throws when it fails. */
    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return out;
    }
}
