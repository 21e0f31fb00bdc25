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

import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.Settings;

/**
 * Walks the synthesized triggers the way Glue runs them: from the ON_DEMAND trigger, each action's
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
        List<Map<String, Object>> starts = triggers.values().stream().filter(t -> "ON_DEMAND".equals(t.get("Type"))).toList();
        assertEquals(1, starts.size(), "exactly one start trigger");
        Map<String, Object> start = starts.get(0);
        assertFalse(start.containsKey("StartOnCreation"), "an ON_DEMAND trigger must not set StartOnCreation");
        assertFalse(start.containsKey("Predicate"));

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
                "job:bankml-dev-train", "job:bankml-dev-score"), expected);
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
    @SuppressWarnings("unchecked")
    void eachJobReadsWhatTheStepBeforeItWrote() {
        WorkflowDefinition wf = GraphExpectations.definitionOverLogicalIds(synth);
        Map<String, Object> rawCrawler = synth.resourcesOfType("AWS::Glue::Crawler").get(crawlers.get("bankml-dev-crawl-raw"));
        Map<String, Object> cleanedCrawler = synth.resourcesOfType("AWS::Glue::Crawler").get(crawlers.get("bankml-dev-crawl-cleaned"));
        Map<String, Object> clean = jobArgs("bankml-dev-clean");
        Map<String, Object> train = jobArgs("bankml-dev-train");
        Map<String, Object> score = jobArgs("bankml-dev-score");

        // crawl raw → clean: the cleaning job reads the folder the raw crawler catalogued.
        String rawTarget = SynthesizedPipeline.render(maps(map(rawCrawler.get("Targets")).get("S3Targets")).get(0).get("Path"));
        assertEquals(rawTarget, SynthesizedPipeline.render(clean.get(Settings.SOURCE_PATH.flag())));
        assertEquals(wf.step(WorkflowDefinition.CRAWL_RAW).reads(), rawTarget);
        // clean → crawl cleaned: the crawler catalogues the folder the cleaning job wrote.
        String cleanedTarget = SynthesizedPipeline.render(maps(map(cleanedCrawler.get("Targets")).get("S3Targets")).get(0).get("Path"));
        assertEquals(SynthesizedPipeline.render(clean.get(Settings.TARGET_PATH.flag())), cleanedTarget);
        assertEquals(wf.step(WorkflowDefinition.CLEAN).writes(), cleanedTarget);
        // crawl cleaned → train: training reads the table that crawler creates (database . prefix + folder).
        String folder = cleanedTarget.replaceAll("/$", "");
        folder = folder.substring(folder.lastIndexOf('/') + 1);
        String crawledTable = cleanedCrawler.get("DatabaseName") + "." + cleanedCrawler.get("TablePrefix") + folder;
        assertEquals(crawledTable, train.get(Settings.SOURCE_TABLE.flag()));
        assertEquals(wf.step(WorkflowDefinition.CRAWL_CLEANED).writes(), crawledTable);
        // train → score: scoring loads the models training wrote, and scores the same table.
        assertEquals(SynthesizedPipeline.render(train.get(Settings.MODEL_PATH.flag())), SynthesizedPipeline.render(score.get(Settings.MODEL_PATH.flag())));
        assertEquals(wf.step(WorkflowDefinition.TRAIN).writes(), SynthesizedPipeline.render(score.get(Settings.MODEL_PATH.flag())));
        assertEquals(crawledTable, score.get(Settings.SOURCE_TABLE.flag()));
    }

    private static Map<String, Object> jobArgs(String name) {
        return synth.jobArguments((String) synth.resourcesOfType("AWS::Glue::Job").get(jobs.get(name)).get("Name"));
    }
}
