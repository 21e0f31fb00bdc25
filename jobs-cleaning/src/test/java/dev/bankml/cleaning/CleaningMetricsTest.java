package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.testing.FakeCloudWatch;

/** The data-quality metrics the cleaning job publishes, as the real SDK client sends them. */
class CleaningMetricsTest {
    @RegisterExtension
    static final FakeCloudWatch cloudWatch = FakeCloudWatch.start();

    private Map<String, Double> sent() {
        return cloudWatch.data().stream().collect(Collectors.toMap(d -> d.get("MetricName").asText(),
                d -> d.get("Value").asDouble()));
    }

    @Test
    void aSuccessfulRunPublishesItsCounts() {
        CleaningTestRun.fresh().run(CleaningTestRun.fixture("mixed-good-bad.csv"), "--publish_metrics", "true",
                "--cloudwatch_endpoint", cloudWatch.endpoint(), "--environment", "test");
        assertEquals(Map.of("RowsRead", 21.0, "RowsWritten", 14.0, "RowsRejected", 7.0, "RejectedFraction", 7.0 / 21,
                "RunSucceeded", 1.0), sent());
        assertEquals(List.of("Environment=test", "Job=cleaning", "Label=deposit"), dimensions());
    }

    @Test
    void aRunStoppedByTheQualityGateStillPublishesWhatItSaw() {
        assertThrows(JobFailedException.class, () -> CleaningTestRun.fresh().run(CleaningTestRun.fixture("mixed-good-bad.csv"),
                "--publish_metrics", "true", "--cloudwatch_endpoint", cloudWatch.endpoint(),
                "--max_rejected_fraction", "0.05"));
        assertEquals(Map.of("RowsRead", 21.0, "RowsWritten", 0.0, "RowsRejected", 7.0, "RejectedFraction", 7.0 / 21), sent(),
                "nothing published, so no RowsWritten and no RunSucceeded");
    }

    private List<String> dimensions() {
        return java.util.stream.StreamSupport.stream(cloudWatch.data().get(0).get("Dimensions").spliterator(), false)
                .map(d -> d.get("Name").asText() + "=" + d.get("Value").asText()).toList();
    }
}
