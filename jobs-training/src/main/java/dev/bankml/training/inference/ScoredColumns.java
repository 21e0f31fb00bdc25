package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.data.PredictionColumns;
import dev.bankml.training.data.TrainingColumns;

/**
 * The columns a model's scoring derives from its score, the same for the champion's contact list and a
 * challenger's shadow: the calibrated P(yes), and whom the campaign rule calls.
 */
final class ScoredColumns {
    private ScoredColumns() {
    }

    /**
     * P(yes) as the model's calibrator gives it; the model's own P(yes) for a descriptor saved without a
     * calibrator (null for the SVM's margins then).
     */
    static Column probability(ChampionPointer model, Algorithm algorithm) {
        if (model.calibration() != null) {
            return model.calibration().column(col(TrainingColumns.SCORE));
        }
        return algorithm.hasProbability() ? col(TrainingColumns.SCORE) : lit(null).cast(DataTypes.DoubleType);
    }

    /** The campaign rule as a column: a top slice of the ranking, a positive expected value, or the threshold. */
    static Column contact(Campaign campaign, ScoreRanks ranks, Column probability, double threshold) {
        if (campaign.byRank()) {
            return col(PredictionColumns.RANK).leq(campaign.topOf(ranks.rows()));
        }
        if (campaign.byExpectedValue()) {
            return coalesce(probability.multiply(campaign.valuePerYes().get()).gt(campaign.costPerCall().get()), lit(false));
        }
        return col(TrainingColumns.SCORE).geq(threshold);
    }

    /** Adds {@code reasons}: one {@code MISSING_FEATURE:col} per feature the model reads that is null. */
    static Dataset<Row> withMissingFeatureReasons(Dataset<Row> input, List<String> features) {
        List<Column> checks = new ArrayList<>();
        for (String f : features) {
            checks.add(when(col(f).isNull(), lit("MISSING_FEATURE:" + f)));
        }
        Column reasons = filter(array(checks.toArray(Column[]::new)), Column::isNotNull);
        return input.withColumn(BankSchema.REASONS, reasons);
    }
}
