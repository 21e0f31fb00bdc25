package dev.bankml.training.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import dev.bankml.jobs.FaultPoints;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;

/**
 * The monitoring history of a label: every record of every cycle, as JSON
 * ({@code <root>/<label>/records/<run_id>-<record>.json}, written by each step) and as Parquet
 * ({@code <root>/history/label=<l>/cycle_id=<c>/}, queryable with Athena or Spark, written once per
 * cycle by its last step), plus its HTML report ({@code <root>/<label>/report.html}). Each kind of
 * record is written by one job, so a job run's records replace those it wrote before (a re-run of the
 * same run id never duplicates them) and the jobs of one cycle, which may share a run id, never
 * overwrite each other's.
 */
public final class MonitoringHistory {
    /** The Parquet history's columns: the records' fields, snake_case. */
    static final StructType SCHEMA = StructType.fromDDL("record STRING, cycle_id STRING, run_id STRING, at STRING, "
            + "label STRING, kind STRING, batch_id STRING, source_file STRING, version STRING, champion_run_id STRING, "
            + "champion_model STRING, rows BIGINT, base_rate DOUBLE, auc_roc DOUBLE, auc_pr DOUBLE, precision DOUBLE, "
            + "recall DOUBLE, brier DOUBLE, threshold DOUBLE, champion_test_auc_roc DOUBLE, auc_drop DOUBLE, "
            + "auc_alarm BOOLEAN, psi MAP<STRING, DOUBLE>, max_psi DOUBLE, max_psi_of STRING, score_psi DOUBLE, "
            + "psi_alarm BOOLEAN, unseen MAP<STRING, MAP<STRING, BIGINT>>, decision STRING, reason STRING, "
            + "new_labelled_rows BIGINT, trained_on_rows BIGINT, trained_on ARRAY<STRING>, promoted BOOLEAN, "
            + "rows_scored BIGINT, rows_not_scorable BIGINT, predicted_yes BIGINT, deliveries_new BIGINT, "
            + "deliveries_changed BIGINT, deliveries_unchanged BIGINT, contact_share DOUBLE, captured_yes BIGINT, "
            + "challenger STRUCT<run_id: STRING, model: STRING, auc_roc: DOUBLE, auc_pr: DOUBLE, brier: DOUBLE, "
            + "captured_yes: BIGINT>, dpu_seconds DOUBLE");

    private final Storage storage;
    private final String root;
    private final String label;

    public MonitoringHistory(Storage storage, String root, String label) {
        this.storage = storage;
        this.root = storage.resolve(root);
        this.label = label;
    }

    public String recordsFolder() {
        return Storage.join(root, label + "/records");
    }

    public String reportFile() {
        return Storage.join(root, label + "/report.html");
    }

    /**
     * Writes one job run's records as JSON (replacing what that run wrote of those kinds before), each with
     * what the run has cost so far; a cycle record gets the cycle's total ({@link #cycleDpuSeconds}).
     */
    public void write(String runId, Optional<Double> runDpuSeconds, List<MonitoringRecord> records) {
        Double own = runDpuSeconds.orElse(null);
        List<MonitoringRecord> costed = records.stream().filter(r -> !MonitoringRecord.CYCLE.equals(r.record()))
                .map(r -> r.costing(own)).toList();
        List<MonitoringRecord> cycles = records.stream().filter(r -> MonitoringRecord.CYCLE.equals(r.record())).toList();
        List<MonitoringRecord> all = new ArrayList<>(costed);
        if (!cycles.isEmpty()) {
            Set<String> replaced = new HashSet<>();
            costed.forEach(r -> replaced.add(r.record()));
            List<MonitoringRecord> known = new ArrayList<>(records().stream()
                    .filter(r -> !(runId.equals(r.runId()) && replaced.contains(r.record()))).toList());
            known.addAll(costed);
            for (MonitoringRecord c : cycles) {
                // The writer's own cost is in {@code known} when it wrote other records; else it is added here.
                Double others = cycleDpuSeconds(known, c.cycleId());
                Double ownExtra = costed.isEmpty() ? own : null;
                all.add(c.costing(plus(others, ownExtra)));
            }
        }
        Map<String, List<MonitoringRecord>> byKind = new TreeMap<>();
        all.forEach(r -> byKind.computeIfAbsent(r.record(), k -> new ArrayList<>()).add(r));
        byKind.forEach((kind, rs) -> storage.writeString(Storage.join(recordsFolder(), runId + "-" + kind + ".json"),
                Json.write(rs)));
        FaultPoints.reached("monitoring.records");
    }

    /**
     * Writes the Parquet history of a cycle, and of any earlier cycle missing from it (one that stopped
     * before its last step): one Spark job per cycle, whatever its number of steps. Returns the cycles written
     * (the partitions {@code label=<l>/cycle_id=<c>} of {@link #historyFolder()}).
     */
    public Set<String> writeParquet(SparkSession spark, String cycleId, List<MonitoringRecord> all) {
        String history = historyFolder();
        Set<String> published = new HashSet<>();
        for (FileStatus f : storage.list(Storage.join(history, "label=" + label))) {
            published.add(f.getPath().getName().replaceFirst("^cycle_id=", ""));
        }
        List<MonitoringRecord> written = all.stream()
                .filter(r -> cycleId.equals(r.cycleId()) || !published.contains(r.cycleId())).toList();
        if (written.isEmpty()) {
            return Set.of();
        }
        List<String> lines = written.stream().map(Json::writeLine).toList();
        spark.read().schema(SCHEMA).json(spark.createDataset(lines, Encoders.STRING())).coalesce(1).write()
                .mode(SaveMode.Overwrite).option("partitionOverwriteMode", "dynamic")
                .partitionBy("label", "cycle_id").parquet(history);
        return new TreeSet<>(written.stream().map(MonitoringRecord::cycleId).toList());
    }

    /** The sum of two costs, either of which may be unknown (null); null when both are. */
    private static Double plus(Double a, Double b) {
        return a == null ? b : b == null ? a : Double.valueOf(a + b);
    }

    /** The Parquet history's root: {@code label=<l>/cycle_id=<c>/} folders under it. */
    public String historyFolder() {
        return Storage.join(root, "history");
    }

    /**
     * A cycle's DPU-seconds: for each job run that wrote records in it (a kind of record and a run id: the
     * evaluation, training and scoring runs), the largest figure of its records, summed; null when none is known.
     */
    static Double cycleDpuSeconds(List<MonitoringRecord> records, String cycleId) {
        Map<String, Double> perRun = new TreeMap<>();
        for (MonitoringRecord r : records) {
            if (cycleId.equals(r.cycleId()) && !MonitoringRecord.CYCLE.equals(r.record()) && r.dpuSeconds() != null) {
                perRun.merge(r.record() + "/" + r.runId(), r.dpuSeconds(), Math::max);
            }
        }
        return perRun.isEmpty() ? null : perRun.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Every record of the label, oldest first. */
    public List<MonitoringRecord> records() {
        List<MonitoringRecord> out = new ArrayList<>();
        for (FileStatus f : storage.list(recordsFolder())) {
            if (f.isFile() && f.getPath().getName().endsWith(".json")) {
                storage.readString(f.getPath().toString())
                        .ifPresent(json -> out.addAll(Json.readList(json, MonitoringRecord.class)));
            }
        }
        out.sort(Comparator.comparing(MonitoringRecord::at).thenComparing(MonitoringRecord::record));
        return out;
    }

    public void writeReport(String html) {
        storage.writeString(reportFile(), html);
    }
}
