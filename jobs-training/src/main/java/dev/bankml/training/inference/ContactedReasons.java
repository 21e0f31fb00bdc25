package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

import dev.bankml.training.evaluation.Reasons;

/**
 * Reasons for the customers marked for a call only ({@code --reasons_for contacted}), for a classifier that
 * computes them inside its own transform: XGBoost's exact tree SHAP is computed for every row it is given, and
 * the campaign rule is known only once every row has its score. So the model's first pass scores every row
 * without contributions, and a second pass of the classifier, contributions on, reads only the rows the rule
 * marks: the SHAP work shrinks with the campaign (a fifth of the rows called, a fifth of it). The other rows
 * carry no reasons. Both passes predict with the same booster, so a row's score and probability are the same
 * in either.
 */
final class ContactedReasons {
    /** The columns a classifier writes, to be written again by the second pass. */
    private static final List<String> OUTPUTS = List.of("predictionCol", "rawPredictionCol", "probabilityCol");

    private ContactedReasons() {
    }

    /** Whether the classifier's reasons come out of its own transform (then a second pass spares the others'). */
    static boolean needsSecondPass(Model<?> classifier) {
        return classifier instanceof XGBoostClassificationModel;
    }

    /**
     * The prediction rows: those not contacted without reasons, the contacted with theirs (cached: unpersist
     * them once written).
     *
     * @param ranked  every scored row, ranked, from the first pass (no contributions)
     * @param contact the campaign rule over those rows
     * @param topOf   the reasons column over rows that carry the classifier's contributions
     * @param select  the prediction columns over some rows, given their reasons column
     */
    static Dataset<Row> predictions(Dataset<Row> ranked, Column contact, Model<?> classifier,
                                    Function<Dataset<Row>, Column> topOf,
                                    BiFunction<Dataset<Row>, Column, Dataset<Row>> select) {
        Dataset<Row> others = select.apply(ranked.filter(not(contact)), lit(null).cast(Reasons.REASONS));
        Model<?> withContributions = (Model<?>) classifier.copy(new ParamMap());
        Reasons.prepare(withContributions);
        List<String> outputs = new ArrayList<>();
        for (String param : OUTPUTS) {
            if (classifier.hasParam(param) && classifier.isDefined(classifier.getParam(param))) {
                outputs.add((String) classifier.getOrDefault(classifier.getParam(param)));
            }
        }
        Dataset<Row> called = withContributions.transform(ranked.filter(contact).drop(outputs.toArray(String[]::new)));
        // Kept: the counts and the write both read the rows, and the second pass must run once.
        return others.unionByName(select.apply(called, topOf.apply(called))).persist(StorageLevel.MEMORY_AND_DISK());
    }
}
