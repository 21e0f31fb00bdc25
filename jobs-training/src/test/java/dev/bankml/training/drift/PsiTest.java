package dev.bankml.training.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The population stability index, against values worked out by hand. */
class PsiTest {

    @Test
    void theSameSharesGiveZero() {
        assertEquals(0.0, Psi.of(Map.of("a", 0.25, "b", 0.75), Map.of("a", 25L, "b", 75L)), 1e-15);
    }

    @Test
    void aShiftGivesTheSumOfItsTerms() {
        // (0.75 - 0.5) ln(0.75 / 0.5) + (0.25 - 0.5) ln(0.25 / 0.5)
        double expected = 0.25 * Math.log(1.5) + -0.25 * Math.log(0.5);
        assertEquals(expected, Psi.of(Map.of("a", 0.5, "b", 0.5), Map.of("a", 75L, "b", 25L)), 1e-12);
        assertEquals(0.2747, expected, 1e-4);
    }

    @Test
    void itIsSymmetricInSwappingTheTwoSides() {
        double forth = Psi.of(Map.of("a", 0.5, "b", 0.5), Map.of("a", 80L, "b", 20L));
        double back = Psi.of(Map.of("a", 0.8, "b", 0.2), Map.of("a", 50L, "b", 50L));
        assertEquals(forth, back, 1e-12);
    }

    @Test
    void aBinSeenOnOneSideOnlyCountsBoundedly() {
        // An unseen category: its reference share is the floor, not zero (no infinity, no NaN).
        double unseen = Psi.of(Map.of("a", 1.0), Map.of("a", 50L, "new", 50L));
        double expected = (0.5 - 1.0) * Math.log(0.5 / 1.0) + (0.5 - Psi.FLOOR) * Math.log(0.5 / Psi.FLOOR);
        assertEquals(expected, unseen, 1e-12);
        assertTrue(unseen > 0.25, "half the rows in an unseen bin is a large shift: " + unseen);
    }

    @Test
    void nothingObservedIsNotAMeasure() {
        assertTrue(Double.isNaN(Psi.of(Map.of("a", 1.0), Map.of())));
    }
}
