package dev.bankml.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.training.TrainingConfig;
import dev.bankml.training.TrainingJob;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * Writes the rows the training job trains and tests on as one CSV (record_id, split, label, the bank
 * columns), so peer libraries can be fitted on exactly the same training rows and scored on exactly
 * the same test rows: the split comes from {@link TrainingJob#splitRows}, the job's own definition
 * (seeded hash of record_id per class). Used by {@code bench/peer_models.sh}; pyarrow is not
 * available from Debian, hence CSV rather than Parquet.
 *
 * <p>Arguments: the training job's ({@code --source_path}, {@code --label}, {@code --seed},
 * {@code --test_fraction}) and {@code --output FILE}.
 */
public final class PeerData {
    private PeerData() {
    }

    public static void main(String[] argv) {
        GlueArgs args = GlueArgs.parse(argv);
        Path output = Path.of(args.find(RunnerSettings.PEER_OUTPUT).orElseThrow(() -> new JobConfigurationException(
                "missing " + RunnerSettings.PEER_OUTPUT.flag() + " (" + RunnerSettings.PEER_OUTPUT.help() + ")"))).toAbsolutePath();
        List<String> jobArgs = new ArrayList<>(List.of(argv));
        jobArgs.addAll(List.of(WiringSettings.MODEL_PATH.flag(), "unused", WiringSettings.METRICS_PATH.flag(), "unused",
                WiringSettings.PREDICTIONS_PATH.flag(), "unused"));
        TrainingConfig config = TrainingConfig.from(GlueArgs.parse(jobArgs.toArray(String[]::new)));
        SparkSession spark = LocalSession.create(RunnerPaths.projectRoot().resolve("bench-work/_catalog"));
        Dataset<Row> rows = TrainingJob.splitRows(spark, config).orderBy(BankSchema.RECORD_ID);
        List<String> columns = new ArrayList<>(List.of(BankSchema.RECORD_ID));
        BankSchema.columnNames().stream().filter(c -> !c.equals(config.label())).forEach(columns::add);
        long test = 0;
        long total = 0;
        try {
            Files.createDirectories(output.getParent());
            try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                w.write("record_id,split,label," + String.join(",", columns.subList(1, columns.size())) + "\n");
                for (Row r : rows.collectAsList()) {
                    boolean isTest = r.getBoolean(r.fieldIndex(TrainingColumns.IS_TEST));
                    StringBuilder line = new StringBuilder(r.<String>getAs(BankSchema.RECORD_ID))
                            .append(isTest ? ",test," : ",train,")
                            .append((int) r.getDouble(r.fieldIndex(TrainingColumns.LABEL)));
                    for (String c : columns.subList(1, columns.size())) {
                        Object v = r.get(r.fieldIndex(c));
                        line.append(',').append(v == null ? "" : v instanceof Boolean b ? (b ? "1" : "0") : v.toString());
                    }
                    w.write(line.append('\n').toString());
                    test += isTest ? 1 : 0;
                    total++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output, e);
        }
        System.out.printf(Locale.ROOT, "Wrote %,d rows (%,d train, %,d test; label %s, seed %d, test fraction %.2f) to %s%n",
                total, total - test, test, config.label(), config.seed(), config.testFraction(), output);
        spark.stop();
    }
}
