package dev.bankml.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import dev.bankml.training.TrainingFixtures;
import dev.bankml.training.data.TrainingColumns;

class BinaryMetricsTest {
    private static Dataset<Row> scored(double[] scores, double[] labels) {
        StructType schema = new StructType().add(TrainingColumns.SCORE, DataTypes.DoubleType).add(TrainingColumns.LABEL, DataTypes.DoubleType);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            rows.add(RowFactory.create(scores[i], labels[i]));
        }
        return TrainingFixtures.spark().createDataFrame(rows, schema);
    }

    @Test
    void aucsComeFromScoresAsComputedByHand() {
        Dataset<Row> d = scored(new double[] {0.9, 0.8, 0.7, 0.6}, new double[] {1, 0, 1, 0});
        BinaryMetrics m = BinaryMetrics.evaluate(d, 0.65);
        assertEquals(0.75, m.aucRoc(), 1e-12, "3 of 4 positive-negative pairs ranked right");
        // PR points (0,1) (0.5,1) (0.5,0.5) (1,2/3) (1,0.5), trapezoids: 0.5 + 0 + 0.5*(0.5+2/3)/2
        assertEquals(0.5 + 0.25 * (0.5 + 2.0 / 3), m.aucPr(), 1e-12);
        assertEquals(2, m.tp());
        assertEquals(1, m.fp());
        assertEquals(1, m.tn());
        assertEquals(0, m.fn());
        assertEquals(2.0 / 3, m.precision(), 1e-12);
        assertEquals(1.0, m.recall(), 1e-12);
    }

    @Test
    void hardPredictionsWouldGiveADifferentAuc() {
        double[] labels = {1, 0, 1, 0, 1, 0};
        BinaryMetrics fromScores = BinaryMetrics.evaluate(scored(new double[] {0.9, 0.5, 0.8, 0.4, 0.45, 0.2}, labels), 0.5);
        BinaryMetrics fromLabels = BinaryMetrics.evaluate(scored(new double[] {1, 1, 1, 0, 0, 0}, labels), 0.5);
        assertEquals(8.0 / 9, fromScores.aucRoc(), 1e-12);
        assertEquals(2.0 / 3, fromLabels.aucRoc(), 1e-12);
    }

    @Test
    void theBestF1ThresholdIsOneOfTheScores() {
        Dataset<Row> d = scored(new double[] {0.9, 0.8, 0.35, 0.3, 0.2}, new double[] {1, 1, 1, 0, 0});
        assertEquals(0.35, BinaryMetrics.bestF1Threshold(d), 1e-12);
    }
}
