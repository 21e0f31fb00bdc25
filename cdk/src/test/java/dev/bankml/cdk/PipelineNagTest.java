package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
                "AwsSolutions-IAM5", "AwsSolutions-KMS5", "AwsSolutions-GL1", "AwsSolutions-GL3", "AwsSolutions-SNS3", "AwsSolutions-SQS2",
                "AwsSolutions-SQS3", "AwsSolutions-SQS4")) {
            assertTrue(report.contains("\"" + rule + "\""), rule + " was not checked");
        }
    }

    /** Every suppression: a real reason, and for wildcard findings an exact list of what it excuses. */
    @Test
    void everySuppressionIsNarrowAndExplained() {
        List<String> seen = NagSuppressionAudit.check(synth.template(), true);
        // Only the roles' policies need excuses: IAM5, for written reasons (the crawlers': objects, tables, log
        // streams, the action without resource-level permission; the jobs': objects, functions, log groups,
        // the two actions without resource-level permission).
        String crawlers = synth.logicalIdOf(synth.stack().crawlerRole().policy()) + "/AwsSolutions-IAM5";
        String jobs = synth.logicalIdOf(synth.stack().jobRole().policy()) + "/AwsSolutions-IAM5";
        // The approval role's: objects under its folders, log groups, the two actions without resource-level permission.
        String approval = synth.logicalIdOf(synth.stack().approvalRole().policy()) + "/AwsSolutions-IAM5";
        // And each job, for GL3: there are no job bookmarks to encrypt; and the delivery events' dead-letter queue,
        // for SQS3: it is the dead-letter queue.
        Set<String> expected = new TreeSet<>(List.of(crawlers, jobs, approval,
                synth.logicalIdOf(synth.stack().events().orElseThrow().deadLetters()) + "/AwsSolutions-SQS3"));
        for (String step : List.of("clean", "evaluate", "train", "score", "approve")) {
            expected.add(synth.idNamed("AWS::Glue::Job", "bankml-dev-" + step) + "/AwsSolutions-GL3");
        }
        assertEquals(expected, new TreeSet<>(seen));
        assertEquals(4, seen.stream().filter(crawlers::equals).count());
        assertEquals(4, seen.stream().filter(jobs::equals).count());
        assertEquals(3, seen.stream().filter(approval::equals).count());
        assertEquals(17, seen.size(), seen.toString());
    }
}
