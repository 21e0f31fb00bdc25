package dev.bankml.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.InvalidSettingException;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.WiringSettings;

class WorkflowDefinitionTest {
    private final WorkflowDefinition wf = WorkflowDefinition.of(
            new StorageLayout("s3://raw-b", "s3://cleaned-b/", "s3://artifacts-b"),
            SettingValues.defaults(SettingValues.Defaults.JOB).with(TrainingSettings.EXCLUDE_FEATURES, List.of("duration")));

    @Test
    void isOneChainInTheCycleOrder() {
        assertEquals(List.of("crawl-raw", "clean", "crawl-cleaned", "evaluate", "train", "score"),
                wf.steps().stream().map(Step::id).toList());
        for (int i = 1; i < wf.steps().size(); i++) {
            assertEquals(wf.steps().get(i - 1).id(), wf.steps().get(i).after().orElseThrow());
        }
        assertTrue(wf.steps().get(0).after().isEmpty());
    }

    @Test
    void eachStepReadsWhatThePreviousOneWrites() {
        Step.Crawler raw = wf.step("crawl-raw").crawler().orElseThrow();
        assertEquals(List.of("s3://raw-b/outcomes/", "s3://raw-b/leads/"), raw.targets());
        assertEquals(List.of("raw_outcomes", "raw_leads"), raw.tableNames());
        Map<String, String> clean = wf.step("clean").job().orElseThrow().arguments();
        assertEquals(raw.targets(), List.of(clean.get(WiringSettings.SOURCE_PATH.name()),
                clean.get(WiringSettings.LEADS_SOURCE_PATH.name())));
        Step.Crawler cleaned = wf.step("crawl-cleaned").crawler().orElseThrow();
        assertEquals(cleaned.targets(), List.of(clean.get(WiringSettings.TARGET_PATH.name()),
                clean.get(WiringSettings.LEADS_TARGET_PATH.name())));
        assertEquals(List.of("cleaned_outcomes", "cleaned_leads"), cleaned.tableNames());
        assertEquals("bankml.cleaned_outcomes", wf.step("train").job().orElseThrow().arguments()
                .get(WiringSettings.SOURCE_TABLE.name()));
        Map<String, String> evaluate = wf.step("evaluate").job().orElseThrow().arguments();
        Map<String, String> score = wf.step("score").job().orElseThrow().arguments();
        assertEquals(clean.get(WiringSettings.TARGET_PATH.name()), evaluate.get(WiringSettings.OUTCOMES_PATH.name()));
        assertEquals(clean.get(WiringSettings.LEADS_TARGET_PATH.name()), score.get(WiringSettings.LEADS_PATH.name()));
        for (String step : List.of("clean", "evaluate", "train", "score")) {
            assertEquals("s3://cleaned-b/ledger/", wf.step(step).job().orElseThrow().arguments()
                    .get(WiringSettings.LEDGER_PATH.name()), step + " finds the deliveries in the one ledger");
        }
        assertEquals(wf.step("train").writes(), score.get(WiringSettings.MODEL_PATH.name()));
    }

    @Test
    void jobArgumentsComeFromTheLayoutAndSettings() {
        Step.Job clean = wf.step("clean").job().orElseThrow();
        assertEquals("s3://raw-b/outcomes/", clean.arguments().get(WiringSettings.SOURCE_PATH.name()));
        assertEquals("s3://cleaned-b/outcomes/", clean.arguments().get(WiringSettings.TARGET_PATH.name()));
        assertEquals("s3://cleaned-b/quarantine/", clean.arguments().get(WiringSettings.REJECTED_PATH.name()));
        assertEquals("duration", wf.step("train").job().orElseThrow().arguments().get(TrainingSettings.EXCLUDE_FEATURES.name()));
        assertEquals(List.of("--source_path", "s3://raw-b/outcomes/"), List.of(clean.argv()).subList(0, 2));
    }

    @Test
    void settingsRefuseNamesAwsWouldRefuse() {
        assertThrows(InvalidSettingException.class, () -> DeploymentSettings.ENVIRONMENT.parse("Prod_1"));
        assertThrows(InvalidSettingException.class, () -> DeploymentSettings.DATABASE_NAME.parse("bank-ml"));
    }

    @Test
    void everyJobGetsEveryDeploymentSettingItReadsAndNoOther() {
        Step.Job train = wf.step("train").job().orElseThrow();
        assertEquals(JobKind.TRAINING, train.kind());
        assertEquals("standard", train.arguments().get(TrainingSettings.TUNING.name()));
        assertEquals("0.01", train.arguments().get(TrainingSettings.PROMOTION_MARGIN.name()));
        assertEquals("42", train.arguments().get(TrainingSettings.SEED.name()));
        Step.Job clean = wf.step("clean").job().orElseThrow();
        assertEquals("0.05", clean.arguments().get(CleaningSettings.MAX_REJECTED_FRACTION.name()));
        assertTrue(!clean.arguments().containsKey(TrainingSettings.TUNING.name()), clean.arguments().toString());
        assertTrue(!train.arguments().containsKey(CleaningSettings.MAX_REJECTED_FRACTION.name()), train.arguments().toString());
        // An optional deployment setting nobody set is not passed at all.
        assertTrue(!clean.arguments().containsKey(DeploymentSettings.CLOUDWATCH_ENDPOINT.name()));
    }

    @Test
    void everyJobIsToldWhatItsRunCostsInDpuSeconds() {
        for (String step : List.of("clean", "evaluate", "train", "score")) {
            Map<String, String> args = wf.step(step).job().orElseThrow().arguments();
            assertEquals("1", args.get(WiringSettings.DPU_PER_WORKER.name()), step + ": G.1X is one DPU");
            assertEquals("2", args.get(WiringSettings.WORKER_COUNT.name()), step);
        }
        WorkflowDefinition bigger = WorkflowDefinition.of(wf.layout(), SettingValues.defaults(SettingValues.Defaults.JOB)
                .with(InfrastructureSettings.WORKER_TYPE, "R.4X").with(InfrastructureSettings.NUMBER_OF_WORKERS, 10L));
        Map<String, String> train = bigger.step("train").job().orElseThrow().arguments();
        assertEquals("4", train.get(WiringSettings.DPU_PER_WORKER.name()));
        assertEquals("10", train.get(WiringSettings.WORKER_COUNT.name()));
    }

    @Test
    void theJobsThatWriteTheAnalystsTablesAreToldTheirNames() {
        Map<String, String> train = wf.step("train").job().orElseThrow().arguments();
        Map<String, String> score = wf.step("score").job().orElseThrow().arguments();
        assertEquals("bankml.metrics_history", train.get(WiringSettings.METRICS_TABLE.name()));
        assertEquals("bankml.scored_leads", score.get(WiringSettings.SCORED_TABLE.name()));
        assertEquals("bankml.monitoring_history", score.get(WiringSettings.MONITORING_TABLE.name()));
        for (String step : List.of("clean", "evaluate")) {
            Map<String, String> args = wf.step(step).job().orElseThrow().arguments();
            WiringSettings.OUTPUT_TABLES.forEach(t -> assertTrue(!args.containsKey(t.name()), step + " " + t));
        }
    }

    @Test
    void theCleanedCrawlerSkipsEveryUnderscoreFileAndFolderAtAnyDepth() {
        assertEquals(List.of("_*", "_*/**", "**/_*", "**/_*/**"),
                wf.step("crawl-cleaned").crawler().orElseThrow().exclusions());
    }
}
