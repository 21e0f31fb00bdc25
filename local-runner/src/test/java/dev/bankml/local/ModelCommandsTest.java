package dev.bankml.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseBusyException;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.history.MonitoringRecord;
import dev.bankml.training.versions.ModelStatus;
import dev.bankml.training.versions.ModelVersion;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.workflow.StorageLayout;

/**
 * bin/pipeline models, approve, reject and trace: their parsing and refusals, a decision carried out on a
 * warehouse of plain files by the approval job's code, and the trace's lines. No Spark session.
 */
class ModelCommandsTest {
    private static final String BY = "Ana Silva";

    @Test
    void aDecisionNeedsOneRunWhoAndWhyAndIsRefusedBeforeAnythingRuns(@TempDir Path dir) {
        String w = dir.resolve("w").toString();
        RunnerCommandLineTest.Result none = RunnerCommandLineTest.Result.of("approve", "--warehouse", w, "--by", BY,
                "--reason", "ok");
        assertEquals(2, none.status(), none.output());
        assertTrue(none.output().contains("bin/pipeline approve takes one RUN (the training run that saved the "
                + "version: bin/pipeline models lists them), not none"), none.output());
        RunnerCommandLineTest.Result two = RunnerCommandLineTest.Result.of("reject", "--warehouse", w, "r1", "r2");
        assertEquals(2, two.status(), two.output());
        assertTrue(two.output().contains("takes one RUN"), two.output());
        RunnerCommandLineTest.Result noReason = RunnerCommandLineTest.Result.of("approve", "r1", "--warehouse", w,
                "--by", BY);
        assertEquals(2, noReason.status(), noReason.output());
        assertTrue(noReason.output().contains("--reason"), noReason.output());
        RunnerCommandLineTest.Result decision = RunnerCommandLineTest.Result.of("approve", "r1", "--warehouse", w,
                "--decision", "reject");
        assertEquals(2, decision.status(), "the command's name is the decision: " + decision.output());
        RunnerCommandLineTest.Result trace = RunnerCommandLineTest.Result.of("trace", "--warehouse", w);
        assertTrue(trace.output().contains("bin/pipeline trace takes one RECORD_ID"), trace.output());
        assertEquals(false, Files.exists(dir.resolve("w")), "nothing was written");
    }

    @Test
    void approveMakesTheCandidateTheChampionModelsListsItAndABusyWarehouseRefuses(@TempDir Path dir) throws IOException {
        Path w = dir.resolve("w");
        StorageLayout layout = StorageLayout.underOneRoot(w.toString());
        Storage storage = new Storage(new Configuration());
        ModelVersions versions = new ModelVersions(storage, layout.models());
        Path models = Path.of(layout.models());
        saved(models, versions, "r1", ModelStatus.APPROVED);
        saved(models, versions, "r2", ModelStatus.CANDIDATE);
        ModelStore store = new ModelStore(storage, layout.models());
        store.promote(store.ofRun("deposit", "r1"));

        try (WarehouseLock cycle = WarehouseLock.take(storage, layout.ledger(), "bin/pipeline cycle", "c7", "r7")) {
            RunnerCommandLineTest.Result busy = RunnerCommandLineTest.Result.of("approve", "r2", "--warehouse",
                    w.toString(), "--by", BY, "--reason", "better in the shadow");
            assertEquals(WarehouseBusyException.EXIT_STATUS, busy.status(), busy.output());
        }
        RunnerCommandLineTest.Result unknown = RunnerCommandLineTest.Result.of("approve", "r9", "--warehouse",
                w.toString(), "--by", BY, "--reason", "x");
        assertEquals(2, unknown.status(), unknown.output());
        assertTrue(unknown.output().contains("r1") && unknown.output().contains("r2"), "names the known runs: "
                + unknown.output());
        assertEquals("r1", store.champion("deposit").orElseThrow().runId(), "a refusal changes nothing");

        RunnerCommandLineTest.Result approved = RunnerCommandLineTest.Result.of("approve", "r2", "--warehouse",
                w.toString(), "--by", BY, "--reason", "better in the shadow");
        assertEquals(0, approved.status(), approved.output());
        assertTrue(approved.output().contains("version r2 (xgboost, label 'deposit') approved by Ana Silva: better in "
                + "the shadow; version r1 (xgboost) retired"), approved.output());
        assertEquals("r2", store.champion("deposit").orElseThrow().runId());

        RunnerCommandLineTest.Result listed = RunnerCommandLineTest.Result.of("models", "--warehouse", w.toString());
        assertEquals(0, listed.status(), listed.output());
        String r2 = listed.output().lines().filter(l -> l.startsWith("r2 ")).findFirst().orElseThrow();
        assertTrue(r2.matches("r2\\s+xgboost\\s+pre-call \\(1\\)\\s+approved\\s+0\\.8000\\s+Ana Silva, 20\\d\\d-.*"), r2);
        assertTrue(listed.output().contains("retired by Ana Silva: replaced by r2: better in the shadow"),
                listed.output());
    }

    @Test
    void theTraceNamesTheModelTheDeliveriesItLearntFromAndTheApprovalInForceWhenItScored() {
        ModelVersion v = version("r2", ModelStatus.CANDIDATE)
                .with(new ModelVersion.Event("2026-02-01T09:00:00Z", ModelStatus.APPROVED, BY, "better in the shadow"))
                .with(new ModelVersion.Event("2026-04-01T09:00:00Z", ModelStatus.RETIRED, "Bo", "replaced by r3"))
                .with(new ModelVersion.Event("2026-05-01T09:00:00Z", ModelStatus.APPROVED, "Bo", "rollback: r3 drifted"));
        MonitoringRecord scoring = MonitoringRecord.of(MonitoringRecord.SCORING, "c", "s1", "deposit")
                .at("2026-03-02T08:00:00Z").delivery("leads", "mar", "leads/mar.csv", "mar@1").build();
        List<String> lines = TraceCommand.describe("42", "deposit",
                List.of(new TraceCommand.Scoring("mar", "xgboost", "r2", "s1", 7, true, 0.61)),
                (label, run) -> Optional.of(v).filter(x -> x.runId().equals(run)), List.of(scoring));
        assertEquals(List.of(
                "Record 42, label deposit: scored in 1 lead delivery",
                "  delivery mar, scoring run s1 at 2026-03-02 08:00:00: rank 7, on the contact list, P(yes) 0.6100",
                "    model xgboost, version r2 (now approved), pre-call (1)",
                "    trained 2026-01-01 00:00:00 on 64 rows of bank, from jan (outcomes/jan.csv, 80 rows)",
                "    approved by Ana Silva at 2026-02-01 09:00:00: better in the shadow"), lines);
        assertEquals("Record 7 was never scored for label 'deposit' (bin/pipeline sql can search scored_leads for a "
                + "record).", TraceCommand.describe("7", "deposit", List.of(), (l, r) -> Optional.empty(), List.of())
                .get(0));
    }

    @Test
    void theTableSaysWhatKeepsAnAfterCallModelFromLeadsAndWhenNoVersionExists() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        ModelVersion afterCall = new ModelVersion("r3", "deposit", "gbt", new ModelVersion.Inputs(List.of("age",
                "duration"), List.of("duration")), version("r3", ModelStatus.REJECTED).training(),
                version("r3", ModelStatus.REJECTED).test(), new ModelVersion.Gate(false, "after-call"), List.of());
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            VersionTable.print(out, "deposit", List.of(afterCall), Map.of());
            VersionTable.print(out, "loan", List.of(), Map.of());
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("after-call: duration"), text);
        assertTrue(text.contains("(no model version of label 'loan' yet: a training run records one)"), text);
    }

    /** A version of label deposit trained in {@code run}, with one event. */
    private static ModelVersion version(String run, ModelStatus status) {
        return new ModelVersion(run, "deposit", "xgboost", new ModelVersion.Inputs(List.of("age"), List.of()),
                new ModelVersion.Training("2026-01-01T00:00:00Z", "bank",
                        List.of(new ModelVersion.Delivery("jan", "outcomes/jan.csv", "jan@c1", 80)), 64),
                ModelVersion.TestFigures.of(0.8, 0.7, 0.1, 0.5, 16), new ModelVersion.Gate(true, "first"),
                List.of(new ModelVersion.Event("2026-01-01T00:00:00Z", status, "quality gate", "passed")));
    }

    /** The version recorded, and its saved model's descriptor (what the champion pointer copies). */
    private static void saved(Path models, ModelVersions versions, String run, ModelStatus status) throws IOException {
        Path model = Files.createDirectories(models.resolve("deposit/runs/" + run + "/xgboost"));
        Files.writeString(model.resolve("model.json"), "{\"run_id\": \"" + run + "\", \"label\": \"deposit\", "
                + "\"model\": \"xgboost\", \"model_dir\": \"runs/" + run + "/xgboost\", \"threshold\": 0.5, "
                + "\"features\": [\"age\"], \"excluded_features\": []}");
        versions.save(version(run, status));
    }
}
