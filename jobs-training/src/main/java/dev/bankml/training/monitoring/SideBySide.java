package dev.bankml.training.monitoring;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Storage;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.history.MonitoringRecord;
import dev.bankml.training.versions.ModelVersions;

/**
 * The champion and the challenger (the candidate waiting for a person's approval) on the same new outcomes,
 * side by side: each model's out-of-time AUC-ROC, AUC-PR and Brier score, and the yes answers in its top
 * {@code contact_share} of the delivery's rows by score (what a campaign calling that share would have
 * reached). A delivery the challenger learnt from is not out of time for it, and gets no challenger figures.
 */
final class SideBySide {
    /** The share of each delivery the yes answers are counted in when {@code --contact_share} is not set. */
    static final double DEFAULT_CONTACT_SHARE = 0.2;

    private SideBySide() {
    }

    /** One model's scores of one delivery's rows, and whether each row said yes. */
    record ScoredBatch(double[] scores, boolean[] yes) {
        BinaryMetrics metrics(double threshold) {
            return BinaryMetrics.Ranking.of(scores, yes).evaluate(threshold);
        }

        boolean bothClasses() {
            boolean anyYes = false;
            boolean anyNo = false;
            for (boolean y : yes) {
                anyYes |= y;
                anyNo |= !y;
            }
            return anyYes && anyNo;
        }
    }

    /** The challenger: its descriptor and its fitted pipeline. */
    record Challenger(ChampionPointer descriptor, PipelineModel pipeline) {
    }

    /** The champion's challenger, when a candidate waits. */
    static Optional<Challenger> of(Storage storage, MonitoringConfig config, ModelStore store, ChampionPointer champion) {
        return new ModelVersions(storage, config.modelPath()).challenger(config.label(), Optional.of(champion.runId()))
                .map(v -> store.ofRun(config.label(), v.runId()))
                .map(d -> new Challenger(d, store.load(d, false)));
    }

    /** The rows with a model's {@link TrainingColumns#SCORE}. */
    static Dataset<Row> scored(PipelineModel pipeline, String model, Dataset<Row> rows) {
        return pipeline.transform(rows).withColumn(TrainingColumns.SCORE,
                Scores.of(Algorithm.parseList(List.of(model)).get(0)));
    }

    /** Scored rows' scores and labels, by delivery (one Spark job: the scores and labels collected). */
    static Map<String, ScoredBatch> byDelivery(Dataset<Row> scored, String label) {
        Map<String, List<Row>> byBatch = new LinkedHashMap<>();
        for (Row r : scored.select(col(BankSchema.BATCH_ID), col(TrainingColumns.SCORE),
                col(label).cast(DataTypes.DoubleType)).collectAsList()) {
            byBatch.computeIfAbsent(r.getString(0), b -> new ArrayList<>()).add(r);
        }
        Map<String, ScoredBatch> out = new LinkedHashMap<>();
        byBatch.forEach((batch, rs) -> {
            double[] s = new double[rs.size()];
            boolean[] y = new boolean[rs.size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = rs.get(i).getDouble(1);
                y[i] = rs.get(i).getDouble(2) > 0.5;
            }
            out.put(batch, new ScoredBatch(s, y));
        });
        return out;
    }

    /**
     * The yes answers among the top {@code share} of the rows by score ({@code ceil(share x rows)} rows; equal
     * scores in the order given). Pure.
     */
    static long capturedYes(double[] scores, boolean[] yes, double share) {
        int n = scores.length;
        int top = (int) Math.min(n, Math.ceil(share * n - 1e-9));
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        long captured = 0;
        for (int i = 0; i < top; i++) {
            captured += yes[order[i]] ? 1 : 0;
        }
        return captured;
    }

    /** The challenger's figures on one delivery, beside the champion's. */
    static MonitoringRecord.Challenger figures(ChampionPointer challenger, ScoredBatch batch, double share) {
        BinaryMetrics m = batch.metrics(challenger.threshold());
        boolean both = batch.bothClasses();
        boolean probability = Algorithm.parseList(List.of(challenger.model())).get(0).hasProbability();
        return MonitoringRecord.Challenger.outOfTime(challenger.runId(), challenger.model(),
                both ? m.aucRoc() : Double.NaN, both ? m.aucPr() : Double.NaN,
                probability ? BinaryMetrics.brier(batch.scores(), batch.yes()) : Double.NaN,
                capturedYes(batch.scores(), batch.yes(), share));
    }
}
