package dev.bankml.training.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bankml.jobs.Storage;
import dev.bankml.training.OutputTableContract;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.catalog.OutputTables;

/**
 * The versions folder is the catalog's {@code model_versions} table as it is: the folder the declaration
 * names, holding only version files, each one JSON line with the declared columns and types.
 */
class ModelVersionsTableTest {
    @TempDir
    Path dir;

    @Test
    void eachVersionIsOneJsonLineOfTheDeclaredTableInTheDeclaredFolder() throws IOException {
        Path models = dir.resolve("artifacts/models");
        ModelVersions versions = new ModelVersions(new Storage(new Configuration()), models.toString());
        ModelVersion v = Versions.saved(models, versions, "deposit", "r1", List.of("duration"), ModelStatus.REJECTED);
        versions.record(v, ModelStatus.CANDIDATE, "Ana", "reconsidered");

        String folder = OutputTables.MODEL_VERSIONS.location(StorageLayout.underOneRoot(dir.toString()));
        assertEquals(models.resolve("versions") + "/", folder);
        List<Path> files;
        try (var s = Files.list(Path.of(folder))) {
            files = s.toList();
        }
        assertEquals(List.of("deposit-r1.json"), files.stream().map(p -> p.getFileName().toString()).toList(),
                "nothing else in the table's folder (no checksum, no temporary file)");
        OutputTableContract.assertJsonLineIsTable(OutputTables.MODEL_VERSIONS, Files.readString(files.get(0)));
    }
}
