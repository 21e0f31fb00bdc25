package dev.bankml.training.drift;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.bankml.training.drift.ReferenceProfile.FeatureProfile;
import dev.bankml.training.features.FeatureSet;

/**
 * Builds reference profiles from training rows and measures new rows against them. Every column is
 * turned into a (feature, value) pair, numbers into their reference bin, and all pairs are counted in
 * one aggregation: measuring a delivery, whatever its number of features, is one Spark job.
 */
public final class Profiles {
    /** Ten bins: cut at the nine deciles of the reference rows. */
    static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    /**
     * Columns that tell when a customer was last contacted, not who the customer is: a monthly
     * delivery holds one month by its nature, so their index is measured and shown, never an alarm.
     */
    public static final Set<String> CALENDAR = Set.of("month", "day");
    /** A feature's value when it is null. */
    static final String MISSING = "(missing)";
    /** The column stacked values are grouped by when a dataset is measured as one group. */
    private static final String ALL = "__all";

    private Profiles() {
    }

    /** The columns a profile covers: the model's raw inputs (numbers binned, categories and yes/no as values). */
    static List<String> numericColumns(FeatureSet fs) {
        return fs.numeric();
    }

    static List<String> categoricalColumns(FeatureSet fs) {
        List<String> out = new ArrayList<>(fs.categorical());
        out.addAll(fs.booleans());
        return out;
    }

    /**
     * The reference profile of a champion: feature shares over its training rows (two Spark jobs:
     * the deciles, then the counts), the score's over its test scores (already on the driver).
     *
     * @param testScores the champion's scores of its test rows
     */
    public static ReferenceProfile reference(Dataset<Row> trainRows, FeatureSet fs, double[] testScores) {
        List<String> numeric = numericColumns(fs);
        Map<String, List<Double>> edges = new LinkedHashMap<>();
        if (!numeric.isEmpty()) {
            Dataset<Row> numbers = trainRows.select(numeric.stream().map(c -> col(c).cast("double")).toArray(
                    Column[]::new));
            double[][] q = numbers.stat().approxQuantile(numeric.toArray(String[]::new), DECILES, 0.001);
            for (int i = 0; i < numeric.size(); i++) {
                edges.put(numeric.get(i), distinctSorted(q[i]));
            }
        }
        Map<String, Map<String, Long>> counts = counts(trainRows, edges, categoricalColumns(fs), Optional.empty(),
                null, Optional.empty()).getOrDefault(ALL, Map.of());
        long rows = counts.values().stream().findFirst().map(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .orElse(0L);
        List<FeatureProfile> features = new ArrayList<>();
        for (String c : fs.inputColumns()) {
            boolean isNumber = edges.containsKey(c);
            features.add(new FeatureProfile(c, isNumber ? FeatureProfile.NUMERIC : FeatureProfile.CATEGORICAL,
                    isNumber ? edges.get(c) : List.of(), shares(counts.getOrDefault(c, Map.of()))));
        }
        return new ReferenceProfile(rows, features, scoreProfile(testScores));
    }

    /** The score's reference: ten bins cut at the deciles of the test scores. */
    static FeatureProfile scoreProfile(double[] scores) {
        if (scores.length == 0) {
            return null;
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double[] cuts = new double[DECILES.length];
        for (int i = 0; i < DECILES.length; i++) {
            cuts[i] = sorted[(int) Math.min(sorted.length - 1, Math.floor(DECILES[i] * sorted.length))];
        }
        List<Double> edges = distinctSorted(cuts);
        FeatureProfile bins = new FeatureProfile(ReferenceProfile.SCORE, FeatureProfile.NUMERIC, edges, Map.of());
        Map<String, Long> counts = new TreeMap<>();
        for (double s : scores) {
            counts.merge(bins.binOf(s), 1L, Long::sum);
        }
        return new FeatureProfile(ReferenceProfile.SCORE, FeatureProfile.NUMERIC, edges, shares(counts));
    }

    /**
     * Measures rows against a reference, per group (one group per delivery: its {@code batch_id}),
     * in one Spark job.
     *
     * @param groupColumn the column naming each row's group
     * @param scoreColumn the rows' score column, when they were scored (then the score's index too)
     */
    public static Map<String, DriftMeasure> measure(Dataset<Row> rows, ReferenceProfile ref, String groupColumn,
                                                    Optional<String> scoreColumn) {
        Map<String, List<Double>> edges = new LinkedHashMap<>();
        List<String> categorical = new ArrayList<>();
        for (FeatureProfile f : ref.features()) {
            if (f.numeric()) {
                edges.put(f.name(), f.edges());
            } else {
                categorical.add(f.name());
            }
        }
        Optional<FeatureProfile> score = scoreColumn.isPresent() ? Optional.ofNullable(ref.score()) : Optional.empty();
        Map<String, Map<String, Map<String, Long>>> byGroup = counts(rows, edges, categorical, score,
                groupColumn, scoreColumn);
        Map<String, DriftMeasure> out = new TreeMap<>();
        byGroup.forEach((group, counts) -> out.put(group, measure(ref, counts, score.isPresent())));
        return out;
    }

    /** The measure of one group's counts. Pure. */
    static DriftMeasure measure(ReferenceProfile ref, Map<String, Map<String, Long>> counts, boolean scored) {
        Map<String, Double> psi = new LinkedHashMap<>();
        Map<String, Map<String, Long>> unseen = new TreeMap<>();
        long rows = 0;
        double max = Double.NaN;
        String maxOf = "";
        for (FeatureProfile f : ref.features()) {
            Map<String, Long> observed = counts.getOrDefault(f.name(), Map.of());
            rows = Math.max(rows, observed.values().stream().mapToLong(Long::longValue).sum());
            double p = Psi.of(f.shares(), observed);
            psi.put(f.name(), p);
            if (!Double.isNaN(p) && !CALENDAR.contains(f.name()) && (Double.isNaN(max) || p > max)) {
                max = p;
                maxOf = f.name();
            }
            if (!f.numeric()) {
                Map<String, Long> novel = new TreeMap<>();
                observed.forEach((v, n) -> {
                    if (!v.equals(MISSING) && !f.shares().containsKey(v)) {
                        novel.put(v, n);
                    }
                });
                if (!novel.isEmpty()) {
                    unseen.put(f.name(), novel);
                }
            }
        }
        double scorePsi = scored ? Psi.of(ref.score().shares(), counts.getOrDefault(ReferenceProfile.SCORE, Map.of()))
                : Double.NaN;
        if (!Double.isNaN(scorePsi) && (Double.isNaN(max) || scorePsi > max)) {
            max = scorePsi;
            maxOf = ReferenceProfile.SCORE;
        }
        return new DriftMeasure(rows, psi, max, maxOf, scorePsi, unseen);
    }

    /** group → feature → value → rows, in one aggregation over the stacked (feature, value) pairs. */
    private static Map<String, Map<String, Map<String, Long>>> counts(Dataset<Row> rows, Map<String, List<Double>> edges,
                                                                     List<String> categorical,
                                                                     Optional<FeatureProfile> score,
                                                                     String groupColumn, Optional<String> scoreColumn) {
        List<String> pairs = new ArrayList<>();
        edges.forEach((c, e) -> pairs.add("'" + c + "', " + binExpression("`" + c + "`", e)));
        for (String c : categorical) {
            pairs.add("'" + c + "', coalesce(cast(`" + c + "` as string), '" + MISSING + "')");
        }
        score.ifPresent(s -> pairs.add("'" + ReferenceProfile.SCORE + "', "
                + binExpression("`" + scoreColumn.orElseThrow() + "`", s.edges())));
        Map<String, Map<String, Map<String, Long>>> out = new TreeMap<>();
        if (pairs.isEmpty()) {
            return out;
        }
        String group = groupColumn == null ? "'" + ALL + "'" : "cast(`" + groupColumn + "` as string)";
        Dataset<Row> stacked = rows.selectExpr(group + " as g",
                "stack(" + pairs.size() + ", " + String.join(", ", pairs) + ") as (feature, value)");
        for (Row r : stacked.groupBy("g", "feature", "value").count().collectAsList()) {
            out.computeIfAbsent(r.getString(0), g -> new TreeMap<>())
                    .computeIfAbsent(r.getString(1), f -> new TreeMap<>()).put(r.getString(2), r.getLong(3));
        }
        return out;
    }

    /** The bin label of a number, as SQL: {@code b0} up to the first edge, ..., {@code bN} above the last. */
    static String binExpression(String column, List<Double> edges) {
        StringBuilder b = new StringBuilder("case when ").append(column).append(" is null then '").append(MISSING)
                .append('\'');
        for (int i = 0; i < edges.size(); i++) {
            b.append(" when ").append(column).append(" <= ").append(sql(edges.get(i))).append(" then '")
                    .append(FeatureProfile.bin(i)).append('\'');
        }
        return b.append(" else '").append(FeatureProfile.bin(edges.size())).append("' end").toString();
    }

    private static String sql(double d) {
        return Double.isInfinite(d) ? (d > 0 ? "double('inf')" : "double('-inf')") : "cast(" + d + " as double)";
    }

    private static List<Double> distinctSorted(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().distinct().boxed().toList();
    }

    private static Map<String, Double> shares(Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> out = new TreeMap<>();
        if (total > 0) {
            counts.forEach((k, v) -> out.put(k, (double) v / total));
        }
        return out;
    }
}
