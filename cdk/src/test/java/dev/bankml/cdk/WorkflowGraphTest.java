package dev.bankml.cdk;

import static dev.bankml.cdk.SynthesizedPipeline.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.WiringSettings;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The synthesized triggers as Glue runs them: one start trigger (EVENT: deliveries start a cycle)
 * acting on the first step, then for every other step exactly one CONDITIONAL trigger whose one
 * condition is the step before it having SUCCEEDED. With as many triggers as steps, that is one chain
 * in the reference order, naming only resources of this stack, each job reading the location the step
 * before it wrote.
 */
class WorkflowGraphTest {
    private static SynthesizedPipeline synth;
    private static Template template;
    private static List<Step> steps;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        template = synth.template();
        steps = synth.stack().definition().steps();
    }

    /** The action or condition naming a step's crawler or job. */
    private static Map<String, Object> names(Step step) {
        return Map.of(step.kind() == Step.Kind.CRAWLER ? "CrawlerName" : "JobName", "bankml-dev-" + step.id());
    }

    /** A condition on a step having succeeded: crawlers report CrawlState, jobs State (the wrong field never matches). */
    private static Map<String, Object> succeeded(Step step) {
        Map<String, Object> condition = new LinkedHashMap<>(names(step));
        condition.put("LogicalOperator", "EQUALS");
        condition.put(step.kind() == Step.Kind.CRAWLER ? "CrawlState" : "State", "SUCCEEDED");
        return condition;
    }

    @Test
    void triggersFormOneChainFromTheStartTriggerInTheReferenceOrder() {
        assertEquals(List.of("crawler:crawl-raw", "job:clean", "crawler:crawl-cleaned", "job:evaluate", "job:train",
                "job:score"), steps.stream().map(s -> s.kind().name().toLowerCase() + ":" + s.id()).toList());
        template.resourceCountIs("AWS::Glue::Trigger", steps.size());
        template.resourcePropertiesCountIs("AWS::Glue::Trigger", Match.objectLike(Map.of("Type", "CONDITIONAL")),
                steps.size() - 1);
        // The start trigger: deliveries start a cycle, 5 minutes after the first file lands or at the tenth.
        // An EVENT trigger must not set StartOnCreation.
        template.hasResourceProperties("AWS::Glue::Trigger", Match.objectEquals(Map.of(
                "Name", "bankml-dev-start-on-deliveries-" + steps.get(0).id(),
                "Description", Match.anyValue(),
                "WorkflowName", "bankml-dev-pipeline",
                "Type", WorkflowTriggers.EVENT_START,
                "EventBatchingCondition", Map.of("BatchSize", 10, "BatchWindow", 300),
                "Actions", List.of(names(steps.get(0))))));
        for (int i = 1; i < steps.size(); i++) {
            Step previous = steps.get(i - 1);
            Step step = steps.get(i);
            // Exactly one trigger starts the step, and its one condition is the step before it.
            template.resourcePropertiesCountIs("AWS::Glue::Trigger", Match.objectLike(Map.of(
                    "Actions", Match.arrayWith(List.of(Match.objectLike(names(step)))))), 1);
            template.hasResourceProperties("AWS::Glue::Trigger", Match.objectEquals(Map.of(
                    "Name", "bankml-dev-after-" + previous.id() + "-" + step.id(),
                    "Description", Match.anyValue(),
                    "WorkflowName", "bankml-dev-pipeline",
                    "Type", "CONDITIONAL",
                    // Without it a conditional trigger is created deactivated and never fires.
                    "StartOnCreation", true,
                    "Predicate", Map.of("Logical", "AND", "Conditions", List.of(Match.objectEquals(succeeded(previous)))),
                    "Actions", List.of(Match.objectEquals(names(step))))));
        }
    }

    @Test
    void everyTriggerNamesResourcesOfThisStackAndDependsOnThem() {
        String workflow = synth.idNamed("AWS::Glue::Workflow", "bankml-dev-pipeline");
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            List<String> named = new ArrayList<>(List.of(workflow, deployed(step)));
            if (i > 0) {
                named.add(deployed(steps.get(i - 1)));
            }
            for (String id : named) {
                template.hasResource("AWS::Glue::Trigger", Match.objectLike(Map.of(
                        "Properties", Match.objectLike(Map.of("Actions", List.of(Match.objectLike(names(step))))),
                        "DependsOn", Match.arrayWith(List.of(id)))));
            }
        }
    }

    /** The logical id of the crawler or job of a step (it must be one of this stack's). */
    private static String deployed(Step step) {
        return synth.idNamed(step.kind() == Step.Kind.CRAWLER ? "AWS::Glue::Crawler" : "AWS::Glue::Job",
                "bankml-dev-" + step.id());
    }

    /** The value of {@code setting} in the arguments of job step {@code step}, captured from the template. */
    private static Object arg(String step, Setting<?> setting) {
        Capture value = new Capture();
        template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-dev-" + step,
                "NonOverridableArguments", Match.objectLike(Map.of(setting.flag(), value)))));
        return SynthesizedPipeline.captured(value);
    }

    @Test
    void eachJobReadsWhatTheStepBeforeItWrote() {
        StorageLayout l = synth.stack().definition().layout();
        String clean = WorkflowDefinition.CLEAN;
        String evaluate = WorkflowDefinition.EVALUATE;
        String train = WorkflowDefinition.TRAIN;
        String score = WorkflowDefinition.SCORE;
        // crawl raw → clean: the cleaning job reads the delivery folders the raw crawler catalogues.
        template.hasResourceProperties("AWS::Glue::Crawler", Match.objectLike(Map.of("Name", "bankml-dev-crawl-raw",
                "Targets", Map.of("S3Targets", List.of(Map.of("Path", arg(clean, WiringSettings.SOURCE_PATH)),
                        Map.of("Path", arg(clean, WiringSettings.LEADS_SOURCE_PATH)))))));
        assertEquals(synth.cfn(l.deliveries(DeliveryKind.OUTCOMES)), arg(clean, WiringSettings.SOURCE_PATH));
        assertEquals(synth.cfn(l.deliveries(DeliveryKind.LEADS)), arg(clean, WiringSettings.LEADS_SOURCE_PATH));
        // clean → crawl cleaned: the crawler catalogues the tables the cleaning job wrote.
        template.hasResourceProperties("AWS::Glue::Crawler", Match.objectLike(Map.of("Name", "bankml-dev-crawl-cleaned",
                "Targets", Map.of("S3Targets", List.of(Map.of("Path", arg(clean, WiringSettings.TARGET_PATH)),
                        Map.of("Path", arg(clean, WiringSettings.LEADS_TARGET_PATH)))),
                // evaluate → train: training reads the outcomes table that crawler creates (database . prefix + folder).
                "DatabaseName", "bankml_dev", "TablePrefix", "cleaned_")));
        assertEquals(synth.cfn(l.cleaned(DeliveryKind.OUTCOMES)), arg(clean, WiringSettings.TARGET_PATH));
        assertEquals("bankml_dev.cleaned_outcomes", arg(train, WiringSettings.SOURCE_TABLE));
        // crawl cleaned → evaluate: the new outcomes (those the ledger names) in the outcomes table.
        assertEquals(arg(clean, WiringSettings.TARGET_PATH), arg(evaluate, WiringSettings.OUTCOMES_PATH));
        // evaluate → train: the evaluation record the step before it wrote.
        assertEquals(arg(evaluate, WiringSettings.MONITORING_PATH), arg(train, WiringSettings.MONITORING_PATH));
        // train → score: scoring loads the champion training (or an earlier cycle) wrote, and scores the lead
        // table the cleaning job wrote; its cycle record joins the others.
        assertEquals(arg(train, WiringSettings.MODEL_PATH), arg(score, WiringSettings.MODEL_PATH));
        assertEquals(arg(train, WiringSettings.MODEL_PATH), arg(evaluate, WiringSettings.MODEL_PATH));
        assertEquals(synth.cfn(synth.stack().definition().step(train).writes()), arg(score, WiringSettings.MODEL_PATH));
        assertEquals(arg(clean, WiringSettings.LEADS_TARGET_PATH), arg(score, WiringSettings.LEADS_PATH));
        assertEquals(arg(train, WiringSettings.MONITORING_PATH), arg(score, WiringSettings.MONITORING_PATH));
        // One ledger: written by the cleaning job, read by the three after it.
        for (String job : List.of(evaluate, train, score)) {
            assertEquals(arg(clean, WiringSettings.LEDGER_PATH), arg(job, WiringSettings.LEDGER_PATH));
        }
        assertEquals(synth.cfn(l.ledger()), arg(clean, WiringSettings.LEDGER_PATH));
    }

    @Test
    void deliveriesStartACycleThroughARuleAllowedToNotifyOnlyThisWorkflow() {
        String raw = synth.bucket("Raw");
        SynthesizedPipeline.assertMatches(synth.resource("AWS::S3::Bucket", raw), Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("NotificationConfiguration", Match.objectEquals(Map.of(
                        "EventBridgeConfiguration", Map.of("EventBridgeEnabled", true))))))),
                "the raw bucket sends its object events to EventBridge");
        // The prefixes are the delivery folders the cleaning job reads, and nothing the pipeline writes.
        List<String> folders = Arrays.stream(DeliveryKind.values()).map(DeliveryKind::id).map(k -> k + "/").toList();
        assertEquals(List.of("outcomes/", "leads/"), folders);
        Map<String, Object> workflowArn = Map.of("Fn::Join", List.of("", List.of("arn:", ref("AWS::Partition"), ":glue:",
                ref("AWS::Region"), ":", ref("AWS::AccountId"), ":workflow/bankml-dev-pipeline")));
        Capture role = new Capture();
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "Name", "bankml-dev-deliveries",
                "EventPattern", Match.objectEquals(Map.of("source", List.of("aws.s3"),
                        "detail-type", List.of("Object Created"),
                        "detail", Map.of("bucket", Map.of("name", List.of(ref(raw))),
                                "object", Map.of("key", folders.stream().map(f -> Map.of("prefix", f)).toList())))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", workflowArn,
                        "RoleArn", Map.of("Fn::GetAtt", List.of(role, "Arn"))))))));
        // EventBridge may assume the role only for this account's two rules (confused deputy).
        String roleId = role.asString();
        Map<String, Object> ourRules = Map.of("StringEquals", Map.of("aws:SourceAccount", ref("AWS::AccountId")),
                "ArnEquals", Map.of("aws:SourceArn", List.of(ruleArn("bankml-dev-deliveries"), ruleArn("bankml-dev-catch-up"))));
        SynthesizedPipeline.assertMatches(synth.resource("AWS::IAM::Role", roleId), Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(
                        Match.objectEquals(Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                                "Principal", Map.of("Service", "events.amazonaws.com"),
                                "Condition", ourRules))))))))), "the rules' role");
        // Its one policy allows exactly glue:notifyEvent on this workflow.
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("Roles", List.of(ref(roleId)),
                "PolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectEquals(Map.of(
                        "Sid", "NotifyWorkflow", "Effect", "Allow", "Action", "glue:notifyEvent", "Resource", workflowArn))))))));
        template.resourcePropertiesCountIs("AWS::IAM::Policy", Match.objectLike(Map.of("Roles",
                Match.arrayWith(List.of(ref(roleId))))), 1);
    }

    static Map<String, Object> ruleArn(String name) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", ref("AWS::Partition"), ":events:", ref("AWS::Region"), ":",
                ref("AWS::AccountId"), ":rule/" + name)));
    }

    @Test
    void withManualStartsTheWorkflowHasAnOnDemandStartTriggerAndNoRule() {
        SynthesizedPipeline manual = SynthesizedPipeline.with("manual-start",
                Map.of(InfrastructureSettings.CYCLE_START.contextKey().orElseThrow(), "manual"));
        Template t = manual.template();
        t.resourcePropertiesCountIs("AWS::Glue::Trigger", Match.objectLike(Map.of("Type", Match.not("CONDITIONAL"))), 1);
        // ON_DEMAND triggers must not set StartOnCreation; nothing batches events.
        t.hasResourceProperties("AWS::Glue::Trigger", Match.objectEquals(Map.of(
                "Name", "bankml-dev-start-by-hand-" + steps.get(0).id(),
                "Description", Match.anyValue(),
                "WorkflowName", "bankml-dev-pipeline",
                "Type", WorkflowTriggers.MANUAL_START,
                "Actions", List.of(names(steps.get(0))))));
        t.resourcePropertiesCountIs("AWS::Events::Rule", Match.objectLike(Map.of("Name", "bankml-dev-deliveries")), 0);
        t.resourcePropertiesCountIs("AWS::Events::Rule", Match.objectLike(Map.of("Name", "bankml-dev-catch-up")), 0);
        t.resourceCountIs("AWS::SQS::Queue", 0);
        assertEquals(false, manual.json().toString().contains("EventBridgeEnabled"));
    }

    /**
     * AWS::Glue::Trigger's Type and Name are create-only: switching cycleStart replaces the start trigger.
     * With one logical id and one name for both kinds, CloudFormation would create the replacement under a
     * name the old trigger still holds, fail, and roll back. Each kind has its own of both, so the switch
     * creates the new trigger and deletes the old one.
     */
    @Test
    void switchingHowCyclesStartReplacesTheStartTriggerUnderANewNameAndLogicalId() {
        Template manual = SynthesizedPipeline.with("manual-start",
                Map.of(InfrastructureSettings.CYCLE_START.contextKey().orElseThrow(), "manual")).template();
        Map<String, Object> notConditional = Map.of("Properties", Match.objectLike(Map.of("Type", Match.not("CONDITIONAL"))));
        String onDeliveries = template.findResources("AWS::Glue::Trigger", Match.objectLike(notConditional))
                .keySet().iterator().next();
        String byHand = manual.findResources("AWS::Glue::Trigger", Match.objectLike(notConditional)).keySet().iterator().next();
        assertEquals(false, onDeliveries.equals(byHand), onDeliveries);
        assertEquals(true, onDeliveries.startsWith("WorkflowStartOnDeliveries"), onDeliveries);
        assertEquals(true, byHand.startsWith("WorkflowStartByHand"), byHand);
        assertEquals(0, manual.findResources("AWS::Glue::Trigger").keySet().stream().filter(onDeliveries::equals).count());
        // The conditional triggers are the same resources in both.
        assertEquals(template.findResources("AWS::Glue::Trigger", Match.objectLike(Map.of("Properties",
                        Match.objectLike(Map.of("Type", "CONDITIONAL"))))).keySet(),
                manual.findResources("AWS::Glue::Trigger", Match.objectLike(Map.of("Properties",
                        Match.objectLike(Map.of("Type", "CONDITIONAL"))))).keySet());
    }
}
