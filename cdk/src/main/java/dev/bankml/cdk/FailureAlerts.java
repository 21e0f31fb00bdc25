package dev.bankml.cdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.interfaces.events.IRuleRef;
import software.amazon.awscdk.services.events.IRuleTarget;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleProps;
import software.amazon.awscdk.services.events.RuleTargetConfig;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.kms.KeyProps;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicProps;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Tells people when the pipeline breaks: an SNS topic encrypted with a key of its own (optionally
 * with an e-mail subscription), and EventBridge rules sending every failed, timed-out, errored or
 * stopped run of our jobs and every failed crawl of our crawlers to it. CloudWatch alarms publish to
 * the same topic. Only our rules and our alarms may publish: the topic policy names them.
 */
public class FailureAlerts extends Construct {

    /**
     * @param namePrefix        prefix of the topic, rule, alarm and key alias names
     * @param jobNames          the jobs watched
     * @param crawlerNames      the crawlers watched
     * @param notificationEmail subscribed to the topic when present
     */
    public record Props(String namePrefix, List<String> jobNames, List<String> crawlerNames,
            Optional<String> notificationEmail) {
    }

    /** Job run states that mean "this run did not produce its output". */
    public static final List<String> FAILED_JOB_STATES = List.of("FAILED", "TIMEOUT", "ERROR", "STOPPED");
    /** The crawler state of a failed crawl (crawler events spell it this way). */
    public static final List<String> FAILED_CRAWLER_STATES = List.of("Failed");

    private final Key key;
    private final Topic topic;
    private final String jobFailuresRuleName;
    private final String crawlerFailuresRuleName;
    private final Rule jobFailures;
    private final Rule crawlerFailures;

    public FailureAlerts(Construct scope, String id, Props props) {
        super(scope, id);
        this.jobFailuresRuleName = props.namePrefix() + "-job-failures";
        this.crawlerFailuresRuleName = props.namePrefix() + "-crawler-failures";
        this.key = alertsKey(props.namePrefix());
        this.topic = new Topic(this, "Topic", TopicProps.builder()
                .topicName(props.namePrefix() + "-alerts")
                .displayName("Bank ML pipeline alerts (" + props.namePrefix() + ")")
                .masterKey(key)
                .enforceSsl(true)
                .build());
        props.notificationEmail().ifPresent(e -> topic.addSubscription(new EmailSubscription(e)));
        String alarms = "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":alarm:"
                + props.namePrefix() + "-*";
        List<String> rules = List.of(ruleArn(jobFailuresRuleName), ruleArn(crawlerFailuresRuleName));
        letServicesUseTheKey(alarms);
        letOurAlarmsAndRulesPublish(alarms, rules);

        this.jobFailures = new Rule(this, "JobFailures", RuleProps.builder()
                .ruleName(jobFailuresRuleName)
                .description("A run of a pipeline job failed, timed out, errored or was stopped")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.glue"))
                        .detailType(List.of("Glue Job State Change"))
                        .detail(Map.of("jobName", props.jobNames(), "state", FAILED_JOB_STATES))
                        .build())
                .build());
        jobFailures.addTarget(toTopic(RuleTargetInput.fromText("Glue job " + EventField.fromPath("$.detail.jobName") + " run "
                        + EventField.fromPath("$.detail.jobRunId") + " ended " + EventField.fromPath("$.detail.state")
                        + ": " + EventField.fromPath("$.detail.message"))));

        this.crawlerFailures = new Rule(this, "CrawlerFailures", RuleProps.builder()
                .ruleName(crawlerFailuresRuleName)
                .description("A crawl of a pipeline crawler failed")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.glue"))
                        .detailType(List.of("Glue Crawler State Change"))
                        .detail(Map.of("crawlerName", props.crawlerNames(), "state", FAILED_CRAWLER_STATES))
                        .build())
                .build());
        crawlerFailures.addTarget(toTopic(RuleTargetInput.fromText("Glue crawler " + EventField.fromPath("$.detail.crawlerName")
                        + " failed: " + EventField.fromPath("$.detail.errorMessage"))));
    }

    /**
     * The topic's own key, rotated yearly: the services that publish may use it, and it protects
     * nothing else (the data key stays the data's). Alerts are not kept, so the key goes with the stack.
     */
    private Key alertsKey(String namePrefix) {
        return new Key(this, "Key", KeyProps.builder()
                .alias("alias/" + namePrefix + "-alerts")
                .description("Encrypts the bank ML pipeline's alerts topic")
                .enableKeyRotation(true)
                .pendingWindow(Duration.days(7))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build());
    }

    /**
     * EventBridge and CloudWatch publish to an encrypted topic with its key, so the key policy must let
     * those two services use it (the topic policy alone is not enough): {@code kms:Decrypt} and
     * {@code kms:GenerateDataKey*}, as the SNS guide's key policy for them has it (SNS may ask for
     * either data-key form). CloudWatch's grant carries the
     * account and our alarms' ARNs. EventBridge's carries none: AWS documents no source keys on the KMS
     * request it makes while delivering to a topic, and a condition that never matches would drop every
     * alert silently. The key encrypts these alerts only, and the topic policy admits our rules alone.
     */
    private void letServicesUseTheKey(String alarms) {
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowOurAlarmsToPublishEncryptedAlerts")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .conditions(fromOurAccount("ArnLike", List.of(alarms)))
                .build());
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowEventBridgeToPublishEncryptedAlerts")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
    }

    /** Alarms of this deployment (by name prefix) and exactly its two failure rules may publish. */
    private void letOurAlarmsAndRulesPublish(String alarms, List<String> rules) {
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowOurAlarmsToPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(fromOurAccount("ArnLike", List.of(alarms)))
                .build());
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowOurFailureRulesToPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(fromOurAccount("ArnEquals", rules))
                .build());
    }

    private static Map<String, Object> fromOurAccount(String arnOperator, List<String> sourceArns) {
        return Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                arnOperator, Map.of("aws:SourceArn", sourceArns.size() == 1 ? sourceArns.get(0) : sourceArns));
    }

    /** The ARN of a rule of the account's default event bus, by name. */
    static String ruleArn(String ruleName) {
        return "arn:" + Aws.PARTITION + ":events:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":rule/" + ruleName;
    }

    /**
     * The topic as a rule target, without the unconditioned "events may publish" statement CDK's
     * {@code SnsTopic} target adds to the topic policy ({@link #letOurAlarmsAndRulesPublish} has the
     * narrow one).
     */
    private IRuleTarget toTopic(RuleTargetInput message) {
        return new TopicTarget(topic, message);
    }

    /** A rule target publishing {@code message} to a topic, and adding nothing to the topic's policy. */
    public static final class TopicTarget implements IRuleTarget {
        private final Topic topic;
        private final RuleTargetInput message;

        TopicTarget(Topic topic, RuleTargetInput message) {
            this.topic = topic;
            this.message = message;
        }

        @Override
        public RuleTargetConfig bind(IRuleRef rule, String id) {
            return bind(rule);
        }

        @Override
        public RuleTargetConfig bind(IRuleRef rule) {
            return RuleTargetConfig.builder().arn(topic.getTopicArn()).input(message).targetResource(topic).build();
        }
    }

    public Key key() {
        return key;
    }

    public Topic topic() {
        return topic;
    }

    public Rule jobFailures() {
        return jobFailures;
    }

    public String jobFailuresRuleName() {
        return jobFailuresRuleName;
    }

    public String crawlerFailuresRuleName() {
        return crawlerFailuresRuleName;
    }

    public Rule crawlerFailures() {
        return crawlerFailures;
    }
}
