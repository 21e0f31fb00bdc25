package dev.bankml.training.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The yes answers a campaign calling the top share of a delivery would have reached. */
class SideBySideTest {

    @Test
    void theYesInTheTopShareAreCountedOverTheHighestScoresRoundedUp() {
        double[] scores = {0.9, 0.1, 0.8, 0.7, 0.2, 0.3, 0.6, 0.5, 0.4, 0.05};
        boolean[] yes = {true, true, false, true, false, false, true, false, false, false};
        assertEquals(1, SideBySide.capturedYes(scores, yes, 0.2), "top 2: 0.9 (yes), 0.8 (no)");
        assertEquals(2, SideBySide.capturedYes(scores, yes, 0.3), "top 3 adds 0.7 (yes)");
        assertEquals(2, SideBySide.capturedYes(scores, yes, 0.25), "2.5 rows: the top 3");
        assertEquals(4, SideBySide.capturedYes(scores, yes, 1.0), "everyone: every yes");
        assertEquals(0, SideBySide.capturedYes(new double[0], new boolean[0], 0.2));
    }
}
