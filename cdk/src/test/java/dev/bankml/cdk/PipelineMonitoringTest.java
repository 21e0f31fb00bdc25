package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.workflow.MetricNames;

/**
 * The alarms watch exactly the metrics the jobs publish (same constants: name, namespace, the three
 * dimensions), and the dashboard body is valid JSON that shows only metrics that exist.
 */
class PipelineMonitoringTest {
    private static SynthesizedPipeline synth;
    private static Map<String, Map<String, Object>> alarmsByName;
    private static JsonNode dashboard;
    private static String topicRef;

    /** Glue's and EventBridge's own documented metrics the dashboard may show, besides ours. */
    private static final Map<String, Set<String>> FOREIGN_METRICS = Map.of(
            JobRole.GLUE_METRIC_NAMESPACE, Set.of(PipelineMonitoring.GLUE_ELAPSED_TIME),
            PipelineMonitoring.EVENTS_NAMESPACE, Set.of(PipelineMonitoring.EVENTS_TRIGGERED_RULES));

    @BeforeAll
    static void synthesize() throws Exception {
        synth = SynthesizedPipeline.defaults();
        alarmsByName = new LinkedHashMap<>();
        synth.resourcesOfType("AWS::CloudWatch::Alarm").values().forEach(a -> alarmsByName.put((String) a.get("AlarmName"), a));
        Map<String, Object> d = synth.resourcesOfType("AWS::CloudWatch::Dashboard").values().iterator().next();
        assertEquals("bankml-dev-pipeline", d.get("DashboardName"));
        dashboard = SynthesizedPipeline.JSON.readTree(SynthesizedPipeline.render(d.get("DashboardBody")));
        topicRef = "<" + synth.resourcesOfType("AWS::SNS::Topic").keySet().iterator().next() + ">";
    }

    /** The dimensions every data point of a job carries, as CloudFormation lists them. */
    private static Set<Map<String, Object>> dimensionsOf(String job) {
        return Set.of(Map.of("Name", MetricNames.DIM_ENVIRONMENT, "Value", "dev"),
                Map.of("Name", MetricNames.DIM_JOB, "Value", job),
                Map.of("Name", MetricNames.DIM_LABEL, "Value", "deposit"));
    }

    @SuppressWarnings("unchecked")
    private static Set<Map<String, Object>> dimensions(Map<String, Object> alarm) {
        return Set.copyOf((List<Map<String, Object>>) alarm.get("Dimensions"));
    }

    private static Map<String, Object> alarm(String name) {
        Map<String, Object> a = alarmsByName.get(name);
        assertTrue(a != null, "no alarm " + name + " among " + alarmsByName.keySet());
        return a;
    }

    private static List<String> actions(Map<String, Object> alarm) {
        @SuppressWarnings("unchecked")
        List<Object> a = (List<Object>) alarm.getOrDefault("AlarmActions", List.of());
        return a.stream().map(SynthesizedPipeline::render).toList();
    }

    @Test
    void championAucBelowTheFloorNotifiesTheTopic() {
        Map<String, Object> a = alarm("bankml-dev-champion-auc-low");
        assertEquals(MetricNames.NAMESPACE, a.get("Namespace"));
        assertEquals(MetricNames.CHAMPION_AUC_ROC.name(), a.get("MetricName"));
        assertEquals(dimensionsOf(MetricNames.CHAMPION_AUC_ROC.job()), dimensions(a));
        assertEquals(0.85, ((Number) a.get("Threshold")).doubleValue());
        assertEquals("LessThanThreshold", a.get("ComparisonOperator"));
        assertEquals("Minimum", a.get("Statistic"));
        assertEquals("ignore", a.get("TreatMissingData"));
        assertFalse(a.containsKey("Unit"), "a Unit would blind the alarm to data points sent without it");
        assertEquals(List.of(topicRef), actions(a));
    }

    @Test
    void rejectedFractionAboveTheCeilingNotifiesTheTopic() {
        Map<String, Object> a = alarm("bankml-dev-rejected-fraction-high");
        assertEquals(MetricNames.NAMESPACE, a.get("Namespace"));
        assertEquals(MetricNames.REJECTED_FRACTION.name(), a.get("MetricName"));
        assertEquals(dimensionsOf(MetricNames.JOB_CLEANING), dimensions(a));
        assertEquals(MetricNames.JOB_CLEANING, MetricNames.REJECTED_FRACTION.job());
        assertEquals(0.05, ((Number) a.get("Threshold")).doubleValue(), "defaults to maxRejectedFraction");
        assertEquals("GreaterThanThreshold", a.get("ComparisonOperator"));
        assertEquals(List.of(topicRef), actions(a));
    }

    @Test
    void theChampionFallingOnNewOutcomesNotifiesTheTopicAtTheRetrainingMargin() {
        Map<String, Object> a = alarm("bankml-dev-out-of-time-auc-drop");
        assertEquals(MetricNames.OUT_OF_TIME_AUC_DROP.name(), a.get("MetricName"));
        assertEquals(dimensionsOf(MetricNames.JOB_MONITORING), dimensions(a));
        assertEquals(MetricNames.JOB_MONITORING, MetricNames.OUT_OF_TIME_AUC_DROP.job());
        assertEquals(0.05, ((Number) a.get("Threshold")).doubleValue(), "defaults to aucDropAlarm");
        assertEquals("GreaterThanThreshold", a.get("ComparisonOperator"));
        assertEquals("Maximum", a.get("Statistic"));
        assertEquals("ignore", a.get("TreatMissingData"), "a cycle without new outcomes says nothing");
        assertEquals(List.of(topicRef), actions(a));
    }

    @Test
    void driftOfANewDeliveryNotifiesTheTopic() {
        Map<String, Object> a = alarm("bankml-dev-drift-high");
        assertEquals(MetricNames.MAX_PSI.name(), a.get("MetricName"));
        assertEquals(dimensionsOf(MetricNames.JOB_MONITORING), dimensions(a));
        assertEquals(0.25, ((Number) a.get("Threshold")).doubleValue(), "defaults to psiAlarm");
        assertEquals("GreaterThanThreshold", a.get("ComparisonOperator"));
        assertEquals("ignore", a.get("TreatMissingData"));
        assertEquals(List.of(topicRef), actions(a));
    }

    @Test
    void theNoSuccessfulRunAlarmIsLeftOutByDefaultForAMonthlyCycle() {
        assertFalse(synth.resourcesOfType("AWS::CloudWatch::Alarm").values().stream()
                .anyMatch(a -> "bankml-dev-no-successful-run".equals(a.get("AlarmName"))),
                "a cycle a month is silent for weeks: an hourly staleness alarm would always be red");
    }

    @Test
    void failureAlarmsCountTheFailureRulesMatchesAndLeaveNotificationToTheRules() {
        for (String rule : List.of("bankml-dev-job-failures", "bankml-dev-crawler-failures")) {
            Map<String, Object> a = alarm(rule + "-last-24h");
            assertEquals(PipelineMonitoring.EVENTS_NAMESPACE, a.get("Namespace"));
            assertEquals(PipelineMonitoring.EVENTS_TRIGGERED_RULES, a.get("MetricName"));
            assertEquals(Set.of(Map.of("Name", "RuleName", "Value", rule)), dimensions(a));
            synth.logicalIdNamed("AWS::Events::Rule", "Name", rule);
            assertEquals("GreaterThanOrEqualToThreshold", a.get("ComparisonOperator"));
            assertEquals(List.of(), actions(a), "the rule already notified, with the run id and message");
        }
        assertEquals(6, alarmsByName.size(), "four quality alarms and two failure alarms: " + alarmsByName.keySet());
    }

    /** Every metric line of every graph: [namespace, name, dim, value, ..., {options}]. */
    private static List<JsonNode> metricLines() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode w : dashboard.get("widgets")) {
            if (w.get("type").asText().equals("metric")) {
                w.get("properties").get("metrics").forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void dashboardShowsOnlyMetricsThatArePublished() {
        Map<String, MetricNames.Metric> ours = MetricNames.ALL.stream()
                .collect(Collectors.toMap(MetricNames.Metric::name, m -> m));
        Set<String> jobs = Set.of(MetricNames.JOB_CLEANING, MetricNames.JOB_MONITORING, MetricNames.JOB_TRAINING,
                MetricNames.JOB_INFERENCE);
        List<JsonNode> lines = metricLines();
        assertTrue(lines.size() >= 20, "graphs: " + lines.size());
        for (JsonNode line : lines) {
            String namespace = line.get(0).asText();
            String name = line.get(1).asText();
            Map<String, String> dims = new HashMap<>();
            int i = 2;
            for (; i + 1 < line.size() && line.get(i).isTextual(); i += 2) {
                dims.put(line.get(i).asText(), line.get(i + 1).asText());
            }
            if (namespace.equals(MetricNames.NAMESPACE)) {
                String job = dims.get(MetricNames.DIM_JOB);
                if (name.equals(MetricNames.RUN_SUCCEEDED)) {
                    assertTrue(jobs.contains(job), line.toString());
                } else {
                    assertTrue(ours.containsKey(name), "not a published metric: " + line);
                    assertEquals(ours.get(name).job(), job, "published by another job: " + line);
                }
                assertEquals(Map.of(MetricNames.DIM_ENVIRONMENT, "dev", MetricNames.DIM_JOB, job,
                        MetricNames.DIM_LABEL, "deposit"), dims, line.toString());
            } else {
                assertTrue(FOREIGN_METRICS.getOrDefault(namespace, Set.of()).contains(name), "unknown metric " + line);
            }
        }
    }

    @Test
    void dashboardHasARowPerJobAndTheQualityTrends() {
        Map<String, List<String>> metricsByTitle = new LinkedHashMap<>();
        for (JsonNode w : dashboard.get("widgets")) {
            if (w.get("type").asText().equals("metric")) {
                List<String> names = new ArrayList<>();
                w.get("properties").get("metrics").forEach(l -> names.add(l.get(1).asText()
                        + (l.size() > 3 && l.get(2).asText().equals("JobName") ? "@" + l.get(3).asText() : "")
                        + (l.size() > 5 && l.get(4).asText().equals(MetricNames.DIM_JOB) ? "@" + l.get(5).asText() : "")));
                metricsByTitle.put(w.get("properties").get("title").asText(), names);
            }
        }
        Map<String, String> glueJob = Map.of(MetricNames.JOB_CLEANING, "bankml-dev-clean",
                MetricNames.JOB_MONITORING, "bankml-dev-evaluate", MetricNames.JOB_TRAINING, "bankml-dev-train",
                MetricNames.JOB_INFERENCE, "bankml-dev-score");
        glueJob.forEach((job, glue) -> {
            assertEquals(List.of(PipelineMonitoring.GLUE_ELAPSED_TIME + "@" + glue),
                    metricsByTitle.get("Job " + job + ": duration (ms, Glue)"));
            assertEquals(List.of(MetricNames.RUN_SUCCEEDED + "@" + job), metricsByTitle.get("Job " + job + ": successful runs"));
            assertFalse(metricsByTitle.get("Job " + job + ": rows").isEmpty());
            metricsByTitle.get("Job " + job + ": rows").forEach(m -> assertTrue(m.endsWith("@" + job), m));
        });
        assertEquals(List.of(MetricNames.CHAMPION_AUC_ROC.name() + "@training", MetricNames.CHAMPION_AUC_PR.name() + "@training"),
                metricsByTitle.get("Model quality: champion AUC"));
        assertEquals(List.of(MetricNames.MODEL_PROMOTED.name() + "@training"),
                metricsByTitle.get("Model quality: promoted (1) or kept previous (0)"));
        assertEquals(List.of("RowsRead@cleaning", "RowsWritten@cleaning", "RowsRejected@cleaning"),
                metricsByTitle.get("Data quality: rows"));
        assertEquals(List.of(MetricNames.REJECTED_FRACTION.name() + "@cleaning"), metricsByTitle.get("Data quality: rejected fraction"));

        // The alarm widget shows all six alarms.
        JsonNode alarmWidget = null;
        for (JsonNode w : dashboard.get("widgets")) {
            if (w.get("type").asText().equals("alarm")) {
                alarmWidget = w;
            }
        }
        assertEquals(6, alarmWidget.get("properties").get("alarms").size());
    }
}
