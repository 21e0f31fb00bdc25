package dev.bankml.cdk;

import static dev.bankml.cdk.SynthesizedPipeline.arnOf;
import static dev.bankml.cdk.SynthesizedPipeline.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * A delivery's event cannot be lost without a trace, nor a delivery wait for more than a week: the
 * rules retry for a day, then keep what they could not deliver in an encrypted dead-letter queue that
 * only they may write to; alarms fire on their failed invocations and on any dead letter; and a
 * scheduled rule notifies the workflow every {@code catchUpDays} days.
 */
class DeliveryEventsTest {
    private static SynthesizedPipeline synth;
    private static Template template;
    private static String queue;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        template = synth.template();
        queue = synth.logicalIdOf(synth.stack().events().orElseThrow().deadLetters());
    }

    private static Map<String, Object> workflowArn() {
        return Map.of("Fn::Join", List.of("", List.of("arn:", ref("AWS::Partition"), ":glue:", ref("AWS::Region"), ":",
                ref("AWS::AccountId"), ":workflow/bankml-dev-pipeline")));
    }

    /** The target both rules share: the workflow, through the role, retried for a day, then dead-lettered. */
    private static Object target() {
        return Match.objectEquals(Map.of("Id", "workflow", "Arn", workflowArn(),
                "RoleArn", arnOf(synth.logicalIdOf(synth.stack().events().orElseThrow().role())),
                "DeadLetterConfig", Map.of("Arn", arnOf(queue)),
                "RetryPolicy", Map.of("MaximumEventAgeInSeconds", 86400, "MaximumRetryAttempts", 185)));
    }

    @Test
    void aNotificationGlueDoesNotTakeIsRetriedForADayThenKept() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("Name", "bankml-dev-deliveries",
                "Targets", List.of(target()))));
        // Encrypted at rest (SQS-managed keys: EventBridge needs no key grant), kept the longest SQS allows.
        template.resourceCountIs("AWS::SQS::Queue", 1);
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectEquals(Map.of(
                "QueueName", "bankml-dev-delivery-events-dead-letters",
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 14 * 24 * 3600)));
    }

    @Test
    void onlyOurTwoRulesMayWriteToTheDeadLetterQueueAndOnlyOverTls() {
        Map<String, Object> rules = Map.of("aws:SourceArn", List.of(WorkflowGraphTest.ruleArn("bankml-dev-deliveries"),
                WorkflowGraphTest.ruleArn("bankml-dev-catch-up")));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of(
                "Queues", List.of(ref(queue)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Effect", "Deny", "Condition", Map.of("Bool",
                                Map.of("aws:SecureTransport", "false")))),
                        Match.objectEquals(Map.of("Sid", "OurRulesDeadLetters", "Effect", "Allow",
                                "Principal", Map.of("Service", "events.amazonaws.com"), "Action", "sqs:SendMessage",
                                "Resource", arnOf(queue), "Condition", Map.of("ArnEquals", rules))))))))));
    }

    @Test
    void aScheduledNotificationCatchesUpWithAnyLostDeliveryEveryWeek() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectEquals(Map.of("Name", "bankml-dev-catch-up",
                "Description", Match.anyValue(),
                "ScheduleExpression", "rate(7 days)",
                "State", Match.absent(),
                "Targets", List.of(target()))));
        assertEquals("rate(1 day)", DeliveryEvents.rate(1));
        assertEquals("rate(31 days)", DeliveryEvents.rate(31));
    }

    @Test
    void failedInvocationsAndDeadLettersRaiseAnAlarmToTheTopic() {
        List<Object> topic = List.of(ref(synth.logicalIdOf(synth.stack().alerts().topic())));
        for (String rule : List.of("bankml-dev-deliveries", "bankml-dev-catch-up")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "AlarmName", rule + "-failed-invocations",
                    "Namespace", "AWS/Events",
                    "MetricName", "FailedInvocations",
                    "Dimensions", List.of(Map.of("Name", "RuleName", "Value", rule)),
                    "Statistic", "Sum",
                    "Threshold", 1,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "TreatMissingData", "notBreaching",
                    "AlarmActions", topic)));
        }
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "bankml-dev-delivery-events-dead-lettered",
                "Namespace", "AWS/SQS",
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))),
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "AlarmActions", topic)));
    }
}
