package dev.bankml.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class WorkflowDefinitionTest {
    private final WorkflowDefinition wf = WorkflowDefinition.of(
            new StorageLayout("s3://raw-b", "s3://cleaned-b/", "s3://artifacts-b"),
            PipelineSettings.localDefaults().withExcludeFeatures(List.of("duration")));

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
        assertEquals("bankml.cleaned_bank", wf.step("train").job().orElseThrow().arguments().get(Arg.SOURCE_TABLE));
        assertEquals(wf.step("train").writes(), wf.step("score").reads());
    }

    @Test
    void jobArgumentsComeFromTheLayoutAndSettings() {
        Step.Job clean = wf.step("clean").job().orElseThrow();
        assertEquals("s3://raw-b/bank/", clean.arguments().get(Arg.SOURCE_PATH));
        assertEquals("s3://cleaned-b/bank/", clean.arguments().get(Arg.TARGET_PATH));
        assertEquals("s3://cleaned-b/quarantine/", clean.arguments().get(Arg.REJECTED_PATH));
        assertEquals("duration", wf.step("train").job().orElseThrow().arguments().get(Arg.EXCLUDE_FEATURES));
        assertEquals(List.of("--source_path", "s3://raw-b/bank/"), List.of(clean.argv()).subList(0, 2));
    }

    @Test
    void settingsRefuseNamesAwsWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> new PipelineSettings("Prod_1", "bankml", "deposit",
                List.of(), "fast", 0.05, 0.01, false));
    }
}
