package dev.bankml.training.features;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.TrainingFixtures;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.data.TrainingSplit;

/**
 * The three views encoded in one pass: each view's training and test rows are, row for row and in the
 * same order, what the view's own saved pipeline gives on the split's rows alone, with the same vector
 * metadata (slot names, nominal categories) the fits and the reasons read.
 */
class EncodedDataTest {
    @Test
    void eachViewsRowsAreThoseItsOwnPipelineGivesAlone() {
        Dataset<Row> rows = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString())
                .sample(false, 0.3, 1);
        FeatureSet fs = FeatureSet.of("deposit", List.of(), "pre_call");
        TrainingSplit split = TrainingSplit.of(rows, "deposit", 0.2, 7);
        Dataset<Row> train = split.train(4);
        Dataset<Row> test = split.test();

        Map<FeatureView, EncodedData> encoded = EncodedData.encode(fs, EnumSet.allOf(FeatureView.class), true,
                train, test, 1, 2);

        assertEquals(EnumSet.allOf(FeatureView.class), encoded.keySet());
        for (FeatureView view : FeatureView.values()) {
            EncodedData data = encoded.get(view);
            boolean dense = view == FeatureView.TREES;
            Dataset<Row> aloneTrain = alone(data, train, dense, TrainingColumns.LABEL, TrainingColumns.WEIGHT,
                    TrainingColumns.FOLD);
            Dataset<Row> aloneTest = alone(data, test, dense, TrainingColumns.LABEL, BankSchema.AGE, BankSchema.JOB);
            assertEquals(aloneTrain.collectAsList(), data.train().collectAsList(), view + ": training rows");
            assertEquals(aloneTest.collectAsList(), data.test().collectAsList(), view + ": test rows");
            assertEquals(aloneTrain.schema().apply(TrainingColumns.FEATURES).metadata(),
                    data.train().schema().apply(TrainingColumns.FEATURES).metadata(), view + ": the vector's metadata");
            assertTrue(data.train().schema().apply(TrainingColumns.FEATURES).metadata().contains("ml_attr"), view.name());
        }
        EncodedData.unpersist(encoded.values());
        split.unpersist();
    }

    /** The view's saved pipeline on {@code rows}, the columns a fit (or an evaluation) reads, in one partition. */
    private static Dataset<Row> alone(EncodedData data, Dataset<Row> rows, boolean dense, String... kept) {
        List<Column> columns = new ArrayList<>(List.of(col(BankSchema.RECORD_ID), col(TrainingColumns.FEATURES)));
        for (String k : kept) {
            columns.add(col(k));
        }
        if (dense) {
            columns.add(col(TrainingColumns.DENSE_FEATURES));
        }
        return data.featureModel().transform(rows).select(columns.toArray(Column[]::new)).repartition(1);
    }
}
