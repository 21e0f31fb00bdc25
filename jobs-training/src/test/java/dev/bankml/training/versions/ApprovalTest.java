package dev.bankml.training.versions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
        approval = new Approval(store, versions);
        Versions.saved(dir, versions, "deposit", "r1", List.of(), ModelStatus.APPROVED);
        Versions.saved(dir, versions, "deposit", "r2", List.of(), ModelStatus.CANDIDATE);
        Versions.saved(dir, versions, "deposit", "r3", List.of("duration"), ModelStatus.CANDIDATE);
        Versions.saved(dir, versions, "default", "d1", List.of(), ModelStatus.CANDIDATE);
        store.promote(store.ofRun("deposit", "r1"));
    }

    private String champion() {
        return store.champion("deposit").orElseThrow().runId();
    }

    @Test
    void approvingACandidateMakesItTheChampionAndRetiresTheOneItReplacesAndApprovingThatOneAgainIsARollback() {
        Approval.Decision d = approval.approve("deposit", "r2", "Ana Silva", "better on three months in the shadow", "");
        assertEquals("r2", champion());
        assertEquals(ModelStatus.APPROVED, versions.find("deposit", "r2").orElseThrow().status());
        assertEquals("r1", d.replaced().orElseThrow().runId());
        ModelVersion r1 = versions.find("deposit", "r1").orElseThrow();
        assertEquals(ModelStatus.RETIRED, r1.status());
        assertEquals("Ana Silva", r1.last(ModelStatus.RETIRED).orElseThrow().who());
        assertEquals("replaced by r2: better on three months in the shadow", r1.last().reason());

        approval.approve("deposit", "r1", "Ana Silva", "r2 drifted in May", "");
        assertEquals("r1", champion());
        assertEquals("rollback: r2 drifted in May", versions.find("deposit", "r1").orElseThrow()
                .last(ModelStatus.APPROVED).orElseThrow().reason());
        assertEquals(ModelStatus.RETIRED, versions.find("deposit", "r2").orElseThrow().status());
        assertEquals(List.of(ModelStatus.CANDIDATE, ModelStatus.APPROVED, ModelStatus.RETIRED),
                versions.find("deposit", "r2").orElseThrow().events().stream().map(ModelVersion.Event::status).toList(),
                "every status it had, in order");
    }

    @Test
    void whatCannotBeApprovedIsRefusedInOneLineAndNothingChanges() throws IOException {
        byte[] pointer = Files.readAllBytes(dir.resolve("deposit/champion.json"));
        String before = Versions.folder(dir);
        String unknown = refused(() -> approval.approve("deposit", "r9", "Ana", "why", ""));
        assertEquals("no model version 'r9' for label 'deposit'; its versions are r1 (approved), r2 (candidate), "
                + "r3 (candidate)", unknown);
        assertEquals("version d1 predicts 'default', not 'deposit': it cannot approve for label 'deposit' (give --label "
                + "default to approve it there)", refused(() -> approval.approve("deposit", "d1", "Ana", "why", "")));
        assertEquals("version r3 reads duration, known only after the call: it cannot score leads. Train with "
                + "--features pre_call.", refused(() -> approval.approve("deposit", "r3", "Ana", "why",
                "Train with --features pre_call.")));
        assertEquals("version r1 is the champion of label 'deposit' already",
                refused(() -> approval.approve("deposit", "r1", "Ana", "why", "")));
        for (String message : List.of(unknown, refused(() -> approval.approve("deposit", "d1", "Ana", "why", "")))) {
            assertEquals(1, message.lines().count(), "one line: " + message);
        }
        assertEquals(before, Versions.folder(dir), "no version record changed");
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
        assertEquals(Approval.RECOVERY, versions.find("deposit", "r2").orElseThrow().last(ModelStatus.APPROVED)
                .orElseThrow().who());
        assertEquals(ModelStatus.RETIRED, versions.find("deposit", "r1").orElseThrow().status());
        assertTrue(Files.exists(dir.resolve("deposit/champion.json")));
        try (var files = Files.list(dir.resolve("deposit"))) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList(),
                    "no half-written file left beside the pointer");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theChallengerIsTheNewestCandidateThatMayScoreLeadsAndNeverTheChampion() {
        assertEquals(Optional.of("r2"), versions.challenger("deposit", Optional.of("r1")).map(ModelVersion::runId),
                "r3 is newer, but reads an after-call column");
        approval.reject("deposit", "r2", "Ana", "worse");
        assertEquals(Optional.empty(), versions.challenger("deposit", Optional.of("r1")));
        assertEquals(Optional.of("d1"), versions.challenger("default", Optional.empty()).map(ModelVersion::runId));
        assertEquals(Optional.empty(), versions.challenger("default", Optional.of("d1")));
    }

    private static String refused(Runnable action) {
        return assertThrows(JobConfigurationException.class, action::run).getMessage();
    }
}
