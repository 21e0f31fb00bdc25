package dev.bankml.cdk;

import static dev.bankml.cdk.SynthesizedPipeline.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The alarms watch exactly the metrics the jobs publish (same constants: name, namespace, the three
 * dimensions), and the dashboard body is valid JSON that shows only metrics that exist.
 */
class PipelineMonitoringTest {
    private static SynthesizedPipeline synth;
    private static Template template;
    private static JsonNode dashboard;
    private static Map<String, Object> topic;

    /** Glue's and EventBridge's own documented metrics the dashboard may show, besides ours. */
    private static final Map<String, Set<String>> FOREIGN_METRICS = Map.of(
            JobRole.GLUE_METRIC_NAMESPACE, Set.of(PipelineMonitoring.GLUE_ELAPSED_TIME),
            PipelineMonitoring.EVENTS_NAMESPACE, Set.of(PipelineMonitoring.EVENTS_TRIGGERED_RULES));

    @BeforeAll
    static void synthesize() throws Exception {
        synth = SynthesizedPipeline.defaults();
        template = synth.template();
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        Capture body = new Capture();
        template.hasResourceProperties("AWS::CloudWatch::Dashboard", Match.objectEquals(Map.of(
                "DashboardName", "bankml-dev-pipeline", "DashboardBody", body)));
        dashboard = SynthesizedPipeline.JSON.readTree(SynthesizedPipeline.render(body.asObject()));
        topic = ref(synth.logicalIdOf(synth.stack().alerts().topic()));
    }

    /** The dimensions every data point of a job carries, as CloudFormation lists them. */
    private static Set<Object> dimensionsOf(String job) {
        return Set.of(Map.of("Name", MetricNames.DIM_ENVIRONMENT, "Value", "dev"),
                Map.of("Name", MetricNames.DIM_JOB, "Value", job),
                Map.of("Name", MetricNames.DIM_LABEL, "Value", "deposit"));
    }

    /**
     * The alarm named {@code name} has these properties and exactly these dimensions (in any order); it
     * has no Unit, which would blind it to data points sent without one.
     */
    private static void alarm(String name, Set<Object> dimensions, Map<String, Object> properties) {
        Capture dims = new Capture();
        Map<String, Object> like = new LinkedHashMap<>(properties);
        like.put("AlarmName", name);
        like.put("Unit", Match.absent());
        like.put("Dimensions", dims);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(like));
        assertEquals(dimensions, Set.copyOf(dims.asArray()), name);
    }

    @Test
    void championAucBelowTheFloorNotifiesTheTopic() {
        alarm("bankml-dev-champion-auc-low", dimensionsOf(MetricNames.CHAMPION_AUC_ROC.job()), Map.of(
                "Namespace", MetricNames.NAMESPACE,
                "MetricName", MetricNames.CHAMPION_AUC_ROC.name(),
                "Threshold", 0.7,
                "ComparisonOperator", "LessThanThreshold",
                "Statistic", "Minimum",
                "TreatMissingData", "ignore",
                "AlarmActions", List.of(topic)));
    }

    @Test
    void rejectedFractionAboveTheCeilingNotifiesTheTopic() {
        assertEquals(MetricNames.JOB_CLEANING, MetricNames.REJECTED_FRACTION.job());
        alarm("bankml-dev-rejected-fraction-high", dimensionsOf(MetricNames.JOB_CLEANING), Map.of(
                "Namespace", MetricNames.NAMESPACE,
                "MetricName", MetricNames.REJECTED_FRACTION.name(),
                // Defaults to maxRejectedFraction.
                "Threshold", 0.05,
                "ComparisonOperator", "GreaterThanThreshold",
                "AlarmActions", List.of(topic)));
    }

    @Test
    void aRefusedDeliveryNotifiesTheTopicTheFirstTime() {
        assertEquals(MetricNames.JOB_CLEANING, MetricNames.DELIVERIES_REFUSED.job());
        alarm("bankml-dev-deliveries-refused", dimensionsOf(MetricNames.JOB_CLEANING), Map.of(
                "Namespace", MetricNames.NAMESPACE,
                "MetricName", MetricNames.DELIVERIES_REFUSED.name(),
                "Threshold", 0,
                "ComparisonOperator", "GreaterThanThreshold",
                "Statistic", "Maximum",
                "EvaluationPeriods", 1,
                "TreatMissingData", "ignore",
                "AlarmActions", List.of(topic)));
    }

    @Test
    void theChampionFallingOnNewOutcomesNotifiesTheTopicAtTheRetrainingMargin() {
        assertEquals(MetricNames.JOB_MONITORING, MetricNames.OUT_OF_TIME_AUC_DROP.job());
        alarm("bankml-dev-out-of-time-auc-drop", dimensionsOf(MetricNames.JOB_MONITORING), Map.of(
                "MetricName", MetricNames.OUT_OF_TIME_AUC_DROP.name(),
                // Defaults to aucDropAlarm.
                "Threshold", 0.05,
                "ComparisonOperator", "GreaterThanThreshold",
                "Statistic", "Maximum",
                // A cycle without new outcomes says nothing.
                "TreatMissingData", "ignore",
                "AlarmActions", List.of(topic)));
    }

    @Test
    void driftOfANewDeliveryNotifiesTheTopic() {
        alarm("bankml-dev-drift-high", dimensionsOf(MetricNames.JOB_MONITORING), Map.of(
                "MetricName", MetricNames.MAX_PSI.name(),
                // Defaults to psiAlarm.
                "Threshold", 0.25,
                "ComparisonOperator", "GreaterThanThreshold",
                "TreatMissingData", "ignore",
                "AlarmActions", List.of(topic)));
    }

    @Test
    void theNoSuccessfulRunAlarmIsLeftOutByDefaultForAMonthlyCycle() {
        // A cycle a month is silent for weeks: an hourly staleness alarm would always be red.
        template.resourcePropertiesCountIs("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "bankml-dev-no-successful-run")), 0);
    }

    @Test
    void failureAlarmsCountTheFailureRulesMatchesAndLeaveNotificationToTheRules() {
        for (String rule : List.of("bankml-dev-job-failures", "bankml-dev-crawler-failures")) {
            synth.idNamed("AWS::Events::Rule", rule);
            // The rule already notified, with the run id and message.
            alarm(rule + "-last-24h", Set.of(Map.of("Name", "RuleName", "Value", rule)), Map.of(
                    "Namespace", PipelineMonitoring.EVENTS_NAMESPACE,
                    "MetricName", PipelineMonitoring.EVENTS_TRIGGERED_RULES,
                    "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                    "AlarmActions", Match.absent()));
        }
        // Five on the pipeline's figures (four on quality, one on refused deliveries), two failure alarms, and
        // three on lost delivery events (DeliveryEventsTest).
        template.resourceCountIs("AWS::CloudWatch::Alarm", 10);
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
            if (line.get(0).isObject()) {
                // A metric math expression over the lines of its graph (checked with them).
                assertTrue(line.get(0).has("expression"), line.toString());
                continue;
            }
            String namespace = line.get(0).asText();
            String name = line.get(1).asText();
            Map<String, String> dims = new HashMap<>();
            int i = 2;
            for (; i + 1 < line.size() && line.get(i).isTextual(); i += 2) {
                dims.put(line.get(i).asText(), line.get(i + 1).asText());
            }
            if (namespace.equals(MetricNames.NAMESPACE)) {
                String job = dims.get(MetricNames.DIM_JOB);
                if (name.equals(MetricNames.RUN_SUCCEEDED) || name.equals(MetricNames.DPU_SECONDS)) {
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
                w.get("properties").get("metrics").forEach(l -> names.add(l.get(0).isObject() ? "=" + l.get(0).get("expression").asText()
                        : l.get(1).asText()
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

        // The alarm widget shows all ten alarms.
        JsonNode alarmWidget = null;
        for (JsonNode w : dashboard.get("widgets")) {
            if (w.get("type").asText().equals("alarm")) {
                alarmWidget = w;
            }
        }
        assertNotNull(alarmWidget);
        assertEquals(10, alarmWidget.get("properties").get("alarms").size());
    }

    /** The widget titled {@code title}. */
    private static JsonNode widget(String title) {
        for (JsonNode w : dashboard.get("widgets")) {
            if (w.has("properties") && title.equals(w.get("properties").path("title").asText())) {
                return w;
            }
        }
        throw new AssertionError("no widget " + title);
    }

    /** What a run costs: DPU-seconds per job run, per cycle (the four jobs a day), and in DPU-hours over the range. */
    @Test
    void theCostRowShowsDpuSecondsPerJobPerCycleAndInTotal() {
        List<String> perJob = new ArrayList<>();
        widget("Cost: DPU-seconds per job run").get("properties").get("metrics").forEach(l -> {
            assertEquals(MetricNames.NAMESPACE, l.get(0).asText());
            assertEquals(MetricNames.DPU_SECONDS, l.get(1).asText());
            for (int i = 2; i + 1 < l.size(); i += 2) {
                if (l.get(i).asText().equals(MetricNames.DIM_JOB)) {
                    perJob.add(l.get(i + 1).asText());
                }
            }
            assertEquals("Sum", l.get(l.size() - 1).get("stat").asText(), l.toString());
        });
        assertEquals(Set.of(MetricNames.JOB_CLEANING, MetricNames.JOB_MONITORING, MetricNames.JOB_TRAINING,
                MetricNames.JOB_INFERENCE), Set.copyOf(perJob));
        assertEquals(4, perJob.size());
        for (String title : List.of("Cost: DPU-seconds per cycle", "Cost: DPU-hours, whole time range")) {
            JsonNode metrics = widget(title).get("properties").get("metrics");
            String expression = metrics.get(0).get(0).get("expression").asText();
            assertTrue(expression.startsWith("SUM([j0,j1,j2,j3])"), expression);
            assertEquals(5, metrics.size(), "the sum and the four jobs' DpuSeconds: " + metrics);
            for (int i = 1; i < metrics.size(); i++) {
                JsonNode options = metrics.get(i).get(metrics.get(i).size() - 1);
                assertEquals(MetricNames.DPU_SECONDS, metrics.get(i).get(1).asText());
                assertEquals(false, options.get("visible").asBoolean());
                assertEquals(86400, options.get("period").asInt(), "a cycle's jobs, summed over a day");
            }
        }
        assertEquals("SUM([j0,j1,j2,j3])/3600", widget("Cost: DPU-hours, whole time range").get("properties")
                .get("metrics").get(0).get(0).get("expression").asText());
        assertEquals(true, widget("Cost: DPU-hours, whole time range").get("properties").get("setPeriodToTimeRange").asBoolean());
    }
}
