package dev.bankml.training.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.TrainingFixtures;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.evaluation.FeatureWeights;

/** The feature stages: no trace of the label, fitted on training rows only, unseen values kept. */
class FeaturePipelinesTest {
    private static Dataset<Row> rows;

    @BeforeAll
    static void load() {
        rows = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString()).limit(3000).cache();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deposit", "default", "loan"})
    void noFeatureIsNamedAfterOrComputedFromTheLabel(String label) {
        for (FeatureView view : FeatureView.values()) {
            FeatureSet fs = FeatureSet.of(label, List.of());
            PipelineModel model = FeaturePipelines.build(fs, view).fit(rows);
            Dataset<Row> out = model.transform(rows);
            String[] names = FeatureWeights.names(out.schema().apply(TrainingColumns.FEATURES),
                    ((Vector) out.first().getAs(TrainingColumns.FEATURES)).size());
            for (String n : names) {
                assertFalse(n.equals(label) || n.startsWith(label + "_"), view + " has feature " + n + " from label " + label);
            }
            // Flip every label value: the feature vectors must not change at all.
            Dataset<Row> flipped = rows.withColumn(label, not(col(label)));
            List<Row> a = model.transform(rows).select(BankSchema.RECORD_ID, TrainingColumns.FEATURES)
                    .orderBy(BankSchema.RECORD_ID).collectAsList();
            List<Row> b = model.transform(flipped).select(BankSchema.RECORD_ID, TrainingColumns.FEATURES)
                    .orderBy(BankSchema.RECORD_ID).collectAsList();
            assertEquals(a, b, view + " features depend on the label " + label);
        }
    }

    @ParameterizedTest
    @EnumSource(FeatureView.class)
    void encodersLearnOnlyFromTheRowsTheyAreFittedOnAndKeepUnseenValues(FeatureView view) {
        FeatureSet fs = FeatureSet.of("deposit", List.of());
        Dataset<Row> withoutStudents = rows.filter(col(BankSchema.JOB).notEqual("student"));
        PipelineModel model = FeaturePipelines.build(fs, view).fit(withoutStudents);
        StringIndexerModel indexer = (StringIndexerModel) Arrays.stream(model.stages())
                .filter(s -> s instanceof StringIndexerModel).findFirst().orElseThrow();
        List<String> jobs = Arrays.asList(indexer.labelsArray()[fs.categorical().indexOf(BankSchema.JOB)]);
        assertFalse(jobs.contains("student"), "the indexer only knows the training rows' values");

        Dataset<Row> unseen = rows.filter(col(BankSchema.JOB).equalTo("student")).limit(5)
                .withColumn(BankSchema.EDUCATION, lit("doctorate"));
        List<Row> out = model.transform(unseen).select(TrainingColumns.FEATURES).collectAsList();
        assertEquals(5, out.size(), "rows with unseen values still get a feature vector");
        for (Row r : out) {
            Vector v = r.getAs(0);
            assertTrue(Arrays.stream(v.toArray()).allMatch(Double::isFinite));
        }
    }
}
