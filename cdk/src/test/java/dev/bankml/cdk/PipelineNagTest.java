package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions pack, applied by the app itself, finds nothing that is not excused in writing. */
class PipelineNagTest {
    private static SynthesizedPipeline synth;
    private static Annotations annotations;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        annotations = Annotations.fromStack(synth.stack());
    }

    @Test
    void noUnsuppressedErrors() {
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertEquals(List.of(), errors.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList());
    }

    @Test
    void noUnsuppressedWarnings() {
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertEquals(List.of(), warnings.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList());
    }

    @Test
    void theChecksReallyRan() {
        // The nag report lists every rule checked: a missing aspect would pass the two tests above silently.
        String report = SynthesizedPipeline.read(SynthesizedPipeline.projectRoot()
                .resolve("cdk/target/cdk-test-out/default/AwsSolutions-BankMlPipeline-dev-NagReport.csv"));
        for (String rule : List.of("AwsSolutions-S1", "AwsSolutions-S2", "AwsSolutions-S10", "AwsSolutions-IAM4",
                "AwsSolutions-IAM5", "AwsSolutions-KMS5", "AwsSolutions-GL1", "AwsSolutions-GL3", "AwsSolutions-SNS3")) {
            assertTrue(report.contains("\"" + rule + "\""), rule + " was not checked");
        }
    }

    /** Every suppression: a real reason, and for wildcard findings an exact list of what it excuses. */
    @Test
    @SuppressWarnings("unchecked")
    void everySuppressionIsNarrowAndExplained() {
        List<String> seen = new ArrayList<>();
        synth.resources().forEach((id, r) -> {
            Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) r).get("Metadata");
            if (metadata == null || !metadata.containsKey("cdk_nag")) {
                return;
            }
            List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) metadata.get("cdk_nag"))
                    .get("rules_to_suppress");
            for (Map<String, Object> rule : rules) {
                String reason = (String) rule.get("reason");
                assertTrue(reason != null && reason.length() >= 60, id + " " + rule.get("id") + ": reason too short: " + reason);
                seen.add(id + "/" + rule.get("id"));
                if (!"AwsSolutions-IAM5".equals(rule.get("id"))) {
                    continue;
                }
                List<Object> appliesTo = (List<Object>) rule.get("applies_to");
                assertTrue(appliesTo != null && !appliesTo.isEmpty(), id + " " + rule.get("id") + " must list what it excuses");
                for (Object a : appliesTo) {
                    assertTrue(a instanceof String, "exact findings only, no patterns: " + a);
                    assertFalse(((String) a).matches("Resource::<[^>]*>/\\*|Resource::arn:[^/]*:\\*|Action::.*"),
                            "too broad: " + a);
                }
            }
        });
        // Only the roles' policies need excuses: IAM5, for written reasons (the crawlers': objects, tables, log
        // streams, the action without resource-level permission; the jobs': objects, functions, log groups,
        // the two actions without resource-level permission).
        String crawlers = synth.logicalIdOf(synth.stack().crawlerRole().policy()) + "/AwsSolutions-IAM5";
        String jobs = synth.logicalIdOf(synth.stack().jobRole().policy()) + "/AwsSolutions-IAM5";
        // And each job, for GL3: there are no job bookmarks to encrypt.
        java.util.Set<String> expected = new java.util.TreeSet<>(List.of(crawlers, jobs));
        for (String step : List.of("clean", "evaluate", "train", "score")) {
            expected.add(synth.logicalIdNamed("AWS::Glue::Job", "Name", "bankml-dev-" + step) + "/AwsSolutions-GL3");
        }
        assertEquals(expected, new java.util.TreeSet<>(seen));
        assertEquals(4, seen.stream().filter(crawlers::equals).count());
        assertEquals(4, seen.stream().filter(jobs::equals).count());
        assertEquals(12, seen.size(), seen.toString());
    }
}
