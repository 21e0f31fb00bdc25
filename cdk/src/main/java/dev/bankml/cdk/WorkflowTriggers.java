package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.glue.CfnTrigger;
import software.amazon.awscdk.services.glue.CfnWorkflow;
import software.constructs.Construct;

/**
 * The Glue workflow and its triggers, derived from {@link WorkflowDefinition#steps()}: an EVENT
 * trigger starts the first step when deliveries land (or, with {@code cycleStart=manual}, an ON_DEMAND
 * one when a person asks); every other step gets a CONDITIONAL trigger on its {@code after} step
 * having SUCCEEDED.
 */
public class WorkflowTriggers extends Construct {

    /** A deployed step: the crawler or job resource and its name. */
    public record Deployed(String name, CfnResource resource) {
    }

    /**
     * @param definition the graph
     * @param deployed   the crawler or job deployed for each step id
     * @param namePrefix prefix of the workflow and trigger names
     * @param startsOnDeliveries an EVENT start trigger (deliveries start a cycle) or an ON_DEMAND one
     * @param eventBatchSize          EVENT: a run starts when this many events have arrived...
     * @param eventBatchWindowSeconds ... or this long after the first one
     */
    public record Props(WorkflowDefinition definition, Map<String, Deployed> deployed, String namePrefix,
                        boolean startsOnDeliveries, int eventBatchSize, int eventBatchWindowSeconds) {
    }

    public static final String SUCCEEDED = "SUCCEEDED";
    /** The start trigger's type when deliveries start a cycle (EventBridge events, batched). */
    public static final String EVENT_START = "EVENT";
    /** The start trigger's type when only a person starts a cycle (console, CLI). */
    public static final String MANUAL_START = "ON_DEMAND";

    private final CfnWorkflow workflow;
    private final String workflowName;
    private final List<CfnTrigger> triggers = new ArrayList<>();

    public WorkflowTriggers(Construct scope, String id, Props props) {
        super(scope, id);
        this.workflowName = props.namePrefix() + "-pipeline";
        this.workflow = CfnWorkflow.Builder.create(this, "Workflow")
                .name(workflowName)
                .description("One cycle: crawl raw, clean the new deliveries, crawl cleaned, evaluate, train if due, "
                        + "score the new leads" + (props.startsOnDeliveries()
                                ? ". Starts when deliveries land in raw/outcomes/ or raw/leads/" : ""))
                // One run at a time: concurrent runs would overwrite each other's tables and models.
                .maxConcurrentRuns(1)
                .build();

        for (Step step : props.definition().steps()) {
            Deployed target = deployed(props, step.id());
            CfnTrigger.ActionProperty action = step.kind() == Step.Kind.CRAWLER
                    ? CfnTrigger.ActionProperty.builder().crawlerName(target.name()).build()
                    : CfnTrigger.ActionProperty.builder().jobName(target.name()).build();
            CfnTrigger trigger;
            if (step.after().isEmpty()) {
                trigger = startTrigger(props, step, action);
            } else {
                Step previous = props.definition().step(step.after().get());
                Deployed watched = deployed(props, previous.id());
                CfnTrigger.ConditionProperty.Builder condition = CfnTrigger.ConditionProperty.builder()
                        .logicalOperator("EQUALS");
                // Crawlers report crawlState, jobs report state: the wrong field never matches.
                if (previous.kind() == Step.Kind.CRAWLER) {
                    condition.crawlerName(watched.name()).crawlState(SUCCEEDED);
                } else {
                    condition.jobName(watched.name()).state(SUCCEEDED);
                }
                trigger = CfnTrigger.Builder.create(this, "After-" + previous.id() + "-" + step.id())
                        .name(props.namePrefix() + "-after-" + previous.id() + "-" + step.id())
                        .description("Runs " + step.id() + " when " + previous.id() + " succeeded")
                        .workflowName(workflowName)
                        .type("CONDITIONAL")
                        // Without this a conditional trigger is created deactivated and never fires.
                        .startOnCreation(true)
                        .predicate(CfnTrigger.PredicateProperty.builder()
                                .logical("AND")
                                .conditions(List.of(condition.build()))
                                .build())
                        .actions(List.of(action))
                        .build();
                trigger.addResourceDependency(watched.resource());
            }
            trigger.addResourceDependency(workflow);
            trigger.addResourceDependency(target.resource());
            triggers.add(trigger);
        }
    }

    /**
     * The trigger that starts a run. Its type and its name are create-only in CloudFormation, so the two
     * kinds have different names and logical ids: switching {@code cycleStart} creates the new trigger and
     * then deletes the old one, instead of replacing one resource under a name that is still taken.
     * Neither may set StartOnCreation (CloudFormation rejects it on ON_DEMAND, and EVENT ignores it).
     */
    private CfnTrigger startTrigger(Props props, Step step, CfnTrigger.ActionProperty action) {
        boolean onDeliveries = props.startsOnDeliveries();
        CfnTrigger.Builder b = CfnTrigger.Builder.create(this, (onDeliveries ? "StartOnDeliveries-" : "StartByHand-")
                        + step.id())
                .name(startTriggerName(props.namePrefix(), onDeliveries, step.id()))
                .workflowName(workflowName)
                .actions(List.of(action));
        if (onDeliveries) {
            // EventBridge notifies the workflow of each S3 object created under the delivery folders
            // (DeliveryEvents); a run starts once the batch is full or its window has passed.
            return b.description("Starts a workflow run when deliveries land, with: " + step.description())
                    .type(EVENT_START)
                    .eventBatchingCondition(CfnTrigger.EventBatchingConditionProperty.builder()
                            .batchSize(props.eventBatchSize())
                            .batchWindow(props.eventBatchWindowSeconds())
                            .build())
                    .build();
        }
        return b.description("Starts a workflow run by hand, with: " + step.description()).type(MANUAL_START).build();
    }

    /** {@code <prefix>-start-on-deliveries-<step>} or {@code <prefix>-start-by-hand-<step>}. */
    public static String startTriggerName(String namePrefix, boolean onDeliveries, String stepId) {
        return namePrefix + (onDeliveries ? "-start-on-deliveries-" : "-start-by-hand-") + stepId;
    }

    private static Deployed deployed(Props props, String stepId) {
        Deployed d = props.deployed().get(stepId);
        if (d == null) {
            throw new IllegalArgumentException("workflow step '" + stepId + "' has no deployed crawler or job");
        }
        return d;
    }

    public CfnWorkflow workflow() {
        return workflow;
    }

    public String workflowName() {
        return workflowName;
    }

    public List<CfnTrigger> triggers() {
        return triggers;
    }
}
