package dev.bankml.training.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

import dev.bankml.jobs.BankSchema;

/**
 * Pure transformations that prepare labelled rows: the explicit label mapping (yes = 1.0, no = 0.0,
 * never a frequency-ordered index), the deterministic stratified split, validation folds and
 * class weights.
 */
public final class LabeledData {
    private LabeledData() {
    }

    /** Rows with a known label, with the numeric {@code label} column added. */
    public static Dataset<Row> withLabel(Dataset<Row> rows, String labelColumn) {
        return rows.filter(col(labelColumn).isNotNull())
                .withColumn(TrainingColumns.LABEL, col(labelColumn).cast(DataTypes.DoubleType));
    }

    /**
     * Marks the test split: within each class, the {@code testFraction} of rows with the smallest
     * seeded hash of their {@code record_id}. Exactly stratified, and the same rows every run for
     * the same data and seed, however the data is partitioned.
     */
    public static Dataset<Row> markTestSplit(Dataset<Row> labeled, double testFraction, long seed) {
        Column u = xxhash64(col(BankSchema.RECORD_ID), lit(seed));
        Dataset<Row> ranked = labeled
                .withColumn("_u", u)
                .withColumn("_rank", row_number().over(Window.partitionBy(col(TrainingColumns.LABEL)).orderBy(col("_u"), col(BankSchema.RECORD_ID))))
                .withColumn("_n", count(lit(1)).over(Window.partitionBy(col(TrainingColumns.LABEL))));
        return ranked.withColumn(TrainingColumns.IS_TEST, col("_rank").leq(round(col("_n").multiply(testFraction), 0)))
                .drop("_u", "_rank", "_n");
    }

    /** How many of a class's {@code n} rows {@link #markTestSplit} puts in the test split: {@code n * fraction}, rounded half up. */
    public static int testRows(long n, double testFraction) {
        return BigDecimal.valueOf(n * testFraction).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /**
     * Assigns stratified validation folds {@code 0..k-1} to training rows (round robin over each
     * class in seeded hash order), so every fold has the class balance of the whole.
     */
    public static Dataset<Row> withFolds(Dataset<Row> train, int k, long seed) {
        Column u = xxhash64(col(BankSchema.RECORD_ID), lit(seed + 1));
        return train.withColumn(TrainingColumns.FOLD, row_number().over(Window.partitionBy(col(TrainingColumns.LABEL)).orderBy(u, col(BankSchema.RECORD_ID)))
                .mod(k).cast(DataTypes.IntegerType));
    }

    /**
     * Class weights that give both classes the same total weight when the minority class is under
     * 40% of the rows; 1.0 for everyone otherwise. Returns {@code [weightOfNo, weightOfYes]}.
     */
    public static double[] classWeights(long negatives, long positives) {
        long n = negatives + positives;
        if (n == 0 || negatives == 0 || positives == 0) {
            return new double[] {1.0, 1.0};
        }
        double minority = (double) Math.min(negatives, positives) / n;
        if (minority >= 0.4) {
            return new double[] {1.0, 1.0};
        }
        return new double[] {n / (2.0 * negatives), n / (2.0 * positives)};
    }

    public static Dataset<Row> withWeights(Dataset<Row> rows, double[] weights) {
        return rows.withColumn(TrainingColumns.WEIGHT, when(col(TrainingColumns.LABEL).equalTo(1.0), weights[1]).otherwise(weights[0]));
    }
}
