package dev.bankml.training.data;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.bankml.jobs.JobFailedException;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The labelled rows split into training and test rows (stratified, by a seeded hash of
 * {@code record_id}), with the count of each class on each side. The training rows carry their
 * validation fold and class weight.
 */
public final class TrainingSplit {
    /**
     * Fewer test rows of a class than this and a test AUC is too noisy to mean anything: with a
     * handful of rows even a perfect ranking (AUC 1.0) happens by chance, and the leakage guard
     * would then blame the features for what is only a lack of data.
     */
    static final int MIN_TEST_ROWS_PER_CLASS = 20;

    private final Dataset<Row> rows;
    private Dataset<Row> train;
    private final Map<String, Long> counts;
    private final double[] classWeights;
    private final long seed;
    private int folds;

    private TrainingSplit(Dataset<Row> rows, Map<String, Long> counts, double[] classWeights, long seed) {
        this.rows = rows;
        this.counts = counts;
        this.classWeights = classWeights;
        this.seed = seed;
    }

    /**
     * Labels, splits and counts the rows (cached until {@link #unpersist}).
     *
     * @throws JobFailedException when a class has too few rows to train and evaluate honestly
     */
    public static TrainingSplit of(Dataset<Row> source, String label, double testFraction, long seed) {
        Dataset<Row> rows = marked(source, label, testFraction, seed).cache();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Row r : rows.groupBy(TrainingColumns.IS_TEST, TrainingColumns.LABEL).count().collectAsList()) {
            counts.put((r.getBoolean(0) ? "test/" : "train/") + (int) r.getDouble(1), r.getLong(2));
        }
        requireEnoughRows(label, testFraction, counts);
        long trainNeg = counts.getOrDefault("train/0", 0L);
        long trainPos = counts.getOrDefault("train/1", 0L);
        return new TrainingSplit(rows, counts, LabeledData.classWeights(trainNeg, trainPos), seed);
    }

    /** The labelled rows with {@code label} (1.0 = yes) and {@code is_test}: the one definition of the split. */
    public static Dataset<Row> marked(Dataset<Row> source, String label, double testFraction, long seed) {
        return LabeledData.markTestSplit(LabeledData.withLabel(source, label), testFraction, seed);
    }

    /** Refuses data too small for an honest evaluation, saying how many rows of each class are needed. */
    static void requireEnoughRows(String label, double testFraction, Map<String, Long> counts) {
        long yes = counts.getOrDefault("train/1", 0L) + counts.getOrDefault("test/1", 0L);
        long no = counts.getOrDefault("train/0", 0L) + counts.getOrDefault("test/0", 0L);
        long testYes = counts.getOrDefault("test/1", 0L);
        long testNo = counts.getOrDefault("test/0", 0L);
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
        return counts.getOrDefault("train/0", 0L) + counts.getOrDefault("train/1", 0L);
    }

    public long trainYes() {
        return counts.getOrDefault("train/1", 0L);
    }

    public long testRows() {
        return counts.getOrDefault("test/0", 0L) + counts.getOrDefault("test/1", 0L);
    }

    public long testYes() {
        return counts.getOrDefault("test/1", 0L);
    }

    public double[] classWeights() {
        return classWeights.clone();
    }

    /** Training rows of the smaller class: how many the validation folds can share out. */
    public long minorityTrainRows() {
        return Math.min(counts.getOrDefault("train/0", 0L), counts.getOrDefault("train/1", 0L));
    }

    /**
     * Training rows with their validation fold ({@code 0..folds-1}) and class weight, cached: every
     * feature view reads them.
     */
    public synchronized Dataset<Row> train(int folds) {
        if (train == null) {
            this.folds = folds;
            train = LabeledData.withWeights(LabeledData.withFolds(rows.filter(col(TrainingColumns.IS_TEST).equalTo(false)),
                    folds, seed), classWeights).cache();
        } else if (this.folds != folds) {
            throw new IllegalStateException("the training rows were cut into " + this.folds + " folds already, not " + folds);
        }
        return train;
    }

    /** The untouched test rows. */
    public Dataset<Row> test() {
        return rows.filter(col(TrainingColumns.IS_TEST).equalTo(true));
    }

    public void unpersist() {
        rows.unpersist();
        if (train != null) {
            train.unpersist();
        }
    }
}
