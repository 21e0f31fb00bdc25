package dev.bankml.training.champion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;

/** A training run killed before it saved its model leaves a run folder without one: the next cycle's run removes it. */
class ModelStoreLeftoversTest {
    @Test
    void runFoldersWithoutASavedModelAreRemovedButNotTheCurrentRunsNorAnyWithAModel() throws IOException {
        Path models = TestSpark.workDir("model-leftovers");
        Path runs = models.resolve("deposit/runs");
        Files.createDirectories(runs.resolve("killed/xgboost/stages"));
        Files.createDirectories(runs.resolve("empty"));
        Path saved = Files.createDirectories(runs.resolve("saved/logistic_regression"));
        Files.writeString(saved.resolve(ModelStore.MODEL_DESCRIPTOR), "{}");
        Files.createDirectories(runs.resolve("current/random_forest"));
        ModelStore store = new ModelStore(new Storage(new Configuration()), models.toString());

        List<String> removed = store.removeRunsWithoutAModel("deposit", "current");

        assertEquals(2, removed.size(), removed.toString());
        assertTrue(!Files.exists(runs.resolve("killed")) && !Files.exists(runs.resolve("empty")));
        assertTrue(Files.exists(saved.resolve(ModelStore.MODEL_DESCRIPTOR)), "a run with a saved model stays");
        assertTrue(Files.isDirectory(runs.resolve("current")), "the running run's own folder stays");
    }
}
