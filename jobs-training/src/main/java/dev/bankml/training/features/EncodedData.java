package dev.bankml.training.features;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.data.TrainingColumns;
import dev.bankml.training.data.TrainingSplit;

/**
 * The training and test rows of one feature view, encoded by a feature pipeline fitted on the training
 * rows only, cached for every fit that reads them.
 *
 * @param featureModel the fitted feature pipeline (saved in front of the champion's classifier)
 * @param train        encoded training rows: record id, features, label, weight, fold
 * @param test         encoded test rows: record id, features, label, and the age and job the model card groups
 *                     the test rows by (never features: the feature vector is built from the feature set)
 * @param rawTest      the test rows before encoding (the saved pipeline and the previous champion read them)
 * @param cached       the cached rows {@code train} and {@code test} are read from (shared by the views)
 */
public record EncodedData(PipelineModel featureModel, Dataset<Row> train, Dataset<Row> test, Dataset<Row> rawTest,
                          List<Dataset<Row>> cached) {

    private static final List<String> TRAIN_COLUMNS = List.of(BankSchema.RECORD_ID, TrainingColumns.LABEL,
            TrainingColumns.WEIGHT, TrainingColumns.FOLD);
    private static final List<String> TEST_COLUMNS = List.of(BankSchema.RECORD_ID, TrainingColumns.LABEL,
            BankSchema.AGE, BankSchema.JOB);

    /**
     * Encodes the rows of every view in one pass: the stages the views share are fitted once, each view's
     * own stages beside the others; then the training rows of all views are encoded together, each view's
     * vectors in a column of its own, and cached once (one Spark job), and the same for the test rows. A
     * view's rows are a projection of those: the same vectors, in the same order, as the view's pipeline
     * gives alone.
     *
     * @param views      the views the candidates read
     * @param denseTrees whether the tree view also keeps {@link TrainingColumns#DENSE_FEATURES} (XGBoost reads it)
     * @param partitions the partitions of the encoded rows ({@link TrainingSplit#partitions}): with more than
     *                   one, the rows come spread over them already
     */
    public static Map<FeatureView, EncodedData> encode(FeatureSet features, Set<FeatureView> views, boolean denseTrees,
                                                       Dataset<Row> train, Dataset<Row> test, int partitions, int cores) {
        PipelineModel shared = FeaturePipelines.fitShared(features, train);
        Map<FeatureView, PipelineModel> models = fitViews(features, views, shared, train, cores);
        Dataset<Row> trainAll = cachedInPartitions(allViews(models, shared, denseTrees, train, TRAIN_COLUMNS), partitions);
        Dataset<Row> testAll = cachedInPartitions(allViews(models, shared, denseTrees, test, TEST_COLUMNS), partitions);
        CompletableFuture<Long> testRows = CompletableFuture.supplyAsync(testAll::count);
        trainAll.count();
        testRows.join();
        List<Dataset<Row>> cached = List.of(trainAll, testAll);
        Map<FeatureView, EncodedData> out = new EnumMap<>(FeatureView.class);
        models.forEach((view, model) -> out.put(view, new EncodedData(model,
                ofView(trainAll, view, denseTrees, TRAIN_COLUMNS), ofView(testAll, view, denseTrees, TEST_COLUMNS),
                test, cached)));
        return out;
    }

    /** Each view's whole feature pipeline, its own stages fitted side by side on the rows indexed by {@code shared}. */
    private static Map<FeatureView, PipelineModel> fitViews(FeatureSet features, Set<FeatureView> views,
                                                            PipelineModel shared, Dataset<Row> train, int cores) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(cores, views.size())));
        try {
            Map<FeatureView, CompletableFuture<PipelineModel>> futures = new EnumMap<>(FeatureView.class);
            for (FeatureView view : views) {
                futures.put(view, CompletableFuture.supplyAsync(
                        () -> FeaturePipelines.fitView(features, view, shared, train), pool));
            }
            Map<FeatureView, PipelineModel> out = new EnumMap<>(FeatureView.class);
            futures.forEach((view, f) -> out.put(view, f.join()));
            return out;
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * {@code rows} through the shared stages, then through each view's own stages in turn: after each view,
     * its vectors are kept under the view's own names and its intermediate columns dropped, so the next
     * view's stages see the same columns as they do alone.
     */
    private static Dataset<Row> allViews(Map<FeatureView, PipelineModel> models, PipelineModel shared,
                                         boolean denseTrees, Dataset<Row> rows, List<String> kept) {
        Dataset<Row> indexed = shared.transform(rows);
        List<String> base = List.of(indexed.columns());
        List<String> encoded = new ArrayList<>();
        Dataset<Row> d = indexed;
        for (Map.Entry<FeatureView, PipelineModel> e : models.entrySet()) {
            Transformer[] stages = e.getValue().stages();
            for (int i = shared.stages().length; i < stages.length; i++) {
                d = stages[i].transform(d);
            }
            List<Column> next = new ArrayList<>();
            base.forEach(c -> next.add(col(c)));
            encoded.forEach(c -> next.add(col(c)));
            next.add(col(TrainingColumns.FEATURES).as(featuresOf(e.getKey())));
            encoded.add(featuresOf(e.getKey()));
            if (keepsDense(e.getKey(), denseTrees)) {
                next.add(col(TrainingColumns.DENSE_FEATURES).as(denseOf(e.getKey())));
                encoded.add(denseOf(e.getKey()));
            }
            d = d.select(next.toArray(Column[]::new));
        }
        List<String> out = new ArrayList<>(kept);
        out.addAll(encoded);
        return d.select(out.stream().map(functions::col).toArray(Column[]::new));
    }

    /** A view's rows: the kept columns and the view's vectors under the names the fits read. */
    private static Dataset<Row> ofView(Dataset<Row> all, FeatureView view, boolean denseTrees, List<String> kept) {
        List<Column> out = new ArrayList<>();
        out.add(col(kept.get(0)));
        out.add(col(featuresOf(view)).as(TrainingColumns.FEATURES));
        kept.subList(1, kept.size()).forEach(c -> out.add(col(c)));
        if (keepsDense(view, denseTrees)) {
            out.add(col(denseOf(view)).as(TrainingColumns.DENSE_FEATURES));
        }
        return all.select(out.toArray(Column[]::new));
    }

    /** The tree view keeps its dense copy of the features for XGBoost (see TrainingColumns.DENSE_FEATURES). */
    private static boolean keepsDense(FeatureView view, boolean denseTrees) {
        return view == FeatureView.TREES && denseTrees;
    }

    private static String featuresOf(FeatureView view) {
        return TrainingColumns.FEATURES + "_" + view.name().toLowerCase(Locale.ROOT);
    }

    private static String denseOf(FeatureView view) {
        return TrainingColumns.DENSE_FEATURES + "_" + view.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Small data into its one partition: repartition, not coalesce, as XGBoost trains in a barrier stage,
     * whose tasks must match the partitions of the RDDs before it in the stage. Larger data comes spread
     * over its partitions as raw rows already (cheaper to shuffle than encoded vectors).
     */
    private static Dataset<Row> cachedInPartitions(Dataset<Row> encoded, int partitions) {
        return (partitions == 1 ? encoded.repartition(1) : encoded).cache();
    }

    /** Releases the cached rows of {@code views} once the fits are done, each shared cache once. */
    public static void unpersist(Collection<EncodedData> views) {
        views.stream().flatMap(v -> v.cached().stream()).distinct().forEach(Dataset::unpersist);
    }
}
