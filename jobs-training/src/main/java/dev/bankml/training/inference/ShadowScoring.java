package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.PartitionPublisher;
import dev.bankml.jobs.Storage;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.Scores;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.data.PredictionColumns;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.versions.ModelVersions;

/**
 * The challenger in the shadow: while a candidate waits for a person's approval (the label's newest, see
 * {@link ModelVersions#challenger}), each lead delivery the champion scores is scored by it too, into the
 * shadow output ({@code <shadow_path>/label=<l>/batch_id=<b>/}), never the contact list: its P(yes), its
 * ranking and whom the campaign rule would have had it call ({@code would_contact}), the evidence of how it
 * would have chosen. No reasons (the contact list's explanations are the champion's): the shadow costs a
 * model load, one pass of the model over the rows, the ranking and the write.
 */
final class ShadowScoring {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowScoring.class);

    private ShadowScoring() {
    }

    /** What the shadow scored: by which version, how many rows of which deliveries. */
    record Shadow(ChampionPointer challenger, Map<String, Long> rowsPerBatch) {
    }

    /**
     * Scores the rows with the champion's challenger, when a shadow is configured and a candidate waits. The
     * shadow is evidence, not the product: when it fails, the run goes on (the contact list is written
     * already) and says so.
     */
    static Optional<Shadow> ofChallenger(SparkSession spark, Storage storage, InferenceConfig config, ModelStore store,
                                         ChampionPointer champion, Dataset<Row> rows, Collection<String> batches) {
        try {
            return challenger(storage, config, store, champion)
                    .map(c -> score(spark, storage, config, store, c, rows, batches));
        } catch (RuntimeException e) {
            LOG.warn("The challenger could not score the leads in the shadow ({}); the contact list is the champion's, "
                    + "as always", e.getMessage());
            return Optional.empty();
        }
    }

    /** The challenger of the champion, when a shadow is configured and a candidate waits. */
    static Optional<ChampionPointer> challenger(Storage storage, InferenceConfig config, ModelStore store,
                                                ChampionPointer champion) {
        if (config.leads().flatMap(InferenceConfig.Leads::shadowPath).isEmpty()) {
            return Optional.empty();
        }
        return new ModelVersions(storage, config.modelPath()).challenger(config.label(), Optional.of(champion.runId()))
                .map(v -> store.ofRun(config.label(), v.runId()));
    }

    /**
     * Scores {@code rows} (the deliveries' cleaned rows) with the challenger and publishes them in the shadow.
     *
     * @param batches every delivery this run scores (their shadow partitions are replaced)
     */
    static Shadow score(SparkSession spark, Storage storage, InferenceConfig config, ModelStore store,
                        ChampionPointer challenger, Dataset<Row> rows, Collection<String> batches) {
        PipelineModel pipeline = store.load(challenger, false);
        Algorithm algorithm = Algorithm.parseList(List.of(challenger.model())).get(0);
        Dataset<Row> scorable = ScoredColumns.withMissingFeatureReasons(rows, challenger.features())
                .filter(size(col(BankSchema.REASONS)).equalTo(0));
        Dataset<Row> transformed = pipeline.transform(scorable).withColumn(TrainingColumns.SCORE, Scores.of(algorithm))
                .select(col(BankSchema.RECORD_ID), col(BankSchema.BATCH_ID), col(TrainingColumns.SCORE))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            ScoreRanks ranks = ScoreRanks.of(transformed);
            Column probability = ScoredColumns.probability(challenger, algorithm);
            Dataset<Row> shadow = transformed
                    .withColumn(PredictionColumns.RANK, ranks.column(JavaSparkContext.fromSparkContext(spark.sparkContext())))
                    .select(col(BankSchema.RECORD_ID),
                            probability.alias(PredictionColumns.PROBABILITY_YES),
                            col(TrainingColumns.SCORE),
                            col(TrainingColumns.SCORE).geq(challenger.threshold()).alias(PredictionColumns.PREDICTED),
                            col(PredictionColumns.RANK),
                            ScoredColumns.contact(config.campaign(), ranks, probability, challenger.threshold())
                                    .alias(PredictionColumns.WOULD_CONTACT),
                            lit(challenger.model()).alias(PredictionColumns.MODEL),
                            lit(challenger.runId()).alias(PredictionColumns.MODEL_RUN_ID),
                            lit(config.runId()).alias(PredictionColumns.SCORING_RUN_ID),
                            col(BankSchema.BATCH_ID));
            Map<String, Long> perBatch = new LinkedHashMap<>();
            for (Row r : transformed.groupBy(BankSchema.BATCH_ID).count().orderBy(BankSchema.BATCH_ID).collectAsList()) {
                perBatch.put(r.getString(0), r.getLong(1));
            }
            long total = perBatch.values().stream().mapToLong(Long::longValue).sum();
            String root = Storage.join(storage.resolve(config.leads().flatMap(InferenceConfig.Leads::shadowPath)
                    .orElseThrow()), "label=" + config.label());
            PartitionPublisher.replacePartitions(shadow, root, batches, perBatch.keySet(), total, BankSchema.RECORD_ID,
                    storage);
            LOG.info("Scored {} rows in the shadow with the challenger {} of run {} (a candidate): {}", total,
                    challenger.model(), challenger.runId(), root);
            return new Shadow(challenger, perBatch);
        } finally {
            transformed.unpersist();
        }
    }
}
