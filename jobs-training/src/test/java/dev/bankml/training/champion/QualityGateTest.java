package dev.bankml.training.champion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.FakeCloudWatch;
import dev.bankml.training.TrainingFixtures;
import dev.bankml.training.report.TrainingOutcome;

/**
 * The quality gate over four runs into one model store, and the model-quality metrics each run
 * publishes: a worse champion is recorded but not promoted; the pointer keeps the previous one; a
 * change of feature set is named and judged on its own test rows, not lost against the old setting.
 */
class QualityGateTest {
    private static FakeCloudWatch cloudWatch;
    private static TrainingFixtures.Outputs out;
    private static TrainingOutcome first;
    private static TrainingOutcome worse;
    private static TrainingOutcome allowed;
    private static TrainingOutcome realistic;
    private static List<Map<String, JsonNode>> published;

    @BeforeAll
    static void threeRuns() {
        cloudWatch = FakeCloudWatch.start();
        out = TrainingFixtures.outputs("gate");
        String[] metrics = {"--publish_metrics", "true", "--cloudwatch_endpoint", cloudWatch.endpoint(),
            "--environment", "test", "--models", "lr"};
        first = TrainingFixtures.train(TrainingFixtures.cleanedSample(), out, concat(metrics, "--run_id", "a"));
        // Naive Bayes on the same features and rows: a clearly worse model, compared like with like.
        String[] worseModel = {"--publish_metrics", "true", "--cloudwatch_endpoint", cloudWatch.endpoint(),
            "--environment", "test", "--models", "nb"};
        worse = TrainingFixtures.train(TrainingFixtures.cleanedSample(), out, concat(worseModel, "--run_id", "b"));
        allowed = TrainingFixtures.train(TrainingFixtures.cleanedSample(), out,
                concat(worseModel, "--run_id", "c", "--promotion_margin", "1.0"));
        // Without duration (known only after the call): worse on paper, but another setting.
        realistic = TrainingFixtures.train(TrainingFixtures.cleanedSample(), out,
                concat(metrics, "--run_id", "d", "--exclude_features", "duration"));
        published = cloudWatch.requests().stream()
                .map(r -> {
                    Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
                    r.body().path("MetricData").forEach(d -> byName.put(d.get("MetricName").asText(), d));
                    return byName;
                }).toList();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aFirstRunAlwaysPromotes() {
        assertTrue(first.gate().promoted());
        assertEquals(0.0, first.gate().margin());
    }

    @Test
    void aWorseChampionIsRecordedButNotPromoted() {
        assertFalse(worse.gate().promoted(), worse.gate().reason());
        assertEquals("a", worse.gate().previousRunId());
        assertTrue(worse.gate().margin() < -0.01, "margin " + worse.gate().margin());
        assertTrue(worse.gate().reason().startsWith("NOT promoted"), worse.gate().reason());
        assertFalse(worse.champion().promoted());
        assertTrue(worse.champion().isChampion());
    }

    @Test
    void theMarginIsConfigurable() {
        assertTrue(allowed.gate().promoted(), allowed.gate().reason());
        assertEquals("a", allowed.gate().previousRunId(), "b never became champion");
    }

    @Test
    void aChangeOfFeatureSetIsNamedAndJudgedOnItsOwnTestRows() {
        assertTrue(realistic.gate().promoted(), realistic.gate().reason());
        assertEquals("c", realistic.gate().previousRunId());
        assertTrue(realistic.gate().reason().startsWith("the feature set changed: the champion (run c) read [duration], "
                + "which this run excludes; not comparable"), realistic.gate().reason());
        assertTrue(Double.isNaN(realistic.gate().previousAucPr()), "no score of the old model on rows it cannot read");
        assertTrue(realistic.champion().aucPr() < first.champion().aucPr() - 0.01,
                "on paper it is worse than the model that reads duration, and still not lost against it: "
                        + realistic.champion().aucPr() + " vs " + first.champion().aucPr());
    }

    @Test
    void thePointerAndTheHistoryTellTheStory() {
        ModelStore store = new ModelStore(new Storage(TrainingFixtures.spark().sparkContext().hadoopConfiguration()),
                out.models());
        assertEquals("d", store.champion("deposit").orElseThrow().runId());
        Map<String, Boolean> promotedByRun = TrainingFixtures.spark().read().parquet(out.metrics() + "/history")
                .filter("is_champion").collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("run_id")), r -> r.getBoolean(r.fieldIndex("promoted"))));
        assertEquals(Map.of("a", true, "b", false, "c", true, "d", true), promotedByRun);
        List<Row> rows = TrainingFixtures.spark().read().parquet(out.metrics() + "/history").collectAsList();
        assertEquals(4, rows.size(), "one model x four runs, appended by run");
    }

    @Test
    void eachRunPublishesItsModelQuality() {
        assertEquals(4, published.size());
        for (int i = 0; i < 4; i++) {
            Map<String, JsonNode> m = published.get(i);
            assertEquals(1.0, m.get("Trained").get("Value").asDouble(), "each run trained (asked to)");
            assertEquals(List.of("Trained", "ChampionAucRoc", "ChampionAucPr", "ChampionMarginOverPrevious", "ModelPromoted",
                    "TrainingRows", "TrainingSeconds", "RunSucceeded"), List.copyOf(m.keySet()));
            assertEquals(8_929.0, m.get("TrainingRows").get("Value").asDouble());
            assertEquals("Seconds", m.get("TrainingSeconds").get("Unit").asText());
            assertEquals("[{\"Name\":\"Environment\",\"Value\":\"test\"},{\"Name\":\"Job\",\"Value\":\"training\"},"
                    + "{\"Name\":\"Label\",\"Value\":\"deposit\"}]", m.get("ChampionAucRoc").get("Dimensions").toString());
        }
        assertEquals(first.champion().aucRoc(), published.get(0).get("ChampionAucRoc").get("Value").asDouble(), 1e-12);
        assertEquals(1.0, published.get(0).get("ModelPromoted").get("Value").asDouble());
        assertEquals(0.0, published.get(1).get("ModelPromoted").get("Value").asDouble());
        assertEquals(worse.gate().margin(), published.get(1).get("ChampionMarginOverPrevious").get("Value").asDouble(), 1e-12);
        assertEquals(1.0, published.get(2).get("ModelPromoted").get("Value").asDouble());
    }
}
