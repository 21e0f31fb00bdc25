package dev.bankml.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.bankml.workflow.quality.BankColumn;
import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.ColumnType;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.report.TrainingOutcome;

/**
 * Test inputs for the training module: the sample in the cleaned table's shape (typed columns,
 * record_id, batch_id), built with Spark's CSV reader so this module's tests do not depend on the
 * cleaning module (the end-to-end tests run the real chain).
 */
public final class TrainingFixtures {
    private static Path cleanedSample;

    private TrainingFixtures() {
    }

    public static SparkSession spark() {
        return TestSpark.session();
    }

    /** The sample as a cleaned Parquet table, written once per test JVM. */
    public static synchronized Path cleanedSample() {
        if (cleanedSample == null) {
            cleanedSample = TestSpark.workDir("cleaned-sample").resolve("bank");
            cleaned(spark()).write().mode(SaveMode.Overwrite).partitionBy(BankSchema.BATCH_ID)
                    .parquet(cleanedSample.toString());
        }
        return cleanedSample;
    }

    static Dataset<Row> cleaned(SparkSession spark) {
        StructType strings = new StructType();
        for (String c : BankSchema.columnNames()) {
            strings = strings.add(c, DataTypes.StringType);
        }
        Dataset<Row> raw = spark.read().option("header", true).schema(strings).csv(TestSpark.sampleCsv().toString());
        List<Column> typed = new ArrayList<>();
        for (BankColumn c : BankSchema.COLUMNS) {
            Column v = col(c.name());
            typed.add((c.type() == ColumnType.YES_NO ? v.equalTo("yes")
                    : c.type() == ColumnType.INTEGER ? v.cast(DataTypes.IntegerType) : v).alias(c.name()));
        }
        Dataset<Row> t = raw.select(typed.toArray(Column[]::new)).withColumn("_i", monotonically_increasing_id());
        List<Column> all = new ArrayList<>();
        for (String c : BankSchema.columnNames()) {
            all.add(col(c).cast(DataTypes.StringType));
        }
        all.add(col("_i").cast(DataTypes.StringType));
        return t.withColumn(BankSchema.RECORD_ID, substring(sha2(concat_ws("|", all.toArray(Column[]::new)), 256), 1, 32))
                .withColumn(BankSchema.BATCH_ID, lit("sample"))
                .drop("_i");
    }

    /** Output folders of one training run. */
    public record Outputs(Path root) {
        public String models() {
            return root.resolve("models").toString();
        }

        public String metrics() {
            return root.resolve("metrics").toString();
        }

        String predictions() {
            return root.resolve("predictions").toString();
        }

        List<String> args() {
            return List.of("--model_path", models(), "--metrics_path", metrics(), "--predictions_path", predictions());
        }
    }

    public static Outputs outputs(String name) {
        return new Outputs(TestSpark.workDir(name));
    }

    /** Trains on a cleaned table with the fast budget unless the arguments say otherwise. */
    public static TrainingOutcome train(Path source, Outputs out, String... extra) {
        List<String> argv = new ArrayList<>(List.of("--source_path", source.toString(), "--tuning", "fast"));
        argv.addAll(out.args());
        argv.addAll(List.of(extra));
        return TrainingJob.run(spark(), TrainingConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
    }
}
