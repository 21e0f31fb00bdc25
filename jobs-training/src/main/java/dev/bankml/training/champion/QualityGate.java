package dev.bankml.training.champion;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import java.util.Optional;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.evaluation.BinaryMetrics;
import dev.bankml.training.features.FeatureSet;
import dev.bankml.workflow.quality.FeatureSets;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The quality gate between the previous champion and this run's: the previous champion's saved
 * pipeline scores this run's test rows (all columns, so it can read features this run excludes), and
 * the new champion is promoted unless its test AUC-PR is lower by more than the allowed drop.
 */
public final class QualityGate {
    private static final Logger LOG = LoggerFactory.getLogger(QualityGate.class);

    /** What to do to train a model that may score leads, for the messages that refuse one. */
    public static final String PRE_CALL_HOW = "train with " + TrainingSettings.FEATURES.flag() + " "
            + FeatureSets.PRE_CALL + ", the default, for a model that may";

    private final ModelStore store;
    private final String label;
    private final double allowedDrop;

    public QualityGate(ModelStore store, String label, double allowedDrop) {
        this.store = store;
        this.label = label;
        this.allowedDrop = allowedDrop;
    }

    /**
     * @param newAucPr the new champion's test AUC-PR
     * @param rawTest  this run's test rows, before encoding, with {@code label}
     * @param features the raw columns this run's models read
     */
    public GateDecision decide(double newAucPr, Dataset<Row> rawTest, List<String> features) {
        List<String> afterCall = FeatureSet.afterCall(features);
        if (!afterCall.isEmpty()) {
            return GateDecision.analysisOnly(afterCall, newAucPr, PRE_CALL_HOW);
        }
        Optional<ChampionPointer> previous;
        try {
            previous = store.champion(label);
        } catch (DamagedPointerException e) {
            // Training again is the remedy the message offers: without a readable previous champion there is
            // nothing to compare with, as on a first run.
            LOG.warn("The champion pointer cannot be read; the new champion replaces it without comparison: {}",
                    e.getMessage());
            return GateDecision.of("", "", Double.NaN, newAucPr, 0.0, true,
                    "previous champion pointer was damaged; replaced without comparison");
        }
        if (previous.isEmpty()) {
            return GateDecision.firstRun(newAucPr);
        }
        ChampionPointer p = previous.get();
        Optional<String> change = settingChange(p, label, features);
        if (change.isPresent()) {
            return GateDecision.settingChanged(p, newAucPr, change.get());
        }
        try {
            PipelineModel old = store.load(p, true);
            Algorithm oldAlgorithm = Algorithm.parseList(List.of(p.model())).get(0);
            Dataset<Row> scored = old.transform(rawTest)
                    .select(Scores.of(oldAlgorithm).alias(TrainingColumns.SCORE), col(TrainingColumns.LABEL));
            return GateDecision.compare(p, BinaryMetrics.aucPr(scored), newAucPr, allowedDrop);
        } catch (RuntimeException e) {
            LOG.warn("The previous champion (run {}) cannot score this run's test rows ({}); promoting the new one",
                    p.runId(), e.getMessage());
            return GateDecision.of(p.runId(), p.model(), Double.NaN, newAucPr, 0.0, true,
                    "previous champion could not be scored on this data: " + e.getMessage());
        }
    }

    /**
     * How a run's label and inputs differ from a champion's, in words; empty when they are the same
     * (the champion then competes on this run's test rows).
     */
    public static Optional<String> settingChange(ChampionPointer champion, String label, List<String> features) {
        if (!champion.label().equals(label)) {
            return Optional.of("the label changed: the champion (run " + champion.runId() + ") predicts '"
                    + champion.label() + "', this run '" + label + "'");
        }
        if (champion.features().equals(features)) {
            return Optional.empty();
        }
        List<String> dropped = champion.features().stream().filter(f -> !features.contains(f)).toList();
        List<String> added = features.stream().filter(f -> !champion.features().contains(f)).toList();
        return Optional.of("the feature set changed: the champion (run " + champion.runId() + ") read "
                + (dropped.isEmpty() ? "" : dropped + ", which this run excludes")
                + (dropped.isEmpty() || added.isEmpty() ? "" : "; ")
                + (added.isEmpty() ? "" : "this run adds " + added));
    }
}
