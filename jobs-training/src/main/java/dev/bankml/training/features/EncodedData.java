package dev.bankml.training.features;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.data.TrainingSplit;

/**
 * The training and test rows of one feature view, encoded once by a feature pipeline fitted on the
 * training rows only, cached for every fit that reads them.
 *
 * @param featureModel the fitted feature pipeline (saved in front of the champion's classifier)
 * @param train        encoded training rows: record id, features, label, weight, fold
 * @param test         encoded test rows: record id, features, label, and the age and job the model card groups
 *                     the test rows by (never features: the feature vector is built from the feature set)
 * @param rawTest      the test rows before encoding (the saved pipeline and the previous champion read them)
 */
public record EncodedData(PipelineModel featureModel, Dataset<Row> train, Dataset<Row> test, Dataset<Row> rawTest) {

    /**
     * Encodes the rows once per view: the stages the views share are fitted once, then each view's own
     * stages and its encoded rows side by side (each view's rows cached and counted, so no fit waits on
     * another's encoding).
     *
     * @param views      the views the candidates read
     * @param denseTrees whether the tree view also keeps {@link TrainingColumns#DENSE_FEATURES} (XGBoost reads it)
     * @param partitions the partitions of the encoded rows ({@link TrainingSplit#partitions}): with more than
     *                   one, the rows come spread over them already
     */
    public static Map<FeatureView, EncodedData> encode(FeatureSet features, Set<FeatureView> views, boolean denseTrees,
                                                       Dataset<Row> train, Dataset<Row> test, int partitions, int cores) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Math.min(cores, views.size())));
        try {
            // The test rows are read (and cached) once, beside the shared fit, not by every view at once.
            CompletableFuture<Long> testRead = CompletableFuture.supplyAsync(test::count, pool);
            PipelineModel shared = FeaturePipelines.fitShared(features, train);
            testRead.join();
            Map<FeatureView, CompletableFuture<EncodedData>> futures = new EnumMap<>(FeatureView.class);
            for (FeatureView view : views) {
                futures.put(view, CompletableFuture.supplyAsync(() -> encode(
                        FeaturePipelines.fitView(features, view, shared, train), view, denseTrees, train, test,
                        partitions), pool));
            }
            Map<FeatureView, EncodedData> out = new EnumMap<>(FeatureView.class);
            futures.forEach((view, f) -> out.put(view, f.join()));
            return out;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static EncodedData encode(PipelineModel fm, FeatureView view, boolean denseTrees, Dataset<Row> train,
                                      Dataset<Row> test, int partitions) {
        // The tree view keeps its dense copy of the features for XGBoost (see TrainingColumns.DENSE_FEATURES).
        List<String> extra = view == FeatureView.TREES && denseTrees
                ? List.of(TrainingColumns.DENSE_FEATURES) : List.of();
        Dataset<Row> tr = inPartitions(fm.transform(train)
                .select(columns(extra, BankSchema.RECORD_ID, TrainingColumns.FEATURES, TrainingColumns.LABEL,
                        TrainingColumns.WEIGHT, TrainingColumns.FOLD)), partitions).cache();
        Dataset<Row> te = inPartitions(fm.transform(test)
                .select(columns(extra, BankSchema.RECORD_ID, TrainingColumns.FEATURES, TrainingColumns.LABEL,
                        BankSchema.AGE, BankSchema.JOB)), partitions).cache();
        tr.count();
        te.count();
        return new EncodedData(fm, tr, te, test);
    }

    /**
     * Small data into its one partition: repartition, not coalesce, as XGBoost trains in a barrier stage,
     * whose tasks must match the partitions of the RDDs before it in the stage. Larger data comes spread
     * over its partitions as raw rows already (cheaper to shuffle than encoded vectors).
     */
    private static Dataset<Row> inPartitions(Dataset<Row> encoded, int partitions) {
        return partitions == 1 ? encoded.repartition(1) : encoded;
    }

    private static Column[] columns(List<String> extra, String... names) {
        List<Column> out = new ArrayList<>();
        for (String n : names) {
            out.add(col(n));
        }
        extra.forEach(n -> out.add(col(n)));
        return out.toArray(Column[]::new);
    }

    public void unpersist() {
        train.unpersist();
        test.unpersist();
    }
}
