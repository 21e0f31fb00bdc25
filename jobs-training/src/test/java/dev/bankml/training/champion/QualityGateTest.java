package dev.bankml.training.champion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.FakeCloudWatch;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.TrainedSample;
import dev.bankml.training.TrainingFixtures;
import dev.bankml.training.features.FeatureSet;
import dev.bankml.training.report.TrainingOutcome;

/**
 * The quality gate. Its decisions from given figures (first run, margin, a change of feature set or
 * label); and through real runs into a copy of {@link TrainedSample}'s model store and metrics: a clearly
 * worse champion (naive Bayes on the same features and rows, compared like with like) is recorded but not
 * promoted and the pointer keeps the previous one; the same with {@code --promotion_margin 1} is promoted;
 * the history and the published model-quality metrics say so.
 */
class QualityGateTest {
    private static final String PREVIOUS = TrainedSample.RUN_ID;
    private static FakeCloudWatch cloudWatch;
    private static TrainingFixtures.Outputs out;
    private static ModelStore store;
    private static ChampionPointer previous;
    private static TrainingOutcome worse;
    private static TrainingOutcome allowed;
    private static List<Map<String, JsonNode>> published;

    @BeforeAll
    static void aWorseRunAfterTheTrainedSample() {
        TrainingFixtures.Outputs trained = TrainedSample.outputs();
        out = TrainingFixtures.outputs("gate");
        copy(Path.of(trained.models()), Path.of(out.models()));
        copy(Path.of(trained.metrics()), Path.of(out.metrics()));
        store = new ModelStore(new Storage(TrainingFixtures.spark().sparkContext().hadoopConfiguration()), out.models());
        previous = store.champion("deposit").orElseThrow();
        cloudWatch = FakeCloudWatch.start();
        String[] worseModel = {"--publish_metrics", "true", "--cloudwatch_endpoint", cloudWatch.endpoint(),
            "--environment", "test", "--models", "nb"};
        worse = TrainingFixtures.train(TrainingFixtures.cleanedSample(), out, concat(worseModel, "--run_id", "b"));
        allowed = TrainingFixtures.train(TrainingFixtures.cleanedSample(), out,
                concat(worseModel, "--run_id", "c", "--promotion_margin", "1.0"));
        published = cloudWatch.requests().stream()
                .map(r -> {
                    Map<String, JsonNode> byName = new LinkedHashMap<>();
                    r.body().path("MetricData").forEach(d -> byName.put(d.get("MetricName").asText(), d));
                    return byName;
                }).toList();
    }

    @AfterAll
    static void stop() {
        cloudWatch.close();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anAnalysisModelIsNeverPromotedNorComparedWithAChampionThatScoresLeads() {
        List<String> withDuration = FeatureSet.of("deposit", List.of(), "all").inputColumns();
        GateDecision d = new QualityGate(store, "deposit", 0.01).decide(previous.testAucPr() + 0.1, null, withDuration);
        assertFalse(d.promoted(), d.reason());
        assertTrue(d.reason().startsWith("NOT promoted: an analysis model, it reads duration, known only after the "
                + "call, so it never scores leads (train with --features pre_call"), d.reason());
        assertTrue(Double.isNaN(d.previousAucPr()), "not compared");
    }

    private static List<String> allFeatures() {
        return FeatureSet.of("deposit", List.of()).inputColumns();
    }

    @Test
    void aFirstRunAlwaysPromotes() {
        ModelStore empty = new ModelStore(new Storage(TrainingFixtures.spark().sparkContext().hadoopConfiguration()),
                TestSpark.workDir("no-models").toString());
        GateDecision first = new QualityGate(empty, "deposit", 0.01).decide(0.5, null, allFeatures());
        assertTrue(first.promoted());
        assertEquals(0.0, first.margin());
        assertEquals("first champion for this label", first.reason());
    }

    @Test
    void theMarginDecidesAndIsConfigurable() {
        GateDecision kept = GateDecision.compare(previous, 0.90, 0.85, 0.01);
        assertFalse(kept.promoted(), kept.reason());
        assertEquals(-0.05, kept.margin(), 1e-12);
        assertEquals("NOT promoted: new champion AUC-PR 0.8500 is 0.0500 below the previous champion's 0.9000 (run "
                + PREVIOUS + ") on the same test rows; allowed drop 0.0100", kept.reason());
        assertTrue(GateDecision.compare(previous, 0.90, 0.85, 1.0).promoted(), "a margin of 1 lets anything through");
        assertTrue(GateDecision.compare(previous, 0.90, 0.895, 0.01).promoted(), "within the allowed drop");
    }

    @Test
    void aChangeOfFeatureSetIsNamedAndJudgedOnItsOwnTestRows() {
        List<String> withoutBalance = FeatureSet.of("deposit", List.of("balance")).inputColumns();
        // Worse on paper than the champion that reads balance, and still not lost against it.
        double lower = previous.testAucPr() - 0.1;
        GateDecision d = new QualityGate(store, "deposit", 0.01).decide(lower, null, withoutBalance);
        assertTrue(d.promoted(), d.reason());
        assertEquals("c", d.previousRunId());
        assertTrue(d.reason().startsWith("the feature set changed: the champion (run c) read [balance], "
                + "which this run excludes; not comparable"), d.reason());
        assertTrue(Double.isNaN(d.previousAucPr()), "no score of the old model on rows it cannot read");
        assertEquals("the label changed: the champion (run " + PREVIOUS + ") predicts 'deposit', this run 'loan'",
                QualityGate.settingChange(previous, "loan", allFeatures()).orElseThrow());
        assertTrue(QualityGate.settingChange(previous, "deposit", allFeatures()).isEmpty());
    }

    @Test
    void aWorseChampionIsRecordedButNotPromoted() {
        assertFalse(worse.gate().promoted(), worse.gate().reason());
        assertEquals(PREVIOUS, worse.gate().previousRunId());
        assertTrue(worse.gate().margin() < -0.01, "margin " + worse.gate().margin());
        assertTrue(worse.gate().reason().startsWith("NOT promoted"), worse.gate().reason());
        assertFalse(worse.champion().promoted());
        assertTrue(worse.champion().isChampion());
    }

    @Test
    void theMarginArgumentReachesTheGate() {
        assertTrue(allowed.gate().promoted(), allowed.gate().reason());
        assertEquals(PREVIOUS, allowed.gate().previousRunId(), "b never became champion");
        assertTrue(allowed.gate().margin() < -0.01, "as much worse as b: " + allowed.gate().margin());
    }

    @Test
    void thePointerAndTheHistoryTellTheStory() {
        assertEquals("c", store.champion("deposit").orElseThrow().runId());
        List<Row> history = TrainingFixtures.spark().read().parquet(out.metrics() + "/history").collectAsList();
        Map<String, Boolean> promotedByRun = history.stream().filter(r -> r.getBoolean(r.fieldIndex("is_champion")))
                .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("run_id")),
                        r -> r.getBoolean(r.fieldIndex("promoted"))));
        assertEquals(Map.of(PREVIOUS, true, "b", false, "c", true), promotedByRun);
        assertEquals(7 + 1 + 1, history.size(), "seven models of the first run, one of each other, appended by run");
    }

    @Test
    void eachRunPublishesItsModelQuality() {
        assertEquals(2, published.size());
        Map<String, JsonNode> m = published.get(0);
        assertEquals(List.of("Trained", "ChampionAucRoc", "ChampionAucPr", "ChampionMarginOverPrevious", "ModelPromoted",
                "TrainingRows", "TrainingSeconds", "RunSucceeded"), List.copyOf(m.keySet()));
        assertEquals(1.0, m.get("Trained").get("Value").asDouble(), "the run trained (asked to)");
        assertEquals(8_929.0, m.get("TrainingRows").get("Value").asDouble());
        assertEquals("Seconds", m.get("TrainingSeconds").get("Unit").asText());
        assertEquals("[{\"Name\":\"Environment\",\"Value\":\"test\"},{\"Name\":\"Job\",\"Value\":\"training\"},"
                + "{\"Name\":\"Label\",\"Value\":\"deposit\"}]", m.get("ChampionAucRoc").get("Dimensions").toString());
        assertEquals(worse.champion().aucRoc(), m.get("ChampionAucRoc").get("Value").asDouble(), 1e-12);
        assertEquals(0.0, m.get("ModelPromoted").get("Value").asDouble());
        assertEquals(worse.gate().margin(), m.get("ChampionMarginOverPrevious").get("Value").asDouble(), 1e-12);
        assertEquals(1.0, published.get(1).get("ModelPromoted").get("Value").asDouble());
        assertEquals(allowed.gate().margin(), published.get(1).get("ChampionMarginOverPrevious").get("Value").asDouble(),
                1e-12);
    }
}
