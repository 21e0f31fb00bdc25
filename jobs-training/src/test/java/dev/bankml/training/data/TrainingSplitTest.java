package dev.bankml.training.data;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.TrainingFixtures;

/**
 * The split as the job computes it (one pass for the hashes, cut-offs and ranks on the driver) is the
 * split of the definitions, {@link LabeledData#markTestSplit} and {@link LabeledData#withFolds}: the same
 * test rows and the same fold for every training row.
 */
class TrainingSplitTest {

    private static List<String> rows(Dataset<Row> d, String... columns) {
        return d.select(BankSchema.RECORD_ID, columns).orderBy(BankSchema.RECORD_ID).collectAsList().stream()
                .map(Row::toString).toList();
    }

    @Test
    void theTestRowsAndTheFoldsAreThoseOfTheDefinitions() {
        Dataset<Row> source = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString());
        TrainingSplit split = TrainingSplit.of(source, "deposit", 0.2, 42);
        Dataset<Row> defined = LabeledData.markTestSplit(LabeledData.withLabel(source, "deposit"), 0.2, 42);
        assertEquals(rows(defined, TrainingColumns.IS_TEST), rows(split.marked(), TrainingColumns.IS_TEST));
        assertEquals(rows(LabeledData.withFolds(defined.filter(col(TrainingColumns.IS_TEST).equalTo(false)), 4, 42),
                TrainingColumns.FOLD), rows(split.train(4), TrainingColumns.FOLD));
        assertEquals(rows(defined.filter(col(TrainingColumns.IS_TEST))), rows(split.test()));
        assertEquals(4_698 + 4_231, split.trainRows());
        assertEquals(4_231, split.trainYes());
        assertEquals(1_175 + 1_058, split.testRows());
        assertEquals(1_058, split.testYes());
        split.unpersist();
    }

    /** Per partition: [no rows, yes rows, then (test hash, fold hash) of each no row, then of each yes row]. */
    private static long[] partition(long[] noHashes, long[] yesHashes) {
        long[] out = new long[2 + 2 * (noHashes.length + yesHashes.length)];
        out[0] = noHashes.length;
        out[1] = yesHashes.length;
        for (int i = 0; i < noHashes.length; i++) {
            out[2 + 2 * i] = noHashes[i];
            out[3 + 2 * i] = 1000 + i;
        }
        for (int i = 0; i < yesHashes.length; i++) {
            out[2 + 2 * noHashes.length + 2 * i] = yesHashes[i];
            out[3 + 2 * noHashes.length + 2 * i] = 2000 + i;
        }
        return out;
    }

    @Test
    void aHashTiedAtACutOffIsNoticedSoTheDefinitionsDecide() {
        // Ten rows a class, two to the test split: the second and third smallest test hashes of "no" are equal.
        long[] no = {50, 7, 7, 3, 90, 80, 70, 60, 40, 30};
        long[] yes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        TrainingSplit.Keys tied = TrainingSplit.Keys.of(List.of(partition(no, new long[0]), partition(new long[0], yes)),
                0.2);
        assertTrue(tied.tied());
        no[2] = 8;
        TrainingSplit.Keys clear = TrainingSplit.Keys.of(List.of(partition(no, yes)), 0.2);
        assertFalse(clear.tied());
        assertArrayEquals(new long[] {8, 8, 2, 2}, clear.counts());
        assertEquals(7L, clear.cutOffs()[0]);
        assertEquals(2L, clear.cutOffs()[1]);
        assertArrayEquals(new long[] {1000, 1002, 1004, 1005, 1006, 1007, 1008, 1009}, clear.trainFoldHashes()[0]);
    }
}
