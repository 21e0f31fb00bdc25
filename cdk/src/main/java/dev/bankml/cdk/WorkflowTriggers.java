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
 * The Glue workflow and its triggers, derived from {@link WorkflowDefinition#steps()}: an ON_DEMAND
 * trigger starts the first step; every other step gets a CONDITIONAL trigger on its {@code after}
 * step having SUCCEEDED.
 */
public class WorkflowTriggers extends Construct {

    /** A deployed step: the crawler or job resource and its name. */
    public record Deployed(String name, CfnResource resource) {
    }

    /**
     * @param definition the graph
     * @param deployed   the crawler or job deployed for each step id
     * @param namePrefix prefix of the workflow and trigger names
     */
    public record Props(WorkflowDefinition definition, Map<String, Deployed> deployed, String namePrefix) {
    }

    public static final String SUCCEEDED = "SUCCEEDED";

    private final CfnWorkflow workflow;
    private final String workflowName;
    private final List<CfnTrigger> triggers = new ArrayList<>();

    public WorkflowTriggers(Construct scope, String id, Props props) {
        super(scope, id);
        this.workflowName = props.namePrefix() + "-pipeline";
        this.workflow = CfnWorkflow.Builder.create(this, "Workflow")
                .name(workflowName)
                .description("Crawl raw, clean, crawl cleaned, train, score: start it after uploading a CSV")
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
                // ON_DEMAND triggers must not set StartOnCreation: they start with the workflow run.
                trigger = CfnTrigger.Builder.create(this, "Start-" + step.id())
                        .name(props.namePrefix() + "-start-" + step.id())
                        .description("Starts a workflow run with: " + step.description())
                        .workflowName(workflowName)
                        .type("ON_DEMAND")
                        .actions(List.of(action))
                        .build();
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
