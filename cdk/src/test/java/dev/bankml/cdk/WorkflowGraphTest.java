package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * Walks the synthesized triggers the way Glue runs them: from the EVENT start trigger, each action's
 * success fires the trigger whose predicate names it. The walk must be the reference chain, name only
 * resources of this stack, and hand each job the location the step before it wrote.
 */
class WorkflowGraphTest {
    private static SynthesizedPipeline synth;
    private static Map<String, Map<String, Object>> triggers;
    /** Crawler and job names of this stack → logical id. */
    private static final Map<String, String> crawlers = new LinkedHashMap<>();
    private static final Map<String, String> jobs = new LinkedHashMap<>();
    private static String workflowName;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        triggers = synth.resourcesOfType("AWS::Glue::Trigger");
        synth.resourcesOfType("AWS::Glue::Crawler").forEach((id, p) -> crawlers.put((String) p.get("Name"), id));
        synth.resourcesOfType("AWS::Glue::Job").forEach((id, p) -> jobs.put((String) p.get("Name"), id));
        Map<String, Map<String, Object>> workflows = synth.resourcesOfType("AWS::Glue::Workflow");
        assertEquals(1, workflows.size());
        workflowName = (String) workflows.values().iterator().next().get("Name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object o) {
        return (List<Map<String, Object>>) o;
    }

    /** "crawler:NAME" or "job:NAME" of one action or condition. */
    private static String target(Map<String, Object> m) {
        return m.containsKey("CrawlerName") ? "crawler:" + m.get("CrawlerName") : "job:" + m.get("JobName");
    }

    @Test
    void triggersFormOneChainFromTheStartTriggerInTheReferenceOrder() {
        List<Map<String, Object>> starts = triggers.values().stream().filter(t -> !"CONDITIONAL".equals(t.get("Type"))).toList();
        assertEquals(1, starts.size(), "exactly one start trigger");
        Map<String, Object> start = starts.get(0);
        assertEquals(WorkflowTriggers.EVENT_START, start.get("Type"), "deliveries start a cycle");
        assertFalse(start.containsKey("StartOnCreation"), "an EVENT trigger must not set StartOnCreation");
        assertFalse(start.containsKey("Predicate"));
        assertEquals(Map.of("BatchSize", 10, "BatchWindow", 300), start.get("EventBatchingCondition"),
                "a cycle starts 5 minutes after the first file lands, or at the tenth");

        List<String> walk = new ArrayList<>();
        Set<Map<String, Object>> used = new HashSet<>();
        used.add(start);
        List<Map<String, Object>> actions = maps(start.get("Actions"));
        assertEquals(1, actions.size());
        String current = target(actions.get(0));
        walk.add(current);
        while (true) {
            String fired = current;
            List<Map<String, Object>> next = triggers.values().stream()
                    .filter(t -> "CONDITIONAL".equals(t.get("Type")))
                    .filter(t -> maps(map(t.get("Predicate")).get("Conditions")).stream().anyMatch(c -> target(c).equals(fired)))
                    .toList();
            if (next.isEmpty()) {
                break;
            }
            assertEquals(1, next.size(), "one trigger after " + fired);
            Map<String, Object> t = next.get(0);
            assertTrue(used.add(t), "a cycle at " + fired);
            List<Map<String, Object>> conditions = maps(map(t.get("Predicate")).get("Conditions"));
            assertEquals(1, conditions.size());
            Map<String, Object> c = conditions.get(0);
            assertEquals("EQUALS", c.get("LogicalOperator"));
            if (fired.startsWith("crawler:")) {
                assertEquals("SUCCEEDED", c.get("CrawlState"), "a crawler condition uses CrawlState");
                assertFalse(c.containsKey("State"));
            } else {
                assertEquals("SUCCEEDED", c.get("State"), "a job condition uses State");
                assertFalse(c.containsKey("CrawlState"));
            }
            assertEquals(true, t.get("StartOnCreation"), "a conditional trigger must start on creation");
            List<Map<String, Object>> acts = maps(t.get("Actions"));
            assertEquals(1, acts.size());
            current = target(acts.get(0));
            assertFalse(current.equals(fired), "a job cannot be predicate and action of one trigger");
            walk.add(current);
        }
        assertEquals(triggers.size(), used.size(), "every trigger is on the chain");

        List<String> expected = synth.stack().definition().steps().stream()
                .map(s -> (s.kind() == Step.Kind.CRAWLER ? "crawler:" : "job:") + "bankml-dev-" + s.id()).toList();
        assertEquals(List.of("crawler:bankml-dev-crawl-raw", "job:bankml-dev-clean", "crawler:bankml-dev-crawl-cleaned",
                "job:bankml-dev-evaluate", "job:bankml-dev-train", "job:bankml-dev-score"), expected);
        assertEquals(expected, walk);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyTriggerNamesResourcesOfThisStackAndDependsOnThem() {
        Map<String, String> logicalIdOfTrigger = new LinkedHashMap<>();
        triggers.forEach((id, p) -> logicalIdOfTrigger.put(id, (String) p.get("Name")));
        String workflowId = synth.resourcesOfType("AWS::Glue::Workflow").keySet().iterator().next();
        for (Map.Entry<String, Map<String, Object>> e : triggers.entrySet()) {
            Map<String, Object> t = e.getValue();
            assertEquals(workflowName, t.get("WorkflowName"));
            List<String> named = new ArrayList<>();
            maps(t.get("Actions")).forEach(a -> named.add(target(a)));
            if (t.containsKey("Predicate")) {
                maps(map(t.get("Predicate")).get("Conditions")).forEach(c -> named.add(target(c)));
            }
            List<Object> dependsOn = (List<Object>) synth.resource(e.getKey()).get("DependsOn");
            assertNotNull(dependsOn, e.getKey() + " has no DependsOn");
            assertTrue(dependsOn.contains(workflowId), e.getKey() + " depends on the workflow");
            for (String n : named) {
                String name = n.substring(n.indexOf(':') + 1);
                String id = n.startsWith("crawler:") ? crawlers.get(name) : jobs.get(name);
                assertNotNull(id, e.getKey() + " names " + n + ", which this stack does not define");
                assertTrue(dependsOn.contains(id), e.getKey() + " must depend on " + id);
            }
        }
    }

    @Test
    void eachJobReadsWhatTheStepBeforeItWrote() {
        WorkflowDefinition wf = GraphExpectations.definitionOverLogicalIds(synth);
        Map<String, Object> rawCrawler = synth.resourcesOfType("AWS::Glue::Crawler").get(crawlers.get("bankml-dev-crawl-raw"));
        Map<String, Object> cleanedCrawler = synth.resourcesOfType("AWS::Glue::Crawler").get(crawlers.get("bankml-dev-crawl-cleaned"));
        Map<String, Object> clean = jobArgs("bankml-dev-clean");
        Map<String, Object> evaluate = jobArgs("bankml-dev-evaluate");
        Map<String, Object> train = jobArgs("bankml-dev-train");
        Map<String, Object> score = jobArgs("bankml-dev-score");

        // crawl raw → clean: the cleaning job reads the delivery folders the raw crawler catalogues.
        assertEquals(List.of(arg(clean, WiringSettings.SOURCE_PATH), arg(clean, WiringSettings.LEADS_SOURCE_PATH)), targets(rawCrawler));
        assertEquals(wf.layout().deliveries(DeliveryKind.OUTCOMES), arg(clean, WiringSettings.SOURCE_PATH));
        assertEquals(wf.layout().deliveries(DeliveryKind.LEADS), arg(clean, WiringSettings.LEADS_SOURCE_PATH));
        // clean → crawl cleaned: the crawler catalogues the tables the cleaning job wrote.
        assertEquals(List.of(arg(clean, WiringSettings.TARGET_PATH), arg(clean, WiringSettings.LEADS_TARGET_PATH)), targets(cleanedCrawler));
        // crawl cleaned → evaluate: the new outcomes (those the ledger names) in the outcomes table.
        assertEquals(arg(clean, WiringSettings.TARGET_PATH), arg(evaluate, WiringSettings.OUTCOMES_PATH));
        // evaluate → train: training reads the outcomes table that crawler creates (database . prefix + folder),
        // and the evaluation record the step before it wrote.
        String folder = arg(clean, WiringSettings.TARGET_PATH).replaceAll("/$", "");
        folder = folder.substring(folder.lastIndexOf('/') + 1);
        String crawledTable = cleanedCrawler.get("DatabaseName") + "." + cleanedCrawler.get("TablePrefix") + folder;
        assertEquals(crawledTable, train.get(WiringSettings.SOURCE_TABLE.flag()));
        assertEquals(arg(evaluate, WiringSettings.MONITORING_PATH), arg(train, WiringSettings.MONITORING_PATH));
        // train → score: scoring loads the champion training (or an earlier cycle) wrote, and scores the
        // lead table the cleaning job wrote; its cycle record joins the others.
        assertEquals(arg(train, WiringSettings.MODEL_PATH), arg(score, WiringSettings.MODEL_PATH));
        assertEquals(arg(train, WiringSettings.MODEL_PATH), arg(evaluate, WiringSettings.MODEL_PATH));
        assertEquals(wf.step(WorkflowDefinition.TRAIN).writes(), arg(score, WiringSettings.MODEL_PATH));
        assertEquals(arg(clean, WiringSettings.LEADS_TARGET_PATH), arg(score, WiringSettings.LEADS_PATH));
        assertEquals(arg(train, WiringSettings.MONITORING_PATH), arg(score, WiringSettings.MONITORING_PATH));
        // One ledger: written by the cleaning job, read by the three after it.
        for (Map<String, Object> job : List.of(evaluate, train, score)) {
            assertEquals(arg(clean, WiringSettings.LEDGER_PATH), arg(job, WiringSettings.LEDGER_PATH));
        }
        assertEquals(wf.layout().ledger(), arg(clean, WiringSettings.LEDGER_PATH));
    }

    @Test
    void deliveriesStartACycleThroughARuleAllowedToNotifyOnlyThisWorkflow() {
        String raw = PipelineTemplateTest.bucketOf(synth, "Raw");
        assertEquals(Map.of("EventBridgeConfiguration", Map.of("EventBridgeEnabled", true)),
                synth.resource(raw).get("Properties") instanceof Map<?, ?> p ? p.get("NotificationConfiguration") : null,
                "the raw bucket sends its object events to EventBridge");
        Map<String, Object> rule = synth.resourcesOfType("AWS::Events::Rule").get(
                synth.logicalIdNamed("AWS::Events::Rule", "Name", "bankml-dev-deliveries"));
        Map<String, Object> pattern = map(rule.get("EventPattern"));
        assertEquals(List.of("aws.s3"), pattern.get("source"));
        assertEquals(List.of("Object Created"), pattern.get("detail-type"));
        Map<String, Object> detail = map(pattern.get("detail"));
        assertEquals(List.of("<" + raw + ">"), ((List<?>) map(detail.get("bucket")).get("name")).stream()
                .map(SynthesizedPipeline::render).toList());
        // The prefixes are the delivery folders the cleaning job reads, and nothing the pipeline writes.
        WorkflowDefinition wf = GraphExpectations.definitionOverLogicalIds(synth);
        List<String> folders = java.util.Arrays.stream(DeliveryKind.values())
                .map(k -> wf.layout().deliveries(k).replaceFirst("^s3://<[^>]+>/", "")).toList();
        assertEquals(folders.stream().map(f -> Map.of("prefix", f)).toList(), map(detail.get("object")).get("key"));
        assertEquals(List.of("outcomes/", "leads/"), folders);

        Map<String, Object> target = maps(rule.get("Targets")).get(0);
        String workflowArn = "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:workflow/" + workflowName;
        assertEquals(workflowArn, SynthesizedPipeline.render(target.get("Arn")));
        String roleId = SynthesizedPipeline.render(target.get("RoleArn")).replaceAll("^<(.*)\\.Arn>$", "$1");
        Map<String, Object> role = synth.resourcesOfType("AWS::IAM::Role").get(roleId);
        assertEquals("events.amazonaws.com", map(map(maps(map(role.get("AssumeRolePolicyDocument")).get("Statement"))
                .get(0)).get("Principal")).get("Service"));
        List<Map<String, Object>> statements = maps(map(synth.policyOfRole(roleId).get("PolicyDocument")).get("Statement"));
        assertEquals(1, statements.size());
        assertEquals("glue:notifyEvent", statements.get(0).get("Action"));
        assertEquals(workflowArn, SynthesizedPipeline.render(statements.get(0).get("Resource")));
    }

    @Test
    void withManualStartsTheWorkflowHasAnOnDemandStartTriggerAndNoRule() {
        SynthesizedPipeline manual = SynthesizedPipeline.with("manual-start",
                Map.of(InfrastructureSettings.CYCLE_START.contextKey().orElseThrow(), "manual"));
        List<Map<String, Object>> starts = manual.resourcesOfType("AWS::Glue::Trigger").values().stream()
                .filter(t -> !"CONDITIONAL".equals(t.get("Type"))).toList();
        assertEquals(1, starts.size());
        assertEquals(WorkflowTriggers.MANUAL_START, starts.get(0).get("Type"));
        assertFalse(starts.get(0).containsKey("StartOnCreation"));
        assertFalse(starts.get(0).containsKey("EventBatchingCondition"));
        assertFalse(manual.resourcesOfType("AWS::Events::Rule").values().stream()
                .anyMatch(r -> "bankml-dev-deliveries".equals(r.get("Name"))));
        assertFalse(manual.json().toString().contains("EventBridgeEnabled"));
    }

    private static String arg(Map<String, Object> args, Setting<?> setting) {
        Object v = args.get(setting.flag());
        assertNotNull(v, "no " + setting.flag());
        return SynthesizedPipeline.render(v);
    }

    private static List<String> targets(Map<String, Object> crawler) {
        return maps(map(crawler.get("Targets")).get("S3Targets")).stream()
                .map(t -> SynthesizedPipeline.render(t.get("Path"))).toList();
    }

    private static Map<String, Object> jobArgs(String name) {
        return synth.jobArguments((String) synth.resourcesOfType("AWS::Glue::Job").get(jobs.get(name)).get("Name"));
    }
}
