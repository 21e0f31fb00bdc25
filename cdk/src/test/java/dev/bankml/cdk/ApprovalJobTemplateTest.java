package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.ApprovalSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.WiringSettings;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The approval job on the template: a Glue job a person starts with the version, their name and their reason,
 * that no trigger of the workflow starts, running as a role of its own; the stack prints the command.
 */
class ApprovalJobTemplateTest {
    private static final String NAME = "bankml-dev-" + WorkflowDefinition.APPROVE;

    @Test
    void aPersonStartsTheApprovalJobWithTheVersionWhoAndWhyAndItRunsAsItsOwnRole() {
        SynthesizedPipeline synth = SynthesizedPipeline.defaults();
        Template template = synth.template();
        String approvalRole = synth.logicalIdOf(synth.stack().approvalRole().role());
        template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of(
                "Name", NAME,
                "Role", Map.of("Fn::GetAtt", List.of(approvalRole, "Arn")),
                "MaxRetries", 0,
                "NumberOfWorkers", 2,
                "ExecutionProperty", Map.of("MaxConcurrentRuns", 1),
                "NonOverridableArguments", Match.objectLike(Map.of(
                        "--class", "ApprovalJobEntry",
                        WiringSettings.MODEL_PATH.flag(), Match.anyValue(),
                        WiringSettings.LEDGER_PATH.flag(), Match.anyValue())))));
        // The decision's arguments are the run's: none is fixed, none has a default a person might not see.
        Map<String, Object> job = jobProperties(synth);
        for (String flag : List.of(RunSettings.MODEL_RUN.flag(), ApprovalSettings.BY.flag(), ApprovalSettings.REASON.flag())) {
            assertFalse(String.valueOf(job.get("NonOverridableArguments")).contains(flag), flag);
            assertFalse(String.valueOf(job.get("DefaultArguments")).contains(flag), flag);
        }
        template.hasOutput("ApproveCommand", Match.objectLike(Map.of("Value", Match.stringLikeRegexp(
                "aws glue start-job-run --job-name " + NAME + " --arguments .*--model_run.*--by.*--reason.*"))));
    }

    @Test
    void noTriggerOfTheWorkflowStartsTheApprovalJob() {
        SynthesizedPipeline synth = SynthesizedPipeline.defaults();
        Map<String, Map<String, Object>> triggers = synth.template().findResources("AWS::Glue::Trigger");
        assertFalse(triggers.isEmpty());
        triggers.forEach((id, trigger) -> assertFalse(String.valueOf(trigger).contains(NAME), id + " starts " + NAME));
        assertTrue(synth.stack().deployed().keySet().stream().noneMatch(WorkflowDefinition.APPROVE::equals),
                "the approval is no step of the cycle");
        assertEquals(NAME, synth.stack().approvalJob().name());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jobProperties(SynthesizedPipeline synth) {
        return (Map<String, Object>) synth.resource("AWS::Glue::Job", synth.idNamed("AWS::Glue::Job", NAME))
                .get("Properties");
    }
}
