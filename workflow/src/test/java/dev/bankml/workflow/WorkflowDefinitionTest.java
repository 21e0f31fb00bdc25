package dev.bankml.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.settings.InvalidSettingException;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.Settings;

class WorkflowDefinitionTest {
    private final WorkflowDefinition wf = WorkflowDefinition.of(
            new StorageLayout("s3://raw-b", "s3://cleaned-b/", "s3://artifacts-b"),
            SettingValues.defaults(SettingValues.Defaults.JOB).with(Settings.EXCLUDE_FEATURES, List.of("duration")));

    @Test
    void isOneChainInTheReferenceOrder() {
        assertEquals(List.of("crawl-raw", "clean", "crawl-cleaned", "train", "score"),
                wf.steps().stream().map(Step::id).toList());
        for (int i = 1; i < wf.steps().size(); i++) {
            assertEquals(wf.steps().get(i - 1).id(), wf.steps().get(i).after().orElseThrow());
        }
        assertTrue(wf.steps().get(0).after().isEmpty());
    }

    @Test
    void eachStepReadsWhatThePreviousOneWrites() {
        assertEquals(wf.step("crawl-raw").reads(), wf.step("clean").reads());
        assertEquals(wf.step("clean").writes(), wf.step("crawl-cleaned").reads());
        assertEquals(wf.step("crawl-cleaned").writes(), wf.step("train").reads());
        assertEquals("bankml.cleaned_bank", wf.step("train").job().orElseThrow().arguments().get(Settings.SOURCE_TABLE.name()));
        assertEquals(wf.step("train").writes(), wf.step("score").reads());
    }

    @Test
    void jobArgumentsComeFromTheLayoutAndSettings() {
        Step.Job clean = wf.step("clean").job().orElseThrow();
        assertEquals("s3://raw-b/bank/", clean.arguments().get(Settings.SOURCE_PATH.name()));
        assertEquals("s3://cleaned-b/bank/", clean.arguments().get(Settings.TARGET_PATH.name()));
        assertEquals("s3://cleaned-b/quarantine/", clean.arguments().get(Settings.REJECTED_PATH.name()));
        assertEquals("duration", wf.step("train").job().orElseThrow().arguments().get(Settings.EXCLUDE_FEATURES.name()));
        assertEquals(List.of("--source_path", "s3://raw-b/bank/"), List.of(clean.argv()).subList(0, 2));
    }

    @Test
    void settingsRefuseNamesAwsWouldRefuse() {
        assertThrows(InvalidSettingException.class, () -> Settings.ENVIRONMENT.parse("Prod_1"));
        assertThrows(InvalidSettingException.class, () -> Settings.DATABASE_NAME.parse("bank-ml"));
    }

    @Test
    void everyJobGetsEveryDeploymentSettingItReadsAndNoOther() {
        Step.Job train = wf.step("train").job().orElseThrow();
        assertEquals(JobKind.TRAINING, train.kind());
        assertEquals("standard", train.arguments().get(Settings.TUNING.name()));
        assertEquals("0.01", train.arguments().get(Settings.PROMOTION_MARGIN.name()));
        assertEquals("42", train.arguments().get(Settings.SEED.name()));
        Step.Job clean = wf.step("clean").job().orElseThrow();
        assertEquals("0.05", clean.arguments().get(Settings.MAX_REJECTED_FRACTION.name()));
        assertTrue(!clean.arguments().containsKey(Settings.TUNING.name()), clean.arguments().toString());
        assertTrue(!train.arguments().containsKey(Settings.MAX_REJECTED_FRACTION.name()), train.arguments().toString());
        // An optional deployment setting nobody set is not passed at all.
        assertTrue(!clean.arguments().containsKey(Settings.CLOUDWATCH_ENDPOINT.name()));
    }
}
