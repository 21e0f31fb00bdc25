package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.OutputTableContract;
import dev.bankml.training.TrainedSample;
import dev.bankml.training.TrainingFixtures;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.DamagedPointerException;
import dev.bankml.training.champion.GateDecision;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.champion.QualityGate;
import dev.bankml.workflow.catalog.OutputTables;

/** Scoring new data with the stored champion (of {@link TrainedSample}: a copy of its store where it is damaged). */
class InferenceJobTest {
    private static final String M1 = TrainedSample.RUN_ID;
    private static TrainingFixtures.Outputs trained;
    private static Path newData;
    /** The new data scored once by the champion as run s1, and those rows as first written. */
    private static Path scored;
    private static InferenceReport report;
    /** The analysts' table of scored leads, declared as the stack declares it, over {@link #scored}. */
    private static String scoredTable;
    private static List<String> firstRows;

    @BeforeAll
    static void prepareNewData() {
        trained = TrainedSample.outputs();
        // 200 customers without a label: 3 with never-seen categories, 2 missing a feature.
        Dataset<Row> rows = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString())
                .orderBy(BankSchema.RECORD_ID).limit(200).drop(BankSchema.DEPOSIT)
                .withColumn("_n", monotonically_increasing_id())
                .withColumn(BankSchema.JOB, when(col("_n").lt(3), lit("astronaut")).otherwise(col(BankSchema.JOB)))
                .withColumn(BankSchema.BALANCE, when(col("_n").between(3, 4), lit(null)).otherwise(col(BankSchema.BALANCE)))
                .withColumn(BankSchema.BATCH_ID, lit("new_customers"))
                .drop("_n");
        newData = TestSpark.workDir("new-data").resolve("bank");
        rows.write().mode(SaveMode.Overwrite).parquet(newData.toString());
        scored = TestSpark.workDir("scored");
        scoredTable = OutputTableContract.createAsDeclared(TrainingFixtures.spark(), OutputTables.SCORED_LEADS,
                "bankml_scoring_test", scored.toUri().toString());
        report = score(scored, "--run_id", "s1", "--scored_table", scoredTable, "--worker_count", "2",
                "--dpu_per_worker", "1");
        firstRows = rows(scored);
    }

    private static InferenceReport score(Path output, String... extra) {
        List<String> argv = new ArrayList<>(List.of("--source_path", newData.toString(), "--model_path", trained.models(),
                "--output_path", output.toString()));
        argv.addAll(List.of(extra));
        return InferenceJob.run(TrainingFixtures.spark(), InferenceConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
    }

    @Test
    void aDeliveryReadAsOnePartitionIsScoredOnEveryCore() {
        Dataset<Row> one = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString()).coalesce(1);
        int cores = TrainingFixtures.spark().sparkContext().defaultParallelism();
        assertTrue(cores > 1, "a test machine with more than one core: " + cores);
        Dataset<Row> spread = InferenceJob.spread(one, TrainingFixtures.spark());
        assertEquals(cores, spread.rdd().getNumPartitions());
        assertEquals(one.count(), spread.count());
        Dataset<Row> many = one.repartition(cores + 1);
        assertEquals(cores + 1, InferenceJob.spread(many, TrainingFixtures.spark()).rdd().getNumPartitions(),
                "enough partitions already: left as they are");
    }

    @Test
    void scoresNewDataWithoutALabelAndQuarantinesWhatItCannotScore() {
        Path output = scored;
        InferenceReport r = report;
        assertEquals(200, r.rowsRead());
        assertEquals(198, r.rowsScored());
        assertEquals(2, r.rowsRejected());
        assertEquals(M1, r.modelRunId());

        Dataset<Row> preds = TrainingFixtures.spark().read().parquet(output.toString());
        OutputTableContract.assertWritesTable(OutputTables.SCORED_LEADS, preds.schema());
        assertEquals(198, preds.count());
        assertEquals(198, preds.filter("label = 'deposit' and batch_id = 'new_customers'").count());
        assertEquals(0, preds.filter(col("probability_yes").isNull().or(col("probability_yes").lt(0))
                .or(col("probability_yes").gt(1))).count());
        assertEquals(198, preds.filter(col("actual").isNull()).count(), "no label in new data");

        // The analysts' table: the partition the run wrote is registered, and the declared types read it.
        assertEquals(List.of("label=deposit/batch_id=new_customers"), TrainingFixtures.spark()
                .sql("SHOW PARTITIONS " + scoredTable).as(Encoders.STRING()).collectAsList());
        Row viaTable = TrainingFixtures.spark().sql("SELECT count(*), count(DISTINCT model_run_id), max(size(top_reasons)) "
                + "FROM " + scoredTable + " WHERE batch_id = 'new_customers'").first();
        assertEquals(198, viaTable.getLong(0));
        assertEquals(1, viaTable.getLong(1));
        assertTrue(viaTable.getInt(2) > 0, "reasons read through the declared struct type");
        assertTrue(r.dpuSeconds() >= 120.0, "2 workers x 1 DPU, one minute at least: " + r.dpuSeconds());

        Dataset<Row> rejected = TrainingFixtures.spark().read().parquet(output.resolve("_rejected").toString());
        assertEquals(List.of("[MISSING_FEATURE:balance]", "[MISSING_FEATURE:balance]"),
                rejected.select(BankSchema.REASONS).collectAsList().stream().map(x -> x.getList(0).toString()).toList());

        Dataset<Row> astronauts = preds.join(TrainingFixtures.spark().read().parquet(newData.toString())
                .filter(col(BankSchema.JOB).equalTo("astronaut")).select(BankSchema.RECORD_ID), BankSchema.RECORD_ID);
        assertEquals(3, astronauts.count(), "an unseen job still gets a prediction");
    }

    @Test
    void scoringTwiceGivesTheSameOutputAndAnUnknownRunIsRefused() {
        // Into the same output, as the same run: replaced, not added to. (A named run's model scores in
        // aTruncatedChampionPointerSaysItIsDamaged..., its first remedy.)
        score(scored, "--run_id", "s1");
        assertEquals(firstRows, rows(scored));
        assertEquals(198, firstRows.size());
        JobConfigurationException e = assertThrows(JobConfigurationException.class, () -> score(scored, "--model_run", "nope"));
        assertTrue(e.getMessage().contains("no model saved by run 'nope'"), e.getMessage());
    }

    @Test
    void withoutAChampionItSaysToTrainFirst() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class, () -> InferenceJob.run(
                TrainingFixtures.spark(), InferenceConfig.from(GlueArgs.parse("--source_path", newData.toString(),
                        "--model_path", TestSpark.workDir("empty-models").toString(), "--output_path", "x", "--label", "loan"))));
        assertTrue(e.getMessage().contains("run the training job first"), e.getMessage());
    }

    /** A copy of the trained model store, to damage without touching the other tests' one. */
    private static Path copyOfTheModels(String name) throws IOException {
        Path copy = TestSpark.workDir(name).resolve("models");
        Path from = Path.of(trained.models());
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    private static InferenceReport scoreWith(Path models, String... extra) {
        List<String> argv = new ArrayList<>(List.of("--source_path", newData.toString(), "--model_path", models.toString(),
                "--output_path", TestSpark.workDir("scored-damaged").toString()));
        argv.addAll(List.of(extra));
        return InferenceJob.run(TrainingFixtures.spark(), InferenceConfig.from(GlueArgs.parse(argv.toArray(String[]::new))));
    }

    @Test
    void aMissingChampionModelNamesTheModelItsRunAndWhatToDo() throws IOException {
        Path models = copyOfTheModels("models-without-folder");
        ChampionPointer champion = new ModelStore(new Storage(new Configuration()), models.toString()).champion("deposit")
                .orElseThrow();
        deleteTree(models.resolve("deposit").resolve(champion.modelDir()));
        JobFailedException e = assertThrows(JobFailedException.class, () -> scoreWith(models));
        assertTrue(e.getMessage().startsWith("the champion of label 'deposit' (named by file:" + models
                + "/deposit/champion.json), model " + champion.model() + " of training run " + M1 + ", is missing: "), e.getMessage());
        assertTrue(e.getMessage().contains("Train again to save and promote a new champion, or score with another run's "
                + "model: --model_run RUN_ID (no other run has saved a model)."), e.getMessage());
        assertFalse(e.getMessage().contains("Input path does not exist"), e.getMessage());
    }

    @Test
    void aTruncatedChampionPointerSaysItIsDamagedWhichFileAndHowToRestoreIt() throws IOException {
        Path models = copyOfTheModels("models-truncated-pointer");
        Path pointer = models.resolve("deposit").resolve(ModelStore.CHAMPION);
        String json = Files.readString(pointer);
        // Cut in the middle, as an interrupted copy by hand leaves it (the jobs replace it atomically).
        Files.writeString(pointer, json.substring(0, json.length() / 2));
        DamagedPointerException e = assertThrows(DamagedPointerException.class, () -> scoreWith(models));
        assertTrue(e.getMessage().startsWith("the champion pointer file:" + pointer + " is damaged (JsonEOFException: "
                + "Unexpected end-of-input"), e.getMessage());
        assertTrue(e.getMessage().contains("Restore it by copying over it the model.json of the run it should name (the "
                + "latest run's is file:" + models + "/deposit/runs/" + M1 + "/"), e.getMessage());
        assertTrue(e.getMessage().contains("delete the checksum file .champion.json.crc"), e.getMessage());
        assertTrue(e.getMessage().contains("or train again"), e.getMessage());

        // The remedies work: a named run's model scores without the pointer, and the restored pointer is read.
        assertEquals(M1, scoreWith(models, "--model_run", M1).modelRunId());
        String descriptor = e.getMessage().replaceFirst("(?s).*the latest run's is (\\S+model\\.json)\\).*", "$1");
        Files.copy(Path.of(URI.create(descriptor)), pointer, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(pointer.resolveSibling("." + ModelStore.CHAMPION + ".crc"));
        assertEquals(M1, scoreWith(models).modelRunId());
    }

    @Test
    void trainingAgainReplacesADamagedPointerWithoutComparison() throws IOException {
        Path models = copyOfTheModels("models-unreadable-pointer");
        Path pointer = models.resolve("deposit").resolve(ModelStore.CHAMPION);
        Files.deleteIfExists(pointer.resolveSibling("." + ModelStore.CHAMPION + ".crc"));
        Files.writeString(pointer, "{\"run_id\": \"" + M1 + "\"}");
        ModelStore store = new ModelStore(new Storage(new Configuration()), models.toString());
        assertThrows(DamagedPointerException.class, () -> store.champion("deposit"));
        GateDecision decision = new QualityGate(store, "deposit", 0.01).decide(0.9, null, List.of("age"));
        assertTrue(decision.promoted());
        assertEquals("previous champion pointer was damaged; replaced without comparison", decision.reason());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    private static List<String> rows(Path output) {
        return TrainingFixtures.spark().read().parquet(output.toString()).drop("scoring_run_id").collectAsList().stream()
                .map(Row::toString).sorted().toList();
    }
}
