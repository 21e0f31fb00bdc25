package dev.bankml.training.drift;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.training.TrainingFixtures;
import dev.bankml.training.features.FeatureSet;

/**
 * Reference profiles and drift on the cleaned sample: its own rows do not drift from their profile; a
 * shifted delivery does, feature by feature, with its unseen values counted, calendar columns aside.
 */
class ProfilesTest {
    private static Dataset<Row> sample;
    private static ReferenceProfile reference;
    private static long rows;

    @BeforeAll
    static void profile() {
        sample = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString()).cache();
        rows = sample.count();
        double[] testScores = new double[1_000];
        for (int i = 0; i < testScores.length; i++) {
            testScores[i] = (i + 0.5) / testScores.length;
        }
        reference = Profiles.reference(sample, FeatureSet.of("deposit", List.of()), testScores);
    }

    @Test
    void theProfileCoversEveryInputWithSharesThatSumToOne() {
        assertEquals(rows, reference.rows());
        assertEquals(FeatureSet.of("deposit", List.of()).inputColumns(),
                reference.features().stream().map(ReferenceProfile.FeatureProfile::name).toList());
        for (ReferenceProfile.FeatureProfile f : reference.features()) {
            assertEquals(1.0, f.shares().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9, f.name());
        }
        ReferenceProfile.FeatureProfile age = reference.feature("age");
        assertTrue(age.numeric());
        assertTrue(age.edges().size() >= 8, "deciles of age: " + age.edges());
        assertEquals(10, reference.score().shares().size(), "ten score bins at the test scores' deciles");
        assertTrue(reference.feature("job").shares().containsKey("management"));
        assertNull(reference.feature("deposit"), "the label is no input");
    }

    @Test
    void theTrainingRowsMeasuredAgainstTheirOwnProfileDoNotDrift() {
        DriftMeasure d = Profiles.measure(sample.withColumn("g", lit("same")), reference, "g", Optional.empty()).get("same");
        assertEquals(rows, d.rows());
        d.psi().forEach((feature, psi) -> assertEquals(0.0, psi, 1e-9, feature));
        assertTrue(d.unseen().isEmpty());
        assertTrue(Double.isNaN(d.scorePsi()), "rows not scored: no score index");
    }

    @Test
    void aShiftedDeliveryDriftsFeatureByFeatureWithItsUnseenValuesCountedAndCalendarAside() {
        Dataset<Row> delivery = sample.limit(2_000)
                .withColumn("age", col("age").plus(30))
                .withColumn("job", when(col("day").leq(10), lit("astronaut")).otherwise(col("job")))
                .withColumn("month", lit("dec"))
                .withColumn("s", col("balance").mod(100).divide(200.0)) // scores squeezed into [0, 0.5)
                .withColumn("g", lit("shifted"));
        long astronauts = delivery.filter(col("job").equalTo("astronaut")).count();
        DriftMeasure d = Profiles.measure(delivery, reference, "g", Optional.of("s")).get("shifted");
        assertEquals(2_000, d.rows());
        assertTrue(d.psi().get("age") > 1.0, "everyone 30 years older: " + d.psi().get("age"));
        assertTrue(d.psi().get("month") > 1.0, "a single month: " + d.psi().get("month"));
        assertTrue(d.psi().get("education") < 0.1, "untouched: " + d.psi().get("education"));
        assertEquals(Map.of("job", Map.of("astronaut", astronauts)), d.unseen());
        assertEquals(astronauts, d.unseenValues());
        assertTrue(d.scorePsi() > 1.0, "half the score bins emptied: " + d.scorePsi());
        assertNotEquals("month", d.maxPsiOf(), "a delivery is one month: the calendar always moves");
        double largest = d.psi().entrySet().stream().filter(e -> !Profiles.CALENDAR.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).max().orElseThrow();
        assertEquals(Math.max(largest, d.scorePsi()), d.maxPsi(), 1e-12);
    }
}
