package dev.bankml.training.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Ranks from the driver's sorted scores against a plain sort of (score desc, hash asc). */
class ScoreRanksTest {

    @Test
    void everyRowGetsItsPlaceInTheSortWithTiesBrokenByTheHash() {
        Random random = new Random(11);
        int n = 5_000;
        double[] scores = new double[n];
        long[] hashes = new long[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(300) / 300.0; // about 17 rows per score
            hashes[i] = random.nextLong();
        }
        ScoreRanks ranks = ScoreRanks.of(scores, hashes);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingLong(i -> hashes[i]));
        for (int k = 0; k < n; k++) {
            int i = order.get(k);
            assertEquals(k + 1, ranks.rankOf(scores[i], hashes[i]), "row " + i);
        }
        assertEquals(n, ranks.rows());
    }
}
