package dev.bankml.training.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.training.champion.ModelStore;

/** Approving, rejecting and rolling back model versions on a real model store folder (no Spark needed). */
class ApprovalTest {
    @TempDir
    Path dir;
    private ModelStore store;
    private ModelVersions versions;
    private Approval approval;

    @BeforeEach
    void threeVersionsOfDepositAndOneOfDefault() throws IOException {
        Storage storage = new Storage(new Configuration());
        store = new ModelStore(storage, dir.toString());
        versions = new ModelVersions(storage, dir.toString());
        approval = new Approval(store, versions, List.of("deposit", "default"));
        version("deposit", "r1", List.of(), ModelStatus.APPROVED);
        version("deposit", "r2", List.of(), ModelStatus.CANDIDATE);
        version("deposit", "r3", List.of("duration"), ModelStatus.CANDIDATE);
        version("default", "d1", List.of(), ModelStatus.CANDIDATE);
        store.promote(store.ofRun("deposit", "r1"));
    }

    /** A saved model's descriptor (what the store reads) and its version record. */
    private void version(String label, String run, List<String> afterCall, ModelStatus status) throws IOException {
        Path model = dir.resolve(label + "/runs/" + run + "/xgboost");
        Files.createDirectories(model);
        Files.writeString(model.resolve("model.json"), "{\"run_id\": \"" + run + "\", \"label\": \"" + label
                + "\", \"model\": \"xgboost\", \"model_dir\": \"runs/" + run + "/xgboost\", \"threshold\": 0.5, "
                + "\"features\": [\"age\"], \"excluded_features\": []}");
        versions.save(new ModelVersion(run, label, "xgboost", List.of("age"), afterCall, List.of(), 100,
                new ModelVersion.TestFigures(0.8, 0.7, 0.1, 0.5, 20), new ModelVersion.Gate(true, "first"),
                "2026-01-01T00:00:00Z", List.of(new ModelVersion.Event("2026-01-01T00:00:00Z", status, "gate", "passed"))));
    }

    private String champion() {
        return store.champion("deposit").orElseThrow().runId();
    }

    @Test
    void approvingACandidateMakesItTheChampionAndRetiresTheOneItReplacesAndApprovingThatOneAgainIsARollback() {
        approval.approve("deposit", "r2", "Ana Silva", "better on three months in the shadow", "");
        assertEquals("r2", champion());
        assertEquals(ModelStatus.APPROVED, versions.find("deposit", "r2").orElseThrow().status());
        ModelVersion r1 = versions.find("deposit", "r1").orElseThrow();
        assertEquals(ModelStatus.RETIRED, r1.status());
        assertEquals("Ana Silva", r1.last(ModelStatus.RETIRED).by());

        approval.approve("deposit", "r1", "Ana Silva", "r2 drifted in May", "");
        assertEquals("r1", champion());
        assertEquals("rollback: r2 drifted in May", versions.find("deposit", "r1").orElseThrow()
                .last(ModelStatus.APPROVED).reason());
        assertEquals(ModelStatus.RETIRED, versions.find("deposit", "r2").orElseThrow().status());
    }

    @Test
    void whatCannotBeApprovedIsRefusedInOneLineAndNothingChanges() throws IOException {
        byte[] pointer = Files.readAllBytes(dir.resolve("deposit/champion.json"));
        String unknown = refused(() -> approval.approve("deposit", "r9", "Ana", "why", ""));
        assertEquals("no model version 'r9' for label 'deposit'; its versions are r1 (approved), r2 (candidate), "
                + "r3 (candidate)", unknown);
        assertTrue(refused(() -> approval.approve("deposit", "d1", "Ana", "why", ""))
                .startsWith("version d1 predicts 'default', not 'deposit'"));
        assertEquals("version r3 reads duration, known only after the call: it cannot score leads. Train with "
                + "--features pre_call.", refused(() -> approval.approve("deposit", "r3", "Ana", "why",
                "Train with --features pre_call.")));
        assertEquals("version r1 is the champion of label 'deposit' already",
                refused(() -> approval.approve("deposit", "r1", "Ana", "why", "")));
        approval.reject("deposit", "r2", "Ana", "worse on the May outcomes");
        assertTrue(refused(() -> approval.approve("deposit", "r2", "Bo", "why", ""))
                .startsWith("version r2 was rejected by Ana at "));
        assertTrue(refused(() -> approval.reject("deposit", "r1", "Bo", "why"))
                .startsWith("version r1 is the champion of label 'deposit': approve another version first"));
        assertEquals(new String(pointer), Files.readString(dir.resolve("deposit/champion.json")), "the pointer as it was");
        assertEquals(ModelStatus.APPROVED, versions.find("deposit", "r1").orElseThrow().status());
    }

    @Test
    void anApprovalInterruptedAfterThePointerMovedIsCompletedFromThePointer() {
        store.promote(store.ofRun("deposit", "r2")); // the crash: the pointer moved, nothing recorded yet
        approval.reconcile("deposit");
        assertEquals(ModelStatus.APPROVED, versions.find("deposit", "r2").orElseThrow().status());
        assertEquals(Approval.RECOVERY, versions.find("deposit", "r2").orElseThrow().last(ModelStatus.APPROVED).by());
        assertEquals(ModelStatus.RETIRED, versions.find("deposit", "r1").orElseThrow().status());
        assertTrue(Files.exists(dir.resolve("deposit/champion.json")));
        try (var files = Files.list(dir.resolve("deposit"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList(),
                    "no half-written file left beside the pointer");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String refused(Runnable action) {
        return assertThrows(JobConfigurationException.class, action::run).getMessage();
    }
}
