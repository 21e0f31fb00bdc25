package dev.bankml.training.candidates;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;

/** The ranking score of a fitted model's output: P(yes) when it has probabilities, else the margin. */
public final class Scores {
    private Scores() {
    }

    public static Column of(Algorithm algorithm) {
        String vector = algorithm.hasProbability() ? "probability" : "rawPrediction";
        return functions.vector_to_array(col(vector), "float64").getItem(1);
    }
}
