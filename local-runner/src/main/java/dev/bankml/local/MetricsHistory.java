package dev.bankml.local;

import static org.apache.spark.sql.functions.col;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.Storage;
import dev.bankml.training.data.PredictionColumns;

/** {@code bin/pipeline history}: the metrics history of a warehouse as a table of runs x models. */
final class MetricsHistory {
    private MetricsHistory() {
    }

    /** @param metric one of the choices of {@code RunnerSettings.HISTORY_METRIC} (checked with the command's options) */
    static int print(PrintStream out, SparkSession spark, String metricsRoot, String label, String metric) {
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        String history = Storage.join(storage.resolve(metricsRoot), "history");
        if (!storage.exists(history)) {
            out.println("No training run yet under " + metricsRoot + " (run bin/pipeline run first).");
            return 0;
        }
        Dataset<Row> rows = spark.read().parquet(history).filter(col("label").equalTo(label))
                .select(PredictionColumns.RUN_ID, PredictionColumns.MODEL, metric, "is_champion", "promoted", "created_at").orderBy("created_at", "model");
        List<Row> all = rows.collectAsList();
        if (all.isEmpty()) {
            out.println("No training run for label '" + label + "' under " + metricsRoot + ".");
            return 0;
        }
        List<String> models = all.stream().map(r -> r.getString(1)).distinct().sorted().toList();
        Map<String, Map<String, Row>> byRun = new TreeMap<>();
        Map<String, String> runCreated = new TreeMap<>();
        for (Row r : all) {
            byRun.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r);
            runCreated.merge(r.getString(0), r.getString(5), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        out.printf(Locale.ROOT, "%s by run and model, label %s (* champion of the run, + promoted)%n", metric, label);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-22s", "run"));
        for (String m : models) {
            head.append(String.format(Locale.ROOT, " %13s", shortName(m)));
        }
        out.println(head);
        runCreated.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s", e.getKey()));
            for (String m : models) {
                Row r = byRun.get(e.getKey()).get(m);
                if (r == null) {
                    line.append(String.format(Locale.ROOT, " %13s", "-"));
                } else {
                    String mark = (r.getBoolean(3) ? "*" : "") + (r.getBoolean(4) ? "+" : "");
                    line.append(String.format(Locale.ROOT, " %11.4f%-2s", r.getDouble(2), mark));
                }
            }
            out.println(line);
        });
        return 0;
    }

    private static String shortName(String model) {
        return switch (model) {
            case "logistic_regression" -> "logistic_reg";
            case "gradient_boosted_trees" -> "gbt";
            default -> model.length() > 13 ? model.substring(0, 13) : model;
        };
    }
}
