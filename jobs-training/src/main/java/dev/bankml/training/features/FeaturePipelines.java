package dev.bankml.training.features;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.QuantileDiscretizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.data.TrainingColumns;

/**
 * The feature stages of every model, as an unfitted MLlib {@link Pipeline} per {@link FeatureView}.
 * It is fitted on the training split only and saved inside the champion's PipelineModel, so scoring
 * applies exactly the encoders learnt in training. Unseen categories get their own index
 * ({@code handleInvalid=keep}). The label is not an input of any stage.
 */
public final class FeaturePipelines {
    private FeaturePipelines() {
    }

    static final int NB_BINS = 10;

    /** The whole unfitted feature pipeline of a view: the shared stages, then the view's own. */
    public static Pipeline build(FeatureSet fs, FeatureView view) {
        List<PipelineStage> stages = new ArrayList<>(sharedStages(fs));
        stages.addAll(viewStages(fs, view));
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new));
    }

    /**
     * Fits the stages every view shares on the training rows: typed inputs and the string indices (one
     * pass over the rows for every categorical column). {@link #fitView} completes a view's pipeline.
     */
    public static PipelineModel fitShared(FeatureSet fs, Dataset<Row> train) {
        return new Pipeline().setStages(sharedStages(fs).toArray(PipelineStage[]::new)).fit(train);
    }

    /**
     * Fits a view's own stages on the training rows indexed by {@code shared}, and returns the view's
     * whole feature pipeline as one flat PipelineModel: stage for stage what {@link #build} fitted alone
     * gives, for the price of the view's own stages.
     */
    public static PipelineModel fitView(FeatureSet fs, FeatureView view, PipelineModel shared, Dataset<Row> train) {
        PipelineModel own = new Pipeline().setStages(viewStages(fs, view).toArray(PipelineStage[]::new))
                .fit(shared.transform(train));
        List<Transformer> stages = new ArrayList<>(List.of(shared.stages()));
        stages.addAll(List.of(own.stages()));
        // With only fitted stages, Pipeline.fit assembles them into one model without reading any row.
        return new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(train);
    }

    private static List<PipelineStage> sharedStages(FeatureSet fs) {
        List<PipelineStage> stages = new ArrayList<>();
        stages.add(typedInputs(fs));
        if (!fs.categorical().isEmpty()) {
            stages.add(new StringIndexer()
                    .setInputCols(fs.categorical().toArray(String[]::new))
                    .setOutputCols(indexed(fs).toArray(String[]::new))
                    .setHandleInvalid("keep")
                    .setStringOrderType("frequencyDesc"));
        }
        return stages;
    }

    private static List<String> indexed(FeatureSet fs) {
        return fs.categorical().stream().map(c -> c + "_idx").toList();
    }

    private static List<PipelineStage> viewStages(FeatureSet fs, FeatureView view) {
        List<PipelineStage> stages = new ArrayList<>();
        List<String> indexed = indexed(fs);
        List<String> numeric = new ArrayList<>(fs.continuousInputs());
        numeric.addAll(fs.binaryInputs());
        switch (view) {
            case TREES -> {
                stages.add(assembler(treeInputs(fs), TrainingColumns.FEATURES));
                stages.add(new StandardScaler().setInputCol(TrainingColumns.FEATURES).setOutputCol(TrainingColumns.DENSE_FEATURES)
                        .setWithMean(true).setWithStd(false));
            }
            case LINEAR -> {
                List<String> parts = new ArrayList<>();
                if (!numeric.isEmpty()) {
                    stages.add(assembler(numeric, "numeric_raw"));
                    stages.add(new StandardScaler().setInputCol("numeric_raw").setOutputCol("numeric_scaled")
                            .setWithMean(true).setWithStd(true));
                    parts.add("numeric_scaled");
                }
                List<String> oneHot = oneHot(stages, indexed);
                parts.addAll(oneHot);
                stages.add(assembler(parts, TrainingColumns.FEATURES));
            }
            case COUNTS -> {
                List<String> toEncode = new ArrayList<>(indexed);
                List<String> plain = fs.binaryInputs();
                List<String> binned = fs.continuousInputs();
                if (!binned.isEmpty()) {
                    List<String> bins = binned.stream().map(n -> n + "_bin").toList();
                    stages.add(new QuantileDiscretizer()
                            .setInputCols(binned.toArray(String[]::new))
                            .setOutputCols(bins.toArray(String[]::new))
                            .setNumBuckets(NB_BINS)
                            .setHandleInvalid("keep"));
                    toEncode.addAll(bins);
                }
                List<String> parts = new ArrayList<>(oneHot(stages, toEncode));
                parts.addAll(plain);
                stages.add(assembler(parts, TrainingColumns.FEATURES));
            }
            default -> throw new IllegalStateException("unhandled view " + view);
        }
        return stages;
    }

    /** The columns of the tree view, in the order of its feature vector: numbers (and {@code day_of_year}), 0/1 columns, category indices. */
    public static List<String> treeInputs(FeatureSet fs) {
        List<String> out = new ArrayList<>(fs.continuousInputs());
        out.addAll(fs.binaryInputs());
        fs.categorical().forEach(c -> out.add(c + "_idx"));
        return out;
    }

    /**
     * The column each slot of a feature vector stands for, from the slots' names: a category's index
     * ({@code job_idx}), its one-hot slots ({@code job_vec_student}, {@code job_idx_vec_student}) and a
     * number's bins ({@code age_bin_vec_3}) all stand for the category or number they encode, a yes/no
     * feature's 0/1 ({@code housing_num}) for the yes/no column; the standardised numbers of the linear
     * view ({@code numeric_scaled_<i>}) for the i-th of {@link FeatureSet#continuousInputs()} and then
     * {@link FeatureSet#binaryInputs()}. Derived features ({@code day_of_year}, {@code was_contacted})
     * stand for themselves. Reasons are reported under these names, with these columns' values.
     */
    public static String[] sourceColumns(FeatureSet fs, String[] slotNames) {
        List<String> numeric = new ArrayList<>(fs.continuousInputs());
        numeric.addAll(fs.binaryInputs());
        List<String> sources = new ArrayList<>(fs.continuousInputs());
        fs.booleans().forEach(sources::add);
        if (fs.pdaysIndicator()) {
            sources.add(FeatureSet.WAS_CONTACTED);
        }
        sources.addAll(fs.categorical());
        String[] out = new String[slotNames.length];
        String scaled = "numeric_scaled_";
        for (int i = 0; i < slotNames.length; i++) {
            String name = slotNames[i];
            if (name.startsWith(scaled) && name.substring(scaled.length()).matches("\\d+")) {
                name = numeric.get(Integer.parseInt(name.substring(scaled.length())));
            }
            String best = null;
            for (String c : sources) {
                boolean match = name.equals(c) || name.startsWith(c + "_");
                if (match && (best == null || c.length() > best.length())) {
                    best = c;
                }
            }
            out[i] = best == null ? slotNames[i] : best;
        }
        return out;
    }

    /** 0/1 doubles for the yes/no features and the {@code was_contacted} indicator; numbers as doubles. */
    static SQLTransformer typedInputs(FeatureSet fs) {
        List<String> extra = new ArrayList<>();
        for (String b : fs.booleans()) {
            extra.add("CAST(`" + b + "` AS DOUBLE) AS `" + b + "_num`");
        }
        if (fs.pdaysIndicator()) {
            extra.add("CAST(`pdays` >= 0 AS DOUBLE) AS `" + FeatureSet.WAS_CONTACTED + "`");
        }
        if (fs.dayOfYear()) {
            StringBuilder c = new StringBuilder("(CASE `month`");
            int[] start = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
            for (int m = 0; m < 12; m++) {
                c.append(" WHEN '").append(BankSchema.MONTHS.get(m)).append("' THEN ").append(start[m]);
            }
            extra.add(c.append(" END + `day`) AS `").append(FeatureSet.DAY_OF_YEAR).append('`').toString());
        }
        String select = extra.isEmpty() ? "*" : "*, " + String.join(", ", extra);
        return new SQLTransformer().setStatement("SELECT " + select + " FROM __THIS__");
    }

    private static List<String> oneHot(List<PipelineStage> stages, List<String> indexed) {
        if (indexed.isEmpty()) {
            return List.of();
        }
        List<String> vecs = indexed.stream().map(c -> c + "_vec").collect(Collectors.toList());
        stages.add(new OneHotEncoder()
                .setInputCols(indexed.toArray(String[]::new))
                .setOutputCols(vecs.toArray(String[]::new))
                .setHandleInvalid("keep")
                .setDropLast(true));
        return vecs;
    }

    private static VectorAssembler assembler(List<String> inputs, String output) {
        return new VectorAssembler().setInputCols(inputs.toArray(String[]::new)).setOutputCol(output)
                .setHandleInvalid("error");
    }
}
