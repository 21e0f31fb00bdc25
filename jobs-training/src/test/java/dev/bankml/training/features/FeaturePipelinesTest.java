package dev.bankml.training.features;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        FeatureSet fs = FeatureSet.of(label, List.of());
        PipelineModel shared = FeaturePipelines.fitShared(fs, rows);
        // Every row twice, as it is and with its label flipped: the feature vectors must not change at all.
        Dataset<Row> both = rows.withColumn("flipped", lit(false))
                .unionByName(rows.withColumn(label, not(col(label))).withColumn("flipped", lit(true)));
        for (FeatureView view : FeatureView.values()) {
            Dataset<Row> out = FeaturePipelines.fitView(fs, view, shared, rows).transform(both);
            Map<String, Vector> asIs = new HashMap<>();
            Map<String, Vector> flipped = new HashMap<>();
            for (Row r : out.select(BankSchema.RECORD_ID, "flipped", TrainingColumns.FEATURES).collectAsList()) {
                (r.getBoolean(1) ? flipped : asIs).put(r.getString(0), r.getAs(2));
            }
            String[] names = FeatureWeights.names(out.schema().apply(TrainingColumns.FEATURES),
                    asIs.values().iterator().next().size());
            for (String n : names) {
                assertFalse(n.equals(label) || n.startsWith(label + "_"), view + " has feature " + n + " from label " + label);
            }
            assertEquals(3000, asIs.size());
            assertEquals(asIs, flipped, view + " features depend on the label " + label);
        }
    }

    @ParameterizedTest
    @EnumSource(FeatureView.class)
    void encodersLearnOnlyFromTheRowsTheyAreFittedOnAndKeepUnseenValues(FeatureView view) {
        FeatureSet fs = FeatureSet.of("deposit", List.of());
        Dataset<Row> withoutStudents = rows.filter(col(BankSchema.JOB).notEqual("student"));
        // As the job fits them: the shared stages once, then the view's own.
        PipelineModel model = FeaturePipelines.fitView(fs, view, FeaturePipelines.fitShared(fs, withoutStudents),
                withoutStudents);
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

    @ParameterizedTest
    @EnumSource(FeatureView.class)
    void sharingTheIndexersGivesTheFeaturesOfTheWholePipelineFittedAlone(FeatureView view) {
        FeatureSet fs = FeatureSet.of("deposit", List.of("duration"));
        PipelineModel alone = FeaturePipelines.build(fs, view).fit(rows);
        PipelineModel shared = FeaturePipelines.fitView(fs, view, FeaturePipelines.fitShared(fs, rows), rows);
        assertEquals(Arrays.stream(alone.stages()).map(s -> s.getClass().getSimpleName()).toList(),
                Arrays.stream(shared.stages()).map(s -> s.getClass().getSimpleName()).toList());
        assertEquals(features(alone), features(shared));
    }

    private static Map<String, Vector> features(PipelineModel model) {
        Map<String, Vector> out = new HashMap<>();
        model.transform(rows).select(BankSchema.RECORD_ID, TrainingColumns.FEATURES).collectAsList()
                .forEach(r -> out.put(r.getString(0), r.getAs(1)));
        return out;
    }
}
