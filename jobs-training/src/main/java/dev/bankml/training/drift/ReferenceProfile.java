package dev.bankml.training.drift;

import java.util.List;
import java.util.Map;

/**
 * What the champion's population looked like, saved with the model ({@code reference-profile.json}):
 * per feature, the share of the training rows in each bin (numbers: ten bins cut at the training
 * deciles) or with each value (categories); and the share of the test rows in each bin of the score
 * (cut at the test deciles). Drift is always measured against the model that scores.
 *
 * @param rows     training rows the feature shares come from
 * @param features one per feature column the model reads, in the model's order
 * @param score    the champion's score distribution on its test rows (null when not measured)
 */
public record ReferenceProfile(long rows, List<FeatureProfile> features, FeatureProfile score) {

    /** The score's pseudo-feature name in profiles and drift measures. */
    public static final String SCORE = "score";

    public ReferenceProfile {
        features = List.copyOf(features);
    }

    /**
     * One column's reference distribution.
     *
     * @param name   the column
     * @param kind   {@code numeric} (binned at {@code edges}) or {@code categorical}
     * @param edges  for a numeric column, the upper bounds of the bins but the last (a value {@code v}
     *               falls in the first bin whose edge is {@code >= v}); empty for a categorical one
     * @param shares bin label ({@code b0..b9}) or category value → share of the rows (sums to 1)
     */
    public record FeatureProfile(String name, String kind, List<Double> edges, Map<String, Double> shares) {
        public static final String NUMERIC = "numeric";
        public static final String CATEGORICAL = "categorical";

        public FeatureProfile {
            edges = List.copyOf(edges);
            shares = Map.copyOf(shares);
        }

        public boolean numeric() {
            return NUMERIC.equals(kind);
        }

        /** The label of the bin a number falls into. */
        public String binOf(double v) {
            for (int i = 0; i < edges.size(); i++) {
                if (v <= edges.get(i)) {
                    return bin(i);
                }
            }
            return bin(edges.size());
        }

        public static String bin(int i) {
            return "b" + i;
        }
    }

    public FeatureProfile feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }
}
