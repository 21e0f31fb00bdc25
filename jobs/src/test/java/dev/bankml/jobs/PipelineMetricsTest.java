package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.testing.FakeCloudWatch;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.settings.JobKind;

/** The real AWS SDK CloudWatch client against a local endpoint: exactly what is sent. */
class PipelineMetricsTest {
    @RegisterExtension
    static final FakeCloudWatch cloudWatch = FakeCloudWatch.start();

    @Test
    void sendsNamesValuesUnitsAndDimensions() {
        PipelineMetrics m = PipelineMetrics.of(true, Optional.of(cloudWatch.endpoint()), "prod", MetricNames.JOB_CLEANING,
                "deposit");
        int sent = m.publish(PipelineMetrics.values(MetricNames.ROWS_READ, 11_162, MetricNames.ROWS_REJECTED, 7,
                MetricNames.REJECTED_FRACTION, 7.0 / 11_162), true);
        assertEquals(4, sent);
        assertEquals(1, cloudWatch.requests().size());
        FakeCloudWatch.Request r = cloudWatch.requests().get(0);
        assertEquals("PutMetricData", r.operation());
        assertEquals("eu-west-1", r.signingRegion(), "the region of the job (FakeCloudWatch sets aws.region)");
        assertEquals(MetricNames.NAMESPACE, r.body().get("Namespace").asText());
        List<JsonNode> data = cloudWatch.data();
        assertEquals(List.of("RowsRead", "RowsRejected", "RejectedFraction", "RunSucceeded"),
                data.stream().map(d -> d.get("MetricName").asText()).toList());
        assertEquals(List.of(11_162.0, 7.0, 7.0 / 11_162, 1.0), data.stream().map(d -> d.get("Value").asDouble()).toList());
        assertEquals(List.of("Count", "Count", "None", "Count"), data.stream().map(d -> d.get("Unit").asText()).toList());
        for (JsonNode d : data) {
            assertEquals("[{\"Name\":\"Environment\",\"Value\":\"prod\"},{\"Name\":\"Job\",\"Value\":\"cleaning\"},"
                    + "{\"Name\":\"Label\",\"Value\":\"deposit\"}]", d.get("Dimensions").toString());
            assertTrue(d.has("Timestamp"));
        }
    }

    @Test
    void aRunToldItsWorkersAndTheirDpusPublishesWhatItCostsByGluesRule() {
        PipelineMetrics m = PipelineMetrics.fromArgs(GlueArgs.parse("--publish_metrics", "true", "--cloudwatch_endpoint",
                cloudWatch.endpoint(), "--worker_count", "2", "--dpu_per_worker", "2"), JobKind.TRAINING, "deposit");
        assertEquals(Optional.of(2 * 2 * 60.0), m.dpuSeconds(), "a run shorter than a minute is billed one");
        assertEquals(3, m.publish(PipelineMetrics.values(MetricNames.TRAINED, 1), true));
        JsonNode cost = cloudWatch.data().get(2);
        assertEquals(MetricNames.DPU_SECONDS, cost.get("MetricName").asText());
        assertEquals(240.0, cost.get("Value").asDouble());
        assertTrue(cost.get("Dimensions").toString().contains("{\"Name\":\"Job\",\"Value\":\"training\"}"),
                cost.toString());
        assertEquals(Optional.empty(), PipelineMetrics.fromArgs(GlueArgs.parse("--worker_count", "2"), JobKind.TRAINING,
                "deposit").dpuSeconds(), "both numbers or no cost");
    }

    @Test
    void isOffUnlessAskedFor() {
        PipelineMetrics m = PipelineMetrics.fromArgs(GlueArgs.parse("--cloudwatch_endpoint", cloudWatch.endpoint()),
                dev.bankml.workflow.settings.JobKind.TRAINING, "deposit");
        assertEquals(0, m.publish(PipelineMetrics.values(MetricNames.CHAMPION_AUC_ROC, 0.93), true));
        assertEquals(0, cloudWatch.requests().size());
    }

    @Test
    void aFailureToPublishIsLoggedAndNeverThrown() {
        PipelineMetrics m = PipelineMetrics.of(true, Optional.of("http://127.0.0.1:1"), "dev", MetricNames.JOB_INFERENCE,
                "deposit");
        assertEquals(0, m.publish(PipelineMetrics.values(MetricNames.ROWS_SCORED, 5), true));
    }

    @Test
    void leavesOutValuesThatAreNotNumbers() {
        PipelineMetrics m = PipelineMetrics.of(true, Optional.of(cloudWatch.endpoint()), "dev", MetricNames.JOB_TRAINING,
                "default");
        assertEquals(1, m.publish(PipelineMetrics.values(MetricNames.CHAMPION_MARGIN, Double.NaN,
                MetricNames.CHAMPION_AUC_PR, 0.12), false));
        assertEquals(List.of("ChampionAucPr"), cloudWatch.data().stream().map(d -> d.get("MetricName").asText()).toList());
    }
}
