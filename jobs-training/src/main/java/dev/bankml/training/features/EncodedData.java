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

    /** Rows per partition above which the encoded data is spread over more than one partition. */
    static final long ROWS_PER_PARTITION = 250_000;

    /**
     * Encodes the rows once per view: the stages the views share are fitted once, then each view's own
     * stages and its encoded rows side by side (each view's rows cached and counted, so no fit waits on
     * another's encoding). Small data stays in one partition, so each of the many small Spark jobs of a
     * fit is one task; concurrency comes from fitting several candidates at once. Large data gets one
     * partition per {@link #ROWS_PER_PARTITION} rows, up to one per core.
     *
     * @param views      the views the candidates read
     * @param denseTrees whether the tree view also keeps {@link TrainingColumns#DENSE_FEATURES} (XGBoost reads it)
     */
    public static Map<FeatureView, EncodedData> encode(FeatureSet features, Set<FeatureView> views, boolean denseTrees,
                                                       Dataset<Row> train, Dataset<Row> test, long trainRows, int cores) {
        int partitions = (int) Math.max(1, Math.min(cores, (trainRows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
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
        // repartition, not coalesce: XGBoost trains in a barrier stage, which must start after a shuffle.
        // The tree view keeps its dense copy of the features for XGBoost (see TrainingColumns.DENSE_FEATURES).
        List<String> extra = view == FeatureView.TREES && denseTrees
                ? List.of(TrainingColumns.DENSE_FEATURES) : List.of();
        Dataset<Row> tr = fm.transform(train)
                .select(columns(extra, BankSchema.RECORD_ID, TrainingColumns.FEATURES, TrainingColumns.LABEL,
                        TrainingColumns.WEIGHT, TrainingColumns.FOLD))
                .repartition(partitions).cache();
        Dataset<Row> te = fm.transform(test)
                .select(columns(extra, BankSchema.RECORD_ID, TrainingColumns.FEATURES, TrainingColumns.LABEL,
                        BankSchema.AGE, BankSchema.JOB))
                .repartition(partitions).cache();
        tr.count();
        te.count();
        return new EncodedData(fm, tr, te, test);
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
