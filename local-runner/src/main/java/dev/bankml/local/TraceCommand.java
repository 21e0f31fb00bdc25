package dev.bankml.local;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Storage;
import dev.bankml.training.data.PredictionColumns;
import dev.bankml.training.history.MonitoringHistory;
import dev.bankml.training.history.MonitoringRecord;
import dev.bankml.training.versions.ModelStatus;
import dev.bankml.training.versions.ModelVersion;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.settings.DeploymentSettings;

/**
 * {@code bin/pipeline trace RECORD_ID}: which model chose this customer, trained on what, approved by whom.
 * Every scoring of the record in the scored leads (its delivery, rank, contact flag), the version that scored
 * it (the row's {@code model_run_id}), the deliveries that version learnt from, and the approval in force when
 * the delivery was scored (the monitoring history's scoring record says when).
 */
final class TraceCommand {
    private TraceCommand() {
    }

    /** One scoring of the record: a row of the scored leads. */
    record Scoring(String batchId, String model, String modelRunId, String scoringRunId, long rank, boolean contact,
                   Double probability) {
    }

    static int run(Command.Console console, Invocation in) {
        GlueArgs given = in.options();
        String recordId = ModelCommands.onlyOperand("trace", in.operands(), "RECORD_ID (a customer's record_id "
                + "in the scored leads)");
        StorageLayout layout = StorageLayout.underOneRoot(RunnerPaths.warehouse(given).toString());
        String label = given.get(DeploymentSettings.LABEL);
        Path scored = Path.of(layout.scoredPredictions());
        if (!Files.isDirectory(scored)) {
            console.out().println("No lead delivery scored yet in " + scored + ": nothing to trace.");
            return 1;
        }
        SparkSession spark = LocalSession.create(RunnerPaths.catalog(given));
        List<Scoring> scorings = read(spark, scored.toString(), label, recordId);
        Storage storage = new Storage(spark.sparkContext().hadoopConfiguration());
        ModelVersions versions = new ModelVersions(storage, layout.models());
        List<MonitoringRecord> history = new MonitoringHistory(storage, layout.monitoring(), label).records();
        for (String line : describe(recordId, label, scorings, versions::find, history)) {
            console.out().println(line);
        }
        return scorings.isEmpty() ? 1 : 0;
    }

    private static List<Scoring> read(SparkSession spark, String scored, String label, String recordId) {
        List<Scoring> out = new ArrayList<>();
        for (Row r : spark.read().parquet(scored)
                .filter(col(PredictionColumns.LABEL_PARTITION).cast(DataTypes.StringType).equalTo(label)
                        .and(col(BankSchema.RECORD_ID).equalTo(recordId)))
                .select(col(BankSchema.BATCH_ID).cast(DataTypes.StringType), col(PredictionColumns.MODEL),
                        col(PredictionColumns.MODEL_RUN_ID), col(PredictionColumns.SCORING_RUN_ID),
                        col(PredictionColumns.RANK), col(PredictionColumns.CONTACT), col(PredictionColumns.PROBABILITY_YES))
                .orderBy(col(BankSchema.BATCH_ID)).collectAsList()) {
            out.add(new Scoring(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4),
                    r.getBoolean(5), r.isNullAt(6) ? null : r.getDouble(6)));
        }
        return out;
    }

    /** Looks a version up by label and run. */
    @FunctionalInterface
    interface VersionLookup {
        Optional<ModelVersion> find(String label, String runId);
    }

    /** The trace, a line each (pure). */
    static List<String> describe(String recordId, String label, List<Scoring> scorings, VersionLookup versions,
                                 List<MonitoringRecord> history) {
        List<String> out = new ArrayList<>();
        if (scorings.isEmpty()) {
            out.add("Record " + recordId + " was never scored for label '" + label + "' (bin/pipeline sql can search "
                    + "scored_leads for a record).");
            return out;
        }
        out.add("Record " + recordId + ", label " + label + ": scored in " + scorings.size() + " lead deliver"
                + (scorings.size() == 1 ? "y" : "ies"));
        for (Scoring s : scorings) {
            Optional<String> at = history.stream().filter(r -> MonitoringRecord.SCORING.equals(r.record())
                    && s.batchId().equals(r.batchId()) && s.scoringRunId().equals(r.runId())).map(MonitoringRecord::at)
                    .findFirst();
            out.add(String.format(Locale.ROOT, "  delivery %s, scoring run %s%s: rank %,d, %s, P(yes) %s", s.batchId(),
                    s.scoringRunId(), at.map(t -> " at " + MonitoringLog.shortTime(t)).orElse(""), s.rank(),
                    s.contact() ? "on the contact list" : "not called",
                    s.probability() == null ? "-" : String.format(Locale.ROOT, "%.4f", s.probability())));
            Optional<ModelVersion> v = versions.find(label, s.modelRunId());
            if (v.isEmpty()) {
                out.add("    model " + s.model() + " of run " + s.modelRunId() + ": no version record (saved before "
                        + "versions were recorded)");
                continue;
            }
            out.addAll(version(v.get(), at));
        }
        return out;
    }

    private static List<String> version(ModelVersion v, Optional<String> scoredAt) {
        List<String> out = new ArrayList<>();
        out.add("    model " + v.model() + ", version " + v.runId() + " (now " + v.status().id() + "), "
                + VersionTable.features(v));
        ModelVersion.Training t = v.training();
        out.add(String.format(Locale.ROOT, "    trained %s on %,d rows of %s, from %s", MonitoringLog.shortTime(t.at()),
                t.rows(), t.source(), t.deliveries().isEmpty() ? "no ledger delivery"
                        : String.join(", ", t.deliveries().stream().map(d -> d.batchId() + " (" + d.sourceFile() + ", "
                                + String.format(Locale.ROOT, "%,d", d.rows()) + " rows)").toList())));
        Optional<ModelVersion.Event> approval = scoredAt.flatMap(v::approvalAt).or(() -> v.last(ModelStatus.APPROVED));
        out.add(approval.map(e -> "    approved by " + e.who() + " at " + MonitoringLog.shortTime(e.at()) + ": "
                + e.reason()).orElse("    never approved"));
        return out;
    }
}
