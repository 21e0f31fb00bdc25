package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One snapshot of the whole template, so any change to what gets deployed shows up in review as a
 * diff of {@code cdk/src/test/resources/snapshot/BankMlPipeline-dev.template.json}. Asset hashes
 * (they change with every jar build) are replaced by a placeholder.
 */
class PipelineSnapshotTest {
    static final String SNAPSHOT = "cdk/src/test/resources/snapshot/BankMlPipeline-dev.template.json";
    static final String UPDATE_PROPERTY = "bankml.updateSnapshots";
    private static String actual;

    @BeforeAll
    static void synthesize() throws IOException {
        SynthesizedPipeline synth = SynthesizedPipeline.defaults();
        actual = normalise(SynthesizedPipeline.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(synth.json())) + "\n";
    }

    /** Replaces every 64-hex-digit asset hash (S3 keys, asset parameters) with a placeholder. */
    static String normalise(String template) {
        return template.replaceAll("[0-9a-f]{64}", "<asset-hash>");
    }

    @Test
    void templateMatchesTheCommittedSnapshot() throws IOException {
        Path root = SynthesizedPipeline.projectRoot();
        Path committed = root.resolve(SNAPSHOT);
        Path written = root.resolve("cdk/target/snapshot/BankMlPipeline-dev.template.json");
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual);
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, actual);
            return;
        }
        if (!Files.isRegularFile(committed)) {
            fail("No snapshot at " + SNAPSHOT + ". Review " + written + " and create it with: "
                    + "mvn -B -pl cdk -am test -Dtest=PipelineSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                    + UPDATE_PROPERTY + "=true");
        }
        String expected = Files.readString(committed);
        if (!expected.equals(actual)) {
            fail("The synthesized template differs from the snapshot. See the difference with:\n  diff " + SNAPSHOT
                    + " cdk/target/snapshot/BankMlPipeline-dev.template.json\nIf the change is intended, update the "
                    + "snapshot with:\n  mvn -B -pl cdk -am test -Dtest=PipelineSnapshotTest "
                    + "-Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true\nand commit it.");
        }
    }

    @Test
    void snapshotHoldsNoAssetHashNorAccountSpecificValue() throws IOException {
        assertFalse(actual.matches("(?s).*[0-9a-f]{64}.*"));
        // Env-agnostic: the account and region are pseudo parameters, never literal values.
        assertFalse(actual.matches("(?s).*\\b\\d{12}\\b.*"), "a 12-digit account id in the template");
    }
}
