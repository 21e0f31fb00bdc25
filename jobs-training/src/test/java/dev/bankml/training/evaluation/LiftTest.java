package dev.bankml.training.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Lift by decile and ALIFT, by hand and against their identity with AUC-ROC. */
class LiftTest {

    @Test
    void decilesOfTwentyRowsByHand() {
        // 20 rows, scores 20..1; yes at the top 4 and at rows 10 and 20 (6 yes, base rate 0.3)
        double[] scores = new double[20];
        boolean[] positive = new boolean[20];
        for (int i = 0; i < 20; i++) {
            scores[i] = 20 - i;
            positive[i] = i < 4 || i == 9 || i == 19;
        }
        Lift lift = Lift.of(new ScoredRows(scores, positive), 100);
        assertEquals(10, lift.deciles().size());
        List<Lift.Decile> d = lift.deciles();
        assertEquals(new Lift.Decile(1, 2, 2, 2.0 / 6, 1.0 / 0.3), d.get(0));
        assertEquals(new Lift.Decile(2, 2, 2, 4.0 / 6, 1.0 / 0.3), d.get(1));
        assertEquals(new Lift.Decile(5, 2, 1, 5.0 / 6, 0.5 / 0.3), d.get(4));
        assertEquals(new Lift.Decile(10, 2, 1, 1.0, 1.0), d.get(9));
        assertEquals(20, d.stream().mapToLong(Lift.Decile::rows).sum());
    }

    @Test
    void aliftIsHalfTheBaseRatePlusTheRestTimesAucEvenWithTies() {
        Random random = new Random(7);
        int n = 3_000;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextDouble() < 0.2;
            scores[i] = Math.round((random.nextGaussian() + (positive[i] ? 1 : 0)) * 4) / 4.0; // many ties
        }
        ScoredRows rows = new ScoredRows(scores, positive);
        double base = (double) rows.positives() / n;
        Lift lift = Lift.of(rows, 50);
        assertEquals(base / 2 + (1 - base) * rows.ranking().aucRoc(), lift.alift(), 1e-9);
        double[] first = lift.gains().get(0);
        double[] last = lift.gains().get(lift.gains().size() - 1);
        assertEquals(0.0, first[0] + first[1], 1e-12);
        assertEquals(2.0, last[0] + last[1], 1e-12);
    }
}
