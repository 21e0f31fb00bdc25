package dev.bankml.cdk;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.constructs.Construct;

/**
 * Starts a cycle when a delivery lands: an EventBridge rule matches S3 "Object Created" events of the
 * raw bucket under the delivery folders and notifies the Glue workflow (whose EVENT start trigger
 * batches them), through a role allowed exactly {@code glue:notifyEvent} on that workflow. Glue does
 * not deduplicate events; the cycle does not need it to: the cleaning job cleans what the ledger does
 * not have, whatever the events said.
 */
public class DeliveryEvents extends Construct {

    /**
     * @param rawBucket      the bucket deliveries are uploaded to (EventBridge notifications on)
     * @param prefixes       the key prefixes of the delivery folders ({@code outcomes/}, {@code leads/})
     * @param workflowName   the workflow to notify
     * @param namePrefix     prefix of the rule's name
     */
    public record Props(Bucket rawBucket, List<String> prefixes, String workflowName, String namePrefix) {
    }

    private final CfnRule rule;
    private final Role role;

    public DeliveryEvents(Construct scope, String id, Props props) {
        super(scope, id);
        // S3 sends the bucket's object events to EventBridge: the plain CloudFormation property, no
        // notification custom resource (which a bucket notification through CDK would add).
        ((CfnBucket) props.rawBucket().getNode().getDefaultChild()).setNotificationConfiguration(
                CfnBucket.NotificationConfigurationProperty.builder()
                        .eventBridgeConfiguration(CfnBucket.EventBridgeConfigurationProperty.builder()
                                .eventBridgeEnabled(true).build())
                        .build());
        String workflowArn = Stack.of(this).formatArn(ArnComponents.builder().service("glue").resource("workflow")
                .resourceName(props.workflowName()).build());
        this.role = new Role(this, "Role", RoleProps.builder()
                .assumedBy(new ServicePrincipal("events.amazonaws.com"))
                .description("Lets EventBridge notify the bank ML workflow of new deliveries")
                .build());
        role.addToPolicy(PolicyStatement.Builder.create().sid("NotifyWorkflow").actions(List.of("glue:notifyEvent"))
                .resources(List.of(workflowArn)).build());
        this.rule = CfnRule.Builder.create(this, "Rule")
                .name(props.namePrefix() + "-deliveries")
                .description("A delivery landed in the raw bucket: start (a batch of) a cycle")
                .eventPattern(Map.of(
                        "source", List.of("aws.s3"),
                        "detail-type", List.of("Object Created"),
                        "detail", Map.of(
                                "bucket", Map.of("name", List.of(props.rawBucket().getBucketName())),
                                "object", Map.of("key", props.prefixes().stream().map(p -> Map.of("prefix", p)).toList()))))
                .targets(List.of(CfnRule.TargetProperty.builder()
                        .id("workflow")
                        .arn(workflowArn)
                        .roleArn(role.getRoleArn())
                        .build()))
                .build();
    }

    public CfnRule rule() {
        return rule;
    }

    public Role role() {
        return role;
    }
}
