package dev.bankml.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.row_number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.expressions.Window;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.report.ModelMetrics;
import dev.bankml.training.report.TrainingOutcome;

/**
 * Canaries for the failure the reference project had: a label that leaks gives a perfect AUC. A leak would
 * come from the encoding of a feature view, not from the algorithm, so the canary trains one model per
 * encoding: logistic regression (linear view), naive Bayes (counts view), a decision tree (tree view) and
 * XGBoost (the tree view's dense copy).
 */
class LeakageTest {

    /** The sample with its deposit labels shuffled among the rows: no feature can predict them. */
    private static Path permutedSample() {
        Dataset<Row> data = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString());
        Dataset<Row> rows = data.drop(BankSchema.DEPOSIT)
                .withColumn("_k", row_number().over(Window.orderBy(BankSchema.RECORD_ID)));
        Dataset<Row> labels = data.select(col(BankSchema.DEPOSIT))
                .withColumn("_k", row_number().over(Window.orderBy(rand(7))));
        Path out = TestSpark.workDir("permuted").resolve("bank");
        rows.join(labels, "_k").drop("_k").write().mode(SaveMode.Overwrite).parquet(out.toString());
        return out;
    }

    @Test
    void withThePermutedLabelEveryModelIsNoBetterThanChance() {
        TrainingOutcome o = TrainingFixtures.train(permutedSample(), TrainingFixtures.outputs("canary"),
                "--models", "lr,nb,dt,xgb");
        assertEquals(4, o.metrics().size());
        for (ModelMetrics m : o.metrics()) {
            assertTrue(m.aucRoc() >= 0.45 && m.aucRoc() <= 0.55, m.model() + " AUC-ROC " + m.aucRoc()
                    + " on a permuted label: something leaks");
        }
    }

    @Test
    void aFeatureThatIsTheLabelFailsTheRunAndPromotesNothing() {
        Dataset<Row> data = TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString());
        Path leaky = TestSpark.workDir("leaky").resolve("bank");
        // housing is a feature; make it a copy of the label.
        data.withColumn(BankSchema.HOUSING, col(BankSchema.DEPOSIT)).write().mode(SaveMode.Overwrite).parquet(leaky.toString());
        TrainingFixtures.Outputs out = TrainingFixtures.outputs("leaky-out");
        JobFailedException e = assertThrows(JobFailedException.class,
                () -> TrainingFixtures.train(leaky, out, "--models", "dt"));
        assertTrue(e.getMessage().contains("leaked"), e.getMessage());
        assertFalse(Files.exists(Path.of(out.models(), "deposit/champion.json")));
    }
}
