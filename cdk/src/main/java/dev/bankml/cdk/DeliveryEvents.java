package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * Starts a cycle when a delivery lands: an EventBridge rule matches S3 "Object Created" events of the
 * raw bucket under the delivery folders and notifies the Glue workflow (whose EVENT start trigger
 * batches them), through a role allowed exactly {@code glue:notifyEvent} on that workflow and
 * assumable by EventBridge for these rules of this account only. Glue does not deduplicate events; the
 * cycle does not need it to: the cleaning job cleans what the ledger does not have, whatever the events
 * said.
 *
 * <p>No event is lost without a trace: a notification EventBridge cannot deliver is retried for a day,
 * then kept in an encrypted dead-letter queue; an alarm fires on the rules' failed invocations and on
 * any message in that queue. And a notification that reached Glue without starting a run cannot leave a
 * delivery behind for long: a scheduled rule notifies the workflow every {@code catchUpDays} days, and
 * the cycle it starts cleans whatever the ledger lacks (with nothing new, it costs the jobs' minimum).
 */
public class DeliveryEvents extends Construct {

    /**
     * @param rawBucket    the bucket deliveries are uploaded to (EventBridge notifications on)
     * @param prefixes     the key prefixes of the delivery folders ({@code outcomes/}, {@code leads/})
     * @param workflowName the workflow to notify
     * @param namePrefix   prefix of the rules', queue's and alarms' names
     * @param catchUpDays  days between scheduled notifications (0: none)
     * @param alerts       where the alarms notify
     */
    public record Props(Bucket rawBucket, List<String> prefixes, String workflowName, String namePrefix, int catchUpDays,
            ITopic alerts) {
    }

    /** How long EventBridge retries a notification Glue does not accept before it goes to the dead-letter queue. */
    static final int MAXIMUM_EVENT_AGE_SECONDS = 24 * 3600;
    /** EventBridge's own maximum number of retries within that time. */
    static final int MAXIMUM_RETRY_ATTEMPTS = 185;
    /** How long a dead letter is kept (SQS's maximum): long enough to notice it and start a cycle by hand. */
    static final int DEAD_LETTER_DAYS = 14;
    /** EventBridge's count of a rule's invocations that failed for good (namespace AWS/Events, dimension RuleName). */
    public static final String FAILED_INVOCATIONS = "FailedInvocations";

    private final CfnRule rule;
    private final CfnRule catchUp;
    private final Role role;
    private final Queue deadLetters;
    private final List<Alarm> alarms = new ArrayList<>();

    public DeliveryEvents(Construct scope, String id, Props props) {
        super(scope, id);
        // S3 sends the bucket's object events to EventBridge: the plain CloudFormation property, no
        // notification custom resource (which a bucket notification through CDK would add).
        ((CfnBucket) props.rawBucket().getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true).build())
                        .build());
        Stack stack = Stack.of(this);
        String workflowArn = stack.formatArn(ArnComponents.builder().service("glue").resource("workflow")
                .resourceName(props.workflowName()).build());
        String deliveriesName = props.namePrefix() + "-deliveries";
        String catchUpName = props.namePrefix() + "-catch-up";
        List<String> ruleArns = new ArrayList<>(List.of(FailureAlerts.ruleArn(deliveriesName)));
        if (props.catchUpDays() > 0) {
            ruleArns.add(FailureAlerts.ruleArn(catchUpName));
        }
        Map<String, Object> fromOurRules = Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                "ArnEquals", Map.of("aws:SourceArn", ruleArns));

        // EventBridge may assume the role only for these rules of this account (no confused deputy).
        this.role = new Role(this, "Role", RoleProps.builder()
                .assumedBy(new ServicePrincipal("events.amazonaws.com").withConditions(fromOurRules))
                .description("Lets EventBridge notify the bank ML workflow of new deliveries")
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("NotifyWorkflow").actions(List.of("glue:notifyEvent"))
                .resources(List.of(workflowArn)).build());

        String queueName = props.namePrefix() + "-delivery-events-dead-letters";
        this.deadLetters = new Queue(this, "DeadLetters", QueueProps.builder()
                .queueName(queueName)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(DEAD_LETTER_DAYS))
                .build());
        deadLetters.addToResourcePolicy(PolicyStatement.Builder.create().sid("OurRulesDeadLetters")
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sqs:SendMessage"))
                .resources(List.of(deadLetters.getQueueArn()))
                .conditions(Map.of("ArnEquals", Map.of("aws:SourceArn", ruleArns)))
                .build());
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder().id("AwsSolutions-SQS3")
                .reason("This queue is itself the dead-letter queue of the delivery rules' targets: what lands here is "
                        + "a notification EventBridge gave up on, kept 14 days and alarmed on; a queue behind it would "
                        + "only move the same message again.")
                .build()));

        CfnRule.TargetProperty target = CfnRule.TargetProperty.builder()
                .id("workflow")
                .arn(workflowArn)
                .roleArn(role.getRoleArn())
                .deadLetterConfig(CfnRule.DeadLetterConfigProperty.builder().arn(deadLetters.getQueueArn()).build())
                .retryPolicy(CfnRule.RetryPolicyProperty.builder()
                        .maximumEventAgeInSeconds(MAXIMUM_EVENT_AGE_SECONDS)
                        .maximumRetryAttempts(MAXIMUM_RETRY_ATTEMPTS)
                        .build())
                .build();
        this.rule = CfnRule.Builder.create(this, "Rule")
                .name(deliveriesName)
                .description("A delivery landed in the raw bucket: start (a batch of) a cycle")
                .eventPattern(Map.of(
                        "source", List.of("aws.s3"),
                        "detail-type", List.of("Object Created"),
                        "detail", Map.of(
                                "bucket", Map.of("name", List.of(props.rawBucket().getBucketName())),
                                "object", Map.of("key", props.prefixes().stream().map(p -> Map.of("prefix", p)).toList()))))
                .targets(List.of(target))
                .build();
        this.catchUp = props.catchUpDays() <= 0 ? null : CfnRule.Builder.create(this, "CatchUp")
                .name(catchUpName)
                .description("Every " + props.catchUpDays() + " day(s): start a cycle, which cleans any delivery whose "
                        + "event was lost (with nothing new it costs the jobs' minimum)")
                .scheduleExpression(rate(props.catchUpDays()))
                .targets(List.of(target))
                .build();

        SnsAction notify = new SnsAction(props.alerts());
        for (CfnRule r : catchUp == null ? List.of(rule) : List.of(rule, catchUp)) {
            Alarm failed = new Alarm(this, "FailedInvocations" + r.getNode().getId(), AlarmProps.builder()
                    .alarmName(r.getName() + "-failed-invocations")
                    .alarmDescription("EventBridge could not notify the workflow for rule " + r.getName() + ": a delivery "
                            + "may not have started a cycle. Look at the dead-letter queue, then start the workflow by hand")
                    .metric(new Metric(MetricProps.builder().namespace(PipelineMonitoring.EVENTS_NAMESPACE)
                            .metricName(FAILED_INVOCATIONS).dimensionsMap(Map.of("RuleName", r.getName()))
                            .statistic("Sum").period(PipelineMonitoring.PERIOD).build()))
                    .threshold(1)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .evaluationPeriods(1)
                    .treatMissingData(TreatMissingData.NOT_BREACHING)
                    .build());
            alarms.add(failed);
        }
        // A dead letter stays until someone handles it: the alarm stays red as long.
        alarms.add(new Alarm(this, "DeadLettersWaiting", AlarmProps.builder()
                .alarmName(props.namePrefix() + "-delivery-events-dead-lettered")
                .alarmDescription("A delivery notification is in the dead-letter queue " + queueName
                        + ": start the workflow by hand (it cleans whatever the ledger lacks), then purge the queue")
                .metric(deadLetters.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .statistic("Maximum").period(PipelineMonitoring.PERIOD).build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()));
        alarms.forEach(a -> a.addAlarmAction(notify));
    }

    /** EventBridge's schedule expression for every {@code days} days. */
    static String rate(int days) {
        return "rate(" + days + (days == 1 ? " day)" : " days)");
    }

    public CfnRule rule() {
        return rule;
    }

    public Role role() {
        return role;
    }

    public Queue deadLetters() {
        return deadLetters;
    }

    /** The alarms on lost notifications: each rule's failed invocations, a message in the dead-letter queue. */
    public List<Alarm> alarms() {
        return alarms;
    }
}
