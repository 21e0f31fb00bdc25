package dev.bankml.training.champion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;

/** A model read again from the store in the same JVM: from memory, a copy of its own; a model saved anew is read anew. */
class LoadedModelsTest {
    private final SparkSession spark = TestSpark.session();
    private final Storage storage = new Storage(new Configuration());

    @Test
    void aModelReadAgainIsNotReadFromStorageAndEveryReaderGetsItsOwnCopy() throws IOException {
        Path dir = TestSpark.workDir("loaded-models").resolve("m");
        fitted("job").write().overwrite().save(dir.toString());
        PipelineModel first = LoadedModels.load(storage, dir.toString());
        // The fitted stages' files gone: only a model kept in memory can still be read (the save stamp stays).
        deleteTree(dir.resolve("stages"));

        PipelineModel second = LoadedModels.load(storage, dir.toString());

        assertNotSame(first, second);
        assertEquals(transformed(fitted("job")), transformed(second));
        // A parameter one reader sets is not seen by the next.
        indexer(first).setHandleInvalid("skip");
        assertEquals("error", indexer(second).getHandleInvalid());
        assertEquals("error", indexer(LoadedModels.load(storage, dir.toString())).getHandleInvalid());
    }

    @Test
    void aModelSavedAgainInTheSameFolderIsReadAnew() throws IOException {
        String dir = TestSpark.workDir("loaded-models-again").resolve("m").toString();
        fitted("job").write().overwrite().save(dir);
        List<String> before = transformed(LoadedModels.load(storage, dir));

        fitted("marital").write().overwrite().save(dir);

        List<String> after = transformed(LoadedModels.load(storage, dir));
        assertEquals(transformed(fitted("marital")), after, "the model saved last");
        assertNotEquals(before, after);
    }

    private static StringIndexerModel indexer(PipelineModel model) {
        return (StringIndexerModel) model.stages()[1];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Lowercases the column, then indexes it: two stages, one fitted. */
    private PipelineModel fitted(String column) {
        return new Pipeline().setStages(new PipelineStage[] {
                new SQLTransformer().setStatement("SELECT lower(" + column + ") AS v FROM __THIS__"),
                new StringIndexer().setInputCol("v").setOutputCol("i")}).fit(rows());
    }

    private Dataset<Row> rows() {
        return spark.sql("SELECT * FROM VALUES ('admin', 'single'), ('admin', 'married'), ('student', 'married'),"
                + " ('admin', 'married') AS t(job, marital)");
    }

    private List<String> transformed(PipelineModel model) {
        return model.transform(rows()).select("i").collectAsList().stream().map(Row::toString).toList();
    }
}
