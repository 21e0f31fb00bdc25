package dev.bankml.training.data;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.TrainingFixtures;

class LabeledDataTest {
    private static Dataset<Row> labeled;

    @BeforeAll
    static void load() {
        labeled = LabeledData.withLabel(TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString()),
                "deposit").cache();
    }

    @Test
    void mapsYesToOneExplicitly() {
        assertEquals(5_289, labeled.filter(col(TrainingColumns.LABEL).equalTo(1.0)).count());
        assertEquals(5_873, labeled.filter(col(TrainingColumns.LABEL).equalTo(0.0)).count());
    }

    @Test
    void theTestSplitIsExactlyStratifiedDisjointAndRepeatable() {
        Dataset<Row> split = LabeledData.markTestSplit(labeled, 0.2, 42).cache();
        Map<String, Long> counts = split.groupBy(TrainingColumns.IS_TEST, TrainingColumns.LABEL).count().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getBoolean(0) + "/" + r.getDouble(1), r -> r.getLong(2)));
        assertEquals(Map.of("true/1.0", 1_058L, "false/1.0", 4_231L, "true/0.0", 1_175L, "false/0.0", 4_698L), counts);
        List<String> again = LabeledData.markTestSplit(labeled.repartition(7), 0.2, 42).filter(col(TrainingColumns.IS_TEST))
                .select(BankSchema.RECORD_ID).orderBy(BankSchema.RECORD_ID).collectAsList().stream().map(r -> r.getString(0)).toList();
        List<String> first = split.filter(col(TrainingColumns.IS_TEST)).select(BankSchema.RECORD_ID).orderBy(BankSchema.RECORD_ID)
                .collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(first, again, "same rows whatever the partitioning");
        List<String> otherSeed = LabeledData.markTestSplit(labeled, 0.2, 7).filter(col(TrainingColumns.IS_TEST))
                .select(BankSchema.RECORD_ID).orderBy(BankSchema.RECORD_ID).collectAsList().stream().map(r -> r.getString(0)).toList();
        assertEquals(2_233, otherSeed.size());
        assertEquals(false, otherSeed.equals(first), "the seed changes the split");
    }

    @Test
    void foldsKeepTheClassBalance() {
        Dataset<Row> folds = LabeledData.withFolds(labeled, 4, 42);
        for (Row r : folds.groupBy(TrainingColumns.FOLD).avg(TrainingColumns.LABEL).collectAsList()) {
            assertEquals(5_289.0 / 11_162, r.getDouble(1), 0.001);
        }
    }

    @Test
    void classWeightsBalanceOnlyImbalancedLabels() {
        assertArrayEquals(new double[] {1.0, 1.0}, LabeledData.classWeights(5_873, 5_289));
        double[] w = LabeledData.classWeights(10_994, 168);
        assertEquals(10_994 * w[0], 168 * w[1], 1e-6);
        assertEquals(11_162, 10_994 * w[0] + 168 * w[1], 1e-6);
    }
}
