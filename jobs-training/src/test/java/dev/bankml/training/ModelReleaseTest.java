package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bankml.jobs.Storage;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.GateDecision;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.versions.ModelStatus;
import dev.bankml.training.versions.ModelVersion;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.training.versions.Versions;

/**
 * What a training run does with the model it saved, per the approval setting, on plain files (no Spark):
 * the gate approves it, holds it as a candidate (the pointer left alone), or rejects it; every case a
 * version record.
 */
class ModelReleaseTest {
    @TempDir
    Path dir;
    private ModelStore store;
    private ModelVersions versions;

    /** Champion r1, approved by an earlier run; this run is r2. */
    @BeforeEach
    void aChampion() throws IOException {
        Storage storage = new Storage(new Configuration());
        store = new ModelStore(storage, dir.toString());
        versions = new ModelVersions(storage, dir.toString());
        Versions.saved(dir, versions, "deposit", "r1", List.of(), ModelStatus.APPROVED);
        store.promote(store.ofRun("deposit", "r1"));
        Versions.descriptor(dir, "deposit", "r2");
    }

    private ChampionPointer r2() {
        return store.ofRun("deposit", "r2");
    }

    private void release(GateDecision gate, boolean manual) {
        GateDecision decided = ModelRelease.decide(gate, manual);
        ModelRelease.release(store, versions, Versions.of("deposit", "r2", List.of()), r2(), decided);
    }

    private List<ModelStatus> statuses(String run) {
        return versions.find("deposit", run).orElseThrow().events().stream().map(ModelVersion.Event::status).toList();
    }

    @Test
    void withApprovalAutoTheGateApprovesAndTheModelIsTheChampionAtOnce() {
        release(GateDecision.firstRun(0.8), false);
        assertEquals("r2", store.champion("deposit").orElseThrow().runId());
        assertEquals(List.of(ModelStatus.CANDIDATE, ModelStatus.APPROVED), statuses("r2"));
        ModelVersion.Event approved = versions.find("deposit", "r2").orElseThrow().last();
        assertEquals(ModelRelease.QUALITY_GATE, approved.who());
        assertEquals("--approval auto: first champion for this label", approved.reason());
        assertEquals(ModelStatus.RETIRED, versions.find("deposit", "r1").orElseThrow().status());
    }

    @Test
    void withApprovalManualAModelThatPassesWaitsAsACandidateAndThePointerStays() {
        GateDecision decided = ModelRelease.decide(GateDecision.firstRun(0.8), true);
        assertTrue(decided.passed());
        assertFalse(decided.promoted(), "the pointer does not move");
        assertTrue(decided.reason().startsWith("passed the gate (first champion for this label); a candidate, scored in "
                + "the shadow of the champion until a person approves or rejects it (--approval manual)"), decided.reason());
        release(GateDecision.firstRun(0.8), true);
        assertEquals("r1", store.champion("deposit").orElseThrow().runId());
        assertEquals(List.of(ModelStatus.CANDIDATE), statuses("r2"));
        assertEquals(ModelStatus.APPROVED, versions.find("deposit", "r1").orElseThrow().status());
        assertEquals(Optional.of("r2"), versions.challenger("deposit", Optional.of("r1")).map(ModelVersion::runId));
    }

    @Test
    void aModelTheGateTurnsDownIsRejectedByTheGateWhateverTheApprovalSetting() {
        GateDecision worse = GateDecision.compare(store.ofRun("deposit", "r1"), 0.9, 0.7, 0.01);
        for (boolean manual : List.of(false, true)) {
            release(worse, manual);
            assertEquals("r1", store.champion("deposit").orElseThrow().runId());
            ModelVersion r2 = versions.find("deposit", "r2").orElseThrow();
            assertEquals(ModelStatus.REJECTED, r2.status());
            assertEquals(ModelRelease.QUALITY_GATE, r2.last().who());
            assertTrue(r2.last().reason().startsWith("NOT promoted: new champion AUC-PR 0.7000 is 0.2000 below"),
                    r2.last().reason());
        }
        release(GateDecision.analysisOnly(List.of("duration"), 0.9, "train with --features pre_call"), false);
        assertEquals(ModelStatus.REJECTED, versions.find("deposit", "r2").orElseThrow().status(), "an analysis model");
    }
}
