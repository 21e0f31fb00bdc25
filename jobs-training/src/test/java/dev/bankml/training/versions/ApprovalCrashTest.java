package dev.bankml.training.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bankml.jobs.Storage;
import dev.bankml.training.champion.ModelStore;

/**
 * An approval is atomic: a crash at any of its writes leaves the old champion or the new one, never neither
 * nor a damaged pointer, and the next decision (or training) completes the records from the pointer. On an
 * object store's semantics (each file written whole), without a child JVM.
 */
class ApprovalCrashTest {
    @TempDir
    Path dir;

    @AfterEach
    void noMoreCrashes() {
        FaultyFileSystem.crashAt(0);
    }

    @Test
    void aCrashAtEveryWriteOfAnApprovalLeavesTheOldOrTheNewChampionAndTheRecordsAreCompletedFromThePointer()
            throws IOException {
        Storage healthy = new Storage(new Configuration());
        Storage faulty = new Storage(FaultyFileSystem.configuration());
        List<String> championAfterCrash = new ArrayList<>();
        for (int write = 1; write < 10; write++) {
            Path models = dir.resolve("crash-at-" + write);
            ModelVersions versions = new ModelVersions(healthy, models.toString());
            Versions.saved(models, versions, "deposit", "r1", List.of(), ModelStatus.APPROVED);
            Versions.saved(models, versions, "deposit", "r2", List.of(), ModelStatus.CANDIDATE);
            ModelStore store = new ModelStore(healthy, models.toString());
            store.promote(store.ofRun("deposit", "r1"));

            String root = FaultyFileSystem.SCHEME + "://" + models;
            FaultyFileSystem.crashAt(write);
            boolean crashed;
            try {
                new Approval(new ModelStore(faulty, root), new ModelVersions(faulty, root))
                        .approve("deposit", "r2", "Ana", "better in the shadow", "");
                crashed = false;
            } catch (UncheckedIOException e) {
                crashed = true;
            }
            FaultyFileSystem.crashAt(0);

            String champion = store.champion("deposit").orElseThrow(() -> new AssertionError("no champion")).runId();
            assertTrue(Set.of("r1", "r2").contains(champion), champion);
            new Approval(store, versions).reconcile("deposit");
            List<String> approved = versions.list("deposit").stream().filter(v -> v.status() == ModelStatus.APPROVED)
                    .map(ModelVersion::runId).toList();
            assertEquals(List.of(champion), approved, "crash at write " + write + ": the records agree with the pointer");
            if (champion.equals("r2")) {
                assertEquals(ModelStatus.RETIRED, versions.find("deposit", "r1").orElseThrow().status());
            }
            if (!crashed) {
                assertEquals("r2", champion);
                break;
            }
            championAfterCrash.add(champion);
        }
        assertEquals(List.of("r1", "r2", "r2"), championAfterCrash,
                "three writes (the pointer, the approval, the retirement), a crash before each");
    }
}
