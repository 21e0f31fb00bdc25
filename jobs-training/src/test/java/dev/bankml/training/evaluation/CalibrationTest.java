package dev.bankml.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The calibrators, their choice and the calibration measures, on rows made here (driver-side, no Spark). */
class CalibrationTest {

    /** Rows whose true P(yes) is {@code sigmoid(2 x - 1)}, reported as the badly scaled score {@code sigmoid(x)}. */
    private static ScoredRows miscalibrated(int n, long seed) {
        Random random = new Random(seed);
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian() * 1.5;
            scores[i] = Calibrator.sigmoid(x);
            positive[i] = random.nextDouble() < Calibrator.sigmoid(2 * x - 1);
        }
        return new ScoredRows(scores, positive);
    }

    @Test
    void plattScalingRecoversTheLogisticMapOfTheLogOdds() {
        Calibrator c = Calibrator.platt(miscalibrated(20_000, 1), true);
        assertEquals(Calibrator.PLATT, c.method());
        assertEquals(Calibrator.LOG_ODDS, c.input());
        assertEquals(2.0, c.slope(), 0.1);
        assertEquals(-1.0, c.intercept(), 0.1);
        assertEquals(Calibrator.sigmoid(2 * 0.5 - 1), c.apply(Calibrator.sigmoid(0.5)), 0.03);
    }

    @Test
    void isotonicRegressionPoolsViolatorsIntoANonDecreasingStepFunction() {
        // scores 1..6 with outcomes 0 1 0 1 1 0: PAV pools (2,3) to 0.5 and (5,6) to 0.5, then (4,5,6) to 2/3
        ScoredRows rows = new ScoredRows(new double[] {1, 2, 3, 4, 5, 6},
                new boolean[] {false, true, false, true, true, false});
        Calibrator c = Calibrator.isotonic(rows, false);
        assertArrayEquals(new double[] {1, 2, 3, 4, 6}, c.knots(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 2.0 / 3, 2.0 / 3}, c.values(), 1e-12);
        assertEquals(0.0, c.apply(0.5), 1e-12);
        assertEquals(0.25, c.apply(1.5), 1e-12, "linear between knots");
        assertEquals(2.0 / 3, c.apply(10), 1e-12);
    }

    @Test
    void theChoiceIsTheLowerCrossValidatedBrierAndTheTestSplitIsMeasuredBeforeAndAfter() {
        ScoredRows validation = miscalibrated(4_000, 2);
        ScoredRows test = miscalibrated(4_000, 3);
        Calibration c = Calibration.fit(validation, test, true);
        String expected = c.isotonicCvBrier() < c.plattCvBrier() ? Calibrator.ISOTONIC : Calibrator.PLATT;
        assertEquals(expected, c.calibrator().method());
        // The data is logistic in the log-odds: Platt scaling is the right model and wins.
        assertEquals(Calibrator.PLATT, c.calibrator().method());
        assertTrue(c.after().brier() < c.before().brier(), c.before().brier() + " -> " + c.after().brier());
        assertTrue(c.after().ece() < 0.03 && c.before().ece() > 0.05, c.before().ece() + " -> " + c.after().ece());
    }

    @Test
    void aMarginIsCalibratedButHasNoRawCalibration() {
        Random random = new Random(4);
        double[] margins = new double[2_000];
        boolean[] positive = new boolean[2_000];
        for (int i = 0; i < margins.length; i++) {
            margins[i] = random.nextGaussian() * 3;
            positive[i] = random.nextDouble() < Calibrator.sigmoid(margins[i] / 3);
        }
        ScoredRows rows = new ScoredRows(margins, positive);
        Calibration c = Calibration.fit(rows, rows, false);
        assertEquals(Calibrator.MARGIN, c.calibrator().input());
        assertTrue(Double.isNaN(c.before().brier()) && c.before().bins().isEmpty());
        for (double p : c.calibrator().apply(margins)) {
            assertTrue(p >= 0 && p <= 1, "a probability: " + p);
        }
    }

    @Test
    void brierAndExpectedCalibrationErrorByHand() {
        // bins: [0.1, 0.1] -> mean 0.1, rate 0.5; [0.9] -> 0.9, rate 1; [0.65] -> 0.65, rate 0
        CalibrationMetrics m = CalibrationMetrics.of(new double[] {0.1, 0.1, 0.9, 0.65},
                new boolean[] {true, false, true, false});
        assertEquals((0.81 + 0.01 + 0.01 + 0.4225) / 4, m.brier(), 1e-12);
        assertEquals(0.5 * 0.4 + 0.25 * 0.1 + 0.25 * 0.65, m.ece(), 1e-12);
        assertEquals(3, m.bins().size());
        assertEquals(2, m.bins().get(0).rows());
    }
}
