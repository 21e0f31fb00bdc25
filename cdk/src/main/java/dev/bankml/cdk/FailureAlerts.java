package dev.bankml.cdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleProps;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.SnsTopic;
import software.amazon.awscdk.services.events.targets.SnsTopicProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.TopicProps;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Tells people when the pipeline breaks: an encrypted SNS topic (optionally with an e-mail
 * subscription), and EventBridge rules sending every failed, timed-out, errored or stopped run of our
 * jobs and every failed crawl of our crawlers to it. CloudWatch alarms publish to the same topic.
 */
public class FailureAlerts extends Construct {

    /**
     * @param namePrefix        prefix of the topic, rule and alarm names
     * @param key               encrypts the topic
     * @param jobNames          the jobs watched
     * @param crawlerNames      the crawlers watched
     * @param notificationEmail subscribed to the topic when present
     */
    public record Props(String namePrefix, IKey key, List<String> jobNames, List<String> crawlerNames,
            Optional<String> notificationEmail) {
    }

    /** Job run states that mean "this run did not produce its output". */
    public static final List<String> FAILED_JOB_STATES = List.of("FAILED", "TIMEOUT", "ERROR", "STOPPED");
    /** The crawler state of a failed crawl (crawler events spell it this way). */
    public static final List<String> FAILED_CRAWLER_STATES = List.of("Failed");

    private final Topic topic;
    private final String jobFailuresRuleName;
    private final String crawlerFailuresRuleName;
    private final Rule jobFailures;
    private final Rule crawlerFailures;

    public FailureAlerts(Construct scope, String id, Props props) {
        super(scope, id);
        this.jobFailuresRuleName = props.namePrefix() + "-job-failures";
        this.crawlerFailuresRuleName = props.namePrefix() + "-crawler-failures";
        this.topic = new Topic(this, "Topic", TopicProps.builder()
                .topicName(props.namePrefix() + "-alerts")
                .displayName("Bank ML pipeline alerts (" + props.namePrefix() + ")")
                .masterKey(props.key())
                .enforceSsl(true)
                .build());
        props.notificationEmail().ifPresent(e -> topic.addSubscription(new EmailSubscription(e)));

        // EventBridge and CloudWatch publish to an encrypted topic with the key, so the key policy must
        // let those two services use it (the topic policy alone is not enough).
        props.key().addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowEventBridgeAndCloudWatchToPublishEncryptedAlerts")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("events.amazonaws.com"),
                        new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey"))
                .resources(List.of("*"))
                .build());
        // Alarms in this account whose names carry our prefix may publish.
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowOurAlarmsToPublish")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn", "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":"
                                + Aws.ACCOUNT_ID + ":alarm:" + props.namePrefix() + "-*")))
                .build());

        this.jobFailures = new Rule(this, "JobFailures", RuleProps.builder()
                .ruleName(jobFailuresRuleName)
                .description("A run of a pipeline job failed, timed out, errored or was stopped")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.glue"))
                        .detailType(List.of("Glue Job State Change"))
                        .detail(Map.of("jobName", props.jobNames(), "state", FAILED_JOB_STATES))
                        .build())
                .build());
        jobFailures.addTarget(new SnsTopic(topic, SnsTopicProps.builder()
                .message(RuleTargetInput.fromText("Glue job " + EventField.fromPath("$.detail.jobName") + " run "
                        + EventField.fromPath("$.detail.jobRunId") + " ended " + EventField.fromPath("$.detail.state")
                        + ": " + EventField.fromPath("$.detail.message")))
                .build()));

        this.crawlerFailures = new Rule(this, "CrawlerFailures", RuleProps.builder()
                .ruleName(crawlerFailuresRuleName)
                .description("A crawl of a pipeline crawler failed")
                .eventPattern(EventPattern.builder()
                        .source(List.of("aws.glue"))
                        .detailType(List.of("Glue Crawler State Change"))
                        .detail(Map.of("crawlerName", props.crawlerNames(), "state", FAILED_CRAWLER_STATES))
                        .build())
                .build());
        crawlerFailures.addTarget(new SnsTopic(topic, SnsTopicProps.builder()
                .message(RuleTargetInput.fromText("Glue crawler " + EventField.fromPath("$.detail.crawlerName")
                        + " failed: " + EventField.fromPath("$.detail.errorMessage")))
                .build()));
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
