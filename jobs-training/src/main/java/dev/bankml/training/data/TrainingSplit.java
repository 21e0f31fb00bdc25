package dev.bankml.training.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The labelled rows split into training and test rows, with the count of each class on each side.
 * The training rows carry their validation fold and class weight.
 *
 * <p>The split is {@link LabeledData#markTestSplit}'s and the folds {@link LabeledData#withFolds}'s (the
 * definitions), computed without their window functions: one Spark job brings every row's two seeded
 * hashes to the driver (two longs a row), which finds each class's test cut-off there and ranks the
 * training rows for their folds (a binary search in a broadcast sorted array). Two rows with the same
 * hash at a cut-off (never seen: xxhash64 of distinct ids) would need the record id to break the tie, so
 * then the window functions mark the rows instead.
 */
public final class TrainingSplit {
    /**
     * Fewer test rows of a class than this and a test AUC is too noisy to mean anything: with a
     * handful of rows even a perfect ranking (AUC 1.0) happens by chance, and the leakage guard
     * would then blame the features for what is only a lack of data.
     */
    static final int MIN_TEST_ROWS_PER_CLASS = 20;
    /**
     * Training rows per partition: small data stays in one partition, so each of the many small Spark jobs
     * of a fit is one task (concurrency comes from fitting several candidates at once); larger data gets
     * one partition per this many rows, up to one per core.
     */
    public static final long ROWS_PER_PARTITION = 250_000;

    private final Dataset<Row> labeled;
    private final long seed;
    private final double testFraction;
    private final Keys keys;
    private final long[] counts;
    private final double[] classWeights;
    private Dataset<Row> train;
    private Dataset<Row> test;
    private Broadcast<long[][]> foldKeys;
    private int folds;

    private TrainingSplit(Dataset<Row> labeled, long seed, double testFraction, Keys keys) {
        this.labeled = labeled;
        this.seed = seed;
        this.testFraction = testFraction;
        this.keys = keys;
        this.counts = keys.counts();
        this.classWeights = LabeledData.classWeights(counts[0], counts[1]);
    }

    /**
     * Labels and counts the rows, and finds the split (one Spark job).
     *
     * @throws JobFailedException when a class has too few rows to train and evaluate honestly
     */
    public static TrainingSplit of(Dataset<Row> source, String label, double testFraction, long seed) {
        Dataset<Row> labeled = LabeledData.withLabel(source, label);
        List<long[]> parts = labeled.select(col(TrainingColumns.LABEL), testHash(seed), foldHash(seed))
                .javaRDD().mapPartitions(TrainingSplit::hashesOfPartition).collect();
        Keys keys = Keys.of(parts, testFraction);
        requireEnoughRows(label, testFraction, keys.counts());
        return new TrainingSplit(labeled, seed, testFraction, keys);
    }

    /** The labelled rows with {@code label} (1.0 = yes) and {@code is_test}. */
    public Dataset<Row> marked() {
        if (keys.tied()) {
            return LabeledData.markTestSplit(labeled, testFraction, seed);
        }
        Column isTest = when(col(TrainingColumns.LABEL).equalTo(1.0), below(keys.cutOff(1)))
                .otherwise(below(keys.cutOff(0)));
        return labeled.withColumn(TrainingColumns.IS_TEST, isTest);
    }

    private Column below(Long cutOff) {
        return cutOff == null ? lit(false) : testHash(seed).leq(cutOff);
    }

    private static Column testHash(long seed) {
        return xxhash64(col(BankSchema.RECORD_ID), lit(seed));
    }

    private static Column foldHash(long seed) {
        return xxhash64(col(BankSchema.RECORD_ID), lit(seed + 1));
    }

    /** Per partition: [rows of no, rows of yes, then (test hash, fold hash) of each row of no, then of yes]. */
    private static Iterator<long[]> hashesOfPartition(Iterator<Row> rows) {
        long[][] byClass = {new long[64], new long[64]};
        int[] n = new int[2];
        while (rows.hasNext()) {
            Row r = rows.next();
            int c = r.getDouble(0) == 1.0 ? 1 : 0;
            if (2 * n[c] + 2 > byClass[c].length) {
                byClass[c] = Arrays.copyOf(byClass[c], byClass[c].length * 2);
            }
            byClass[c][2 * n[c]] = r.getLong(1);
            byClass[c][2 * n[c] + 1] = r.getLong(2);
            n[c]++;
        }
        long[] out = new long[2 + 2 * (n[0] + n[1])];
        out[0] = n[0];
        out[1] = n[1];
        System.arraycopy(byClass[0], 0, out, 2, 2 * n[0]);
        System.arraycopy(byClass[1], 0, out, 2 + 2 * n[0], 2 * n[1]);
        return List.of(out).iterator();
    }

    /**
     * Each class's hashes on the driver, with the counts [train no, train yes, test no, test yes]: its test cut-off (the largest test hash of the {@code round(n *
     * fraction)} smallest) and its training rows' fold hashes, sorted.
     */
    record Keys(long[] counts, Long[] cutOffs, long[][] trainFoldHashes, boolean tied) {
        static Keys of(List<long[]> parts, double testFraction) {
            long[][] test = new long[2][];
            long[][] fold = new long[2][];
            for (int c = 0; c < 2; c++) {
                int size = 0;
                for (long[] p : parts) {
                    size += (int) p[c];
                }
                test[c] = new long[size];
                fold[c] = new long[size];
                int i = 0;
                for (long[] p : parts) {
                    int offset = 2 + (c == 0 ? 0 : 2 * (int) p[0]);
                    for (int j = 0; j < p[c]; j++, i++) {
                        test[c][i] = p[offset + 2 * j];
                        fold[c][i] = p[offset + 2 * j + 1];
                    }
                }
            }
            long[] counts = new long[4];
            Long[] cutOffs = new Long[2];
            long[][] trainFold = new long[2][];
            boolean tied = false;
            for (int c = 0; c < 2; c++) {
                int n = test[c].length;
                int k = LabeledData.testRows(n, testFraction);
                long[] sorted = test[c].clone();
                Arrays.sort(sorted);
                tied |= k > 0 && k < n && sorted[k - 1] == sorted[k];
                cutOffs[c] = k == 0 ? null : sorted[k - 1];
                long[] t = new long[n - k];
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (k == 0 || test[c][i] > sorted[k - 1]) {
                        t[m++] = fold[c][i];
                    }
                }
                Arrays.sort(t, 0, m);
                for (int i = 1; i < m; i++) {
                    tied |= t[i] == t[i - 1];
                }
                trainFold[c] = Arrays.copyOf(t, m);
                counts[c] = n - k;
                counts[2 + c] = k;
            }
            return new Keys(counts, cutOffs, trainFold, tied);
        }

        Long cutOff(int c) {
            return cutOffs[c];
        }
    }

    /** Refuses data too small for an honest evaluation, saying how many rows of each class are needed. */
    static void requireEnoughRows(String label, double testFraction, long[] counts) {
        long yes = counts[1] + counts[3];
        long no = counts[0] + counts[2];
        long testYes = counts[3];
        long testNo = counts[2];
        if (testYes < MIN_TEST_ROWS_PER_CLASS || testNo < MIN_TEST_ROWS_PER_CLASS) {
            long needed = minimumRowsPerClass(testFraction);
            throw new JobFailedException(String.format(Locale.ROOT,
                    "too few rows to train and evaluate: label '%s' has %d yes and %d no rows (%d yes and %d no in the "
                            + "test split). At least %d rows of each class are needed (%d of each in a %.0f%% test "
                            + "split) for a test AUC that means something; nothing was trained. Add data, or raise "
                            + TrainingSettings.TEST_FRACTION.flag() + ".",
                    label, yes, no, testYes, testNo, needed, MIN_TEST_ROWS_PER_CLASS, 100 * testFraction));
        }
    }

    /** Rows of each class needed so that the test split holds {@link #MIN_TEST_ROWS_PER_CLASS} of it. */
    public static long minimumRowsPerClass(double testFraction) {
        return (long) Math.ceil(MIN_TEST_ROWS_PER_CLASS / testFraction);
    }

    public long trainRows() {
        return counts[0] + counts[1];
    }

    public long trainYes() {
        return counts[1];
    }

    public long testRows() {
        return counts[2] + counts[3];
    }

    public long testYes() {
        return counts[3];
    }

    public double[] classWeights() {
        return classWeights.clone();
    }

    /** Training rows of the smaller class: how many the validation folds can share out. */
    public long minorityTrainRows() {
        return Math.min(counts[0], counts[1]);
    }

    /**
     * Training rows with their validation fold ({@code 0..folds-1}) and class weight, cached: every
     * feature view reads them.
     */
    public synchronized Dataset<Row> train(int folds) {
        if (train == null) {
            this.folds = folds;
            Dataset<Row> rows = marked().filter(not(col(TrainingColumns.IS_TEST)));
            Dataset<Row> withFolds;
            if (keys.tied()) {
                withFolds = LabeledData.withFolds(rows, folds, seed);
            } else {
                foldKeys = JavaSparkContext.fromSparkContext(labeled.sparkSession().sparkContext())
                        .broadcast(keys.trainFoldHashes());
                withFolds = rows.withColumn(TrainingColumns.FOLD,
                        foldOf(foldKeys, folds).apply(col(TrainingColumns.LABEL), foldHash(seed)));
            }
            train = groupedByClass(LabeledData.withWeights(withFolds, classWeights), foldHash(seed)).cache();
        } else if (this.folds != folds) {
            throw new IllegalStateException("the training rows were cut into " + this.folds + " folds already, not " + folds);
        }
        return train;
    }

    /** A training row's fold: its rank among its class's training rows by fold hash (from 1), modulo {@code k}. */
    private static UserDefinedFunction foldOf(Broadcast<long[][]> sortedHashes, int k) {
        return udf((UDF2<Double, Long, Integer>) (label, hash) -> {
            int rank = Arrays.binarySearch(sortedHashes.value()[label == 1.0 ? 1 : 0], hash) + 1;
            return rank % k;
        }, DataTypes.IntegerType);
    }

    /** The untouched test rows, cached. */
    public synchronized Dataset<Row> test() {
        if (test == null) {
            test = groupedByClass(marked().filter(col(TrainingColumns.IS_TEST)), testHash(seed)).cache();
        }
        return test;
    }

    /**
     * How many partitions the encoded rows take (see {@link #ROWS_PER_PARTITION}): one for small data, else
     * one per {@link #ROWS_PER_PARTITION} training rows up to {@code cores}.
     */
    public int partitions(int cores) {
        return (int) Math.max(1, Math.min(cores, (trainRows() + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
    }

    /**
     * Large data: spread over the cores as raw rows (a shuffle of the narrow raw rows, not of the encoded
     * vectors). Small data (one partition): each class together in the partition its hash gives, sorted by
     * {@code hash}, as the window functions of the definitions grouped them; the encoded rows then come out
     * in the same order, so the models that sample rows (XGBoost's and the forests' subsampling) fit exactly
     * as before.
     */
    private Dataset<Row> groupedByClass(Dataset<Row> rows, Column hash) {
        int cores = rows.sparkSession().sparkContext().defaultParallelism();
        if (partitions(cores) > 1) {
            return rows.repartition(partitions(cores));
        }
        int partitions = Integer.parseInt(rows.sparkSession().conf().get("spark.sql.shuffle.partitions"));
        return rows.repartition(partitions, col(TrainingColumns.LABEL))
                .sortWithinPartitions(col(TrainingColumns.LABEL), hash, col(BankSchema.RECORD_ID));
    }

    public synchronized void unpersist() {
        if (train != null) {
            train.unpersist();
        }
        if (test != null) {
            test.unpersist();
        }
        if (foldKeys != null) {
            foldKeys.unpersist();
        }
    }
}
