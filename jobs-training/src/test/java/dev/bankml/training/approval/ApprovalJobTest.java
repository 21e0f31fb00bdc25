package dev.bankml.training.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseBusyException;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.versions.ModelStatus;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.training.versions.Versions;

/** The approval job, as Glue (or bin/pipeline) runs it, on plain files: it decides holding the warehouse, or not at all. */
class ApprovalJobTest {
    @TempDir
    Path dir;
    private Storage storage;
    private Path models;
    private Path ledger;

    @BeforeEach
    void aChampionAndACandidate() throws IOException {
        storage = new Storage(new Configuration());
        models = dir.resolve("artifacts/models");
        ledger = Files.createDirectories(dir.resolve("cleaned/ledger"));
        ModelVersions versions = new ModelVersions(storage, models.toString());
        Versions.saved(models, versions, "deposit", "r1", List.of(), ModelStatus.APPROVED);
        Versions.saved(models, versions, "deposit", "r2", List.of(), ModelStatus.CANDIDATE);
        ModelStore store = new ModelStore(storage, models.toString());
        store.promote(store.ofRun("deposit", "r1"));
    }

    private ApprovalConfig config(String... more) {
        List<String> argv = new ArrayList<>(List.of("--model_path", models.toString(), "--ledger_path",
                ledger.toString(), "--by", "Ana Silva", "--reason", "better on two months of outcomes"));
        argv.addAll(List.of(more));
        return ApprovalJob.JOB.configure(GlueArgs.parse(argv.toArray(String[]::new)));
    }

    @Test
    void anApprovalMakesTheVersionTheChampionAndSaysWhatItDid() {
        ApprovalOutcome o = ApprovalJob.decide(storage, config("--model_run", "r2"));
        assertEquals("version r2 (xgboost, label 'deposit') approved by Ana Silva: better on two months of outcomes; "
                + "version r1 (xgboost) retired; the champion pointer names it: lead deliveries are scored with it from "
                + "the next cycle", o.message());
        assertEquals("r2", new ModelStore(storage, models.toString()).champion("deposit").orElseThrow().runId());
        ApprovalOutcome rejected = ApprovalJob.decide(storage, config("--model_run", "r1", "--decision", "reject"));
        assertEquals(ModelStatus.REJECTED, rejected.version().status());
    }

    @Test
    void aDecisionWhileACycleHoldsTheWarehouseIsRefusedAtOnceAndChangesNothing() throws IOException {
        String before = Versions.folder(models) + Files.readString(models.resolve("deposit/champion.json"));
        try (WarehouseLock cycle = WarehouseLock.take(storage, ledger.toString(), "bin/pipeline cycle", "cycle-7", "r7")) {
            WarehouseBusyException e = assertThrows(WarehouseBusyException.class,
                    () -> ApprovalJob.decide(storage, config("--model_run", "r2")));
            assertTrue(e.getMessage().startsWith("another cycle is running since "), e.getMessage());
            assertEquals(before, Versions.folder(models) + Files.readString(models.resolve("deposit/champion.json")));
        }
        // And the other way round: while a decision holds the warehouse, a cycle's job is refused.
        try (WarehouseLock decision = WarehouseLock.take(storage, ledger.toString(), "approval job", "a1", "a1")) {
            assertThrows(WarehouseBusyException.class, () -> WarehouseLock.take(storage, ledger.toString(),
                    "monitoring job", "cycle-8", "r8"));
        }
    }

    @Test
    void theDecisionNeedsTheVersionWhoAndWhy() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class, () -> ApprovalJob.JOB.configure(
                GlueArgs.parse("--model_path", models.toString(), "--ledger_path", ledger.toString(), "--model_run", "r2")));
        assertTrue(e.getMessage().contains("--by"), e.getMessage());
    }
}
