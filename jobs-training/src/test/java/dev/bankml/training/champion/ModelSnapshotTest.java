package dev.bankml.training.champion;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.TuningBudget;
import dev.bankml.training.data.TrainingColumns;

import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;

/**
 * Every algorithm's fitted model comes back from its snapshot scoring exactly the same; a model saved
 * through the store is read from its snapshot without a Spark job, as MLlib's own reading of the same
 * folder scores; a snapshot of another save, or one this build cannot read, is passed over (the fallback
 * to MLlib's format is {@code LoadedModelsTest}'s model saved without a snapshot). Whole pipelines, the
 * encoders included, go through snapshots in every test that trains and then scores or gates (the
 * saved champion predicting exactly as it did in training: {@code TrainingJobTest}).
 */
class ModelSnapshotTest {
    private static final SparkSession SPARK = TestSpark.session();
    private static final Storage STORAGE = new Storage(new Configuration());
    /** One classifier of {@code algorithm} on the {@link #counts()} rows: a pipeline of one fitted stage. */
    private static PipelineModel fitted(Algorithm algorithm) {
        return new PipelineModel("snapshot-" + algorithm.id(), new Transformer[] {classifier(algorithm, counts())});
    }

    private static Model<?> classifier(Algorithm algorithm, Dataset<Row> encoded) {
        Classifier<?, ?, ?> estimator = Algorithm.configure(algorithm.newEstimator(7), algorithm.grid(TuningBudget.FAST)
                .get(0));
        for (String rounds : List.of("maxIter", "numRound")) { // a few: what is saved is the point here, not the fit
            if (estimator.hasParam(rounds)) {
                estimator.set(estimator.getParam(rounds), 3);
            }
        }
        if (estimator instanceof XGBoostClassifier x) {
            x.setNumWorkers(encoded.rdd().getNumPartitions()); // as the job fits it: one worker per partition
        }
        return (Model<?>) estimator.fit(encoded);
    }

    /**
     * 200 rows of two small counts in dense vectors, one partition, the label their sum's parity: every
     * classifier reads them (naive Bayes needs counts, XGBoost its dense column) and fits them in a second or less.
     */
    private static Dataset<Row> counts() {
        return SPARK.sql("SELECT cast((id % 7 + id % 3) % 2 AS double) AS label, 1.0 AS weight, cast(id % 7 AS double) AS x,"
                        + " cast(id % 3 AS double) AS y FROM range(0, 200, 1, 1)")
                .withColumn(TrainingColumns.FEATURES, array_to_vector(array(col("x"), col("y"))))
                .withColumn(TrainingColumns.DENSE_FEATURES, col(TrainingColumns.FEATURES));
    }

    /** The snapshot file in a model folder given as the store names it (a {@code file:} URI here). */
    private static Path snapshot(String dir) {
        return Path.of(URI.create(Storage.join(dir, ModelSnapshot.FILE)));
    }

    private static String saved(PipelineModel model, String name) {
        String root = TestSpark.workDir("snapshot-" + name).toString();
        ChampionPointer pointer = new ChampionPointer("r1", BankSchema.DEPOSIT, name, "runs/r1/" + name, "probability",
                0.5, List.of(), List.of(), 0.7, 0.7, 0.7, "2026-12-07T00:00:00Z", 300, List.of(), null, null, null);
        new ModelStore(STORAGE, root).save(model, pointer);
        return Storage.join(new ModelStore(STORAGE, root).labelRoot(BankSchema.DEPOSIT), pointer.modelDir());
    }


    /** The Spark jobs {@code read} runs, counted by a job group of its own. */
    private static int sparkJobs(Runnable read) {
        String group = "snapshot-" + System.nanoTime();
        SPARK.sparkContext().setJobGroup(group, "reading a model", false);
        try {
            read.run();
        } finally {
            SPARK.sparkContext().clearJobGroup();
        }
        return SPARK.sparkContext().statusTracker().getJobIdsForGroup(group).length;
    }

    /** Every algorithm's fitted model. */
    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void everyAlgorithmsModelComesBackFromItsSnapshotScoringExactlyTheSame(Algorithm algorithm) {
        Dataset<Row> rows = counts();
        PipelineModel model = fitted(algorithm);
        String dir = TestSpark.workDir("snapshot-" + algorithm.id()).toUri().toString();
        ModelSnapshot.write(STORAGE, dir, model, "stamp");
        PipelineModel back = ModelSnapshot.read(STORAGE, dir, "stamp").orElseThrow();
        assertEquals(predictions(model, rows), predictions(back, rows));
    }

    private static List<String> predictions(PipelineModel model, Dataset<Row> rows) {
        return model.transform(rows).select("x", "y", "rawPrediction", "prediction").collectAsList().stream()
                .map(Row::toString).toList();
    }

    @Test
    void theStoreWritesASnapshotAndTheModelIsReadFromItWithoutASparkJob() {
        // Naive Bayes, the quickest fit: the algorithm does not matter here (each one's model is the test above).
        String dir = saved(fitted(Algorithm.NAIVE_BAYES), "naive_bayes");
        Dataset<Row> rows = counts();
        assertTrue(Files.exists(snapshot(dir)), "the store wrote the snapshot");

        PipelineModel[] read = new PipelineModel[2];
        assertEquals(0, sparkJobs(() -> read[0] = LoadedModels.load(STORAGE, dir)), "no Spark job");
        int mllibJobs = sparkJobs(() -> read[1] = PipelineModel.load(dir));
        assertTrue(mllibJobs >= 2, "MLlib's reader of the same folder runs a job per stage at least: " + mllibJobs);
        assertEquals(predictions(read[1], rows), predictions(read[0], rows));
    }

    @Test
    void aSnapshotOfAnotherSaveOrOneThisBuildCannotReadIsPassedOver() throws Exception {
        String dir = TestSpark.workDir("snapshot-passed-over").toUri().toString();
        ModelSnapshot.write(STORAGE, dir, fitted(Algorithm.NAIVE_BAYES), "the first save");
        assertTrue(ModelSnapshot.read(STORAGE, dir, "the first save").isPresent());
        assertTrue(ModelSnapshot.read(STORAGE, dir, "a later save").isEmpty(), "the model was saved again since");

        Files.write(snapshot(dir), "not a snapshot".getBytes(StandardCharsets.UTF_8));
        assertTrue(ModelSnapshot.read(STORAGE, dir, "the first save").isEmpty(), "a damaged file (its checksum)");
        Files.delete(snapshot(dir).resolveSibling("." + ModelSnapshot.FILE + ".crc"));
        assertTrue(ModelSnapshot.read(STORAGE, dir, "the first save").isEmpty(), "not a snapshot (its header)");
    }
}
