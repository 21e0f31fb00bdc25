package dev.bankml.training.features;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.workflow.quality.BankColumn;
import dev.bankml.workflow.quality.BankColumns;
import dev.bankml.workflow.quality.FeatureSets;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The columns a model may use: every bank column except the label, the excluded ones and, for a model
 * that may score leads ({@link FeatureSets#PRE_CALL}), the columns known only after the call. The label
 * is removed here, by construction, before any stage sees the data; nothing derived from it exists.
 *
 * @param label           the yes/no column predicted
 * @param numeric         whole-number columns
 * @param categorical     text columns (indexed, one-hot encoded for linear models)
 * @param booleans        yes/no columns other than the label (as 0/1)
 * @param pdaysIndicator  whether to add {@code was_contacted = pdays >= 0} (pdays = -1 means never contacted)
 * @param dayOfYear       whether to add {@code day_of_year} from {@code month} and {@code day} (the date of the
 *                        last contact within the year: campaigns run in seasons)
 * @param excluded        the columns left out on request
 * @param preCall         whether the columns known only after the call are left out (a model that may score leads)
 */
public record FeatureSet(String label, List<String> numeric, List<String> categorical, List<String> booleans,
                         boolean pdaysIndicator, boolean dayOfYear, List<String> excluded, boolean preCall)
        implements Serializable {

    public static final String WAS_CONTACTED = "was_contacted";
    public static final String DAY_OF_YEAR = "day_of_year";

    public FeatureSet {
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
        booleans = List.copyOf(booleans);
        excluded = List.copyOf(excluded);
    }

    /**
     * @throws JobConfigurationException for an unknown label or excluded column, or when nothing is left
     */
    public static FeatureSet of(String label, List<String> exclude) {
        return of(label, exclude, true);
    }

    /**
     * The features of a training run's setting.
     *
     * @param which {@link FeatureSets#PRE_CALL} or {@link FeatureSets#ALL}
     * @throws JobConfigurationException for an unknown label or excluded column, or when nothing is left
     */
    public static FeatureSet of(String label, List<String> exclude, String which) {
        return of(label, exclude, FeatureSets.PRE_CALL.equals(which));
    }

    /** The features a saved model reads again (to score with it): pre-call unless it reads an after-call column. */
    public static FeatureSet ofModel(String label, List<String> exclude, List<String> features) {
        return of(label, exclude, afterCall(features).isEmpty());
    }

    /** The columns among {@code columns} known only after the call. */
    public static List<String> afterCall(List<String> columns) {
        return columns.stream().filter(BankColumns.AFTER_CALL::contains).toList();
    }

    private static FeatureSet of(String label, List<String> exclude, boolean preCall) {
        if (!BankSchema.labelCandidates().contains(label)) {
            throw new JobConfigurationException("argument " + DeploymentSettings.LABEL.flag() + " is '" + label + "': expected one of the yes/no columns "
                    + BankSchema.labelCandidates());
        }
        for (String e : exclude) {
            if (BankSchema.find(e).isEmpty()) {
                throw new JobConfigurationException("argument " + TrainingSettings.EXCLUDE_FEATURES.flag() + " names '" + e
                        + "', which is not a bank column; the columns are " + BankSchema.columnNames());
            }
        }
        List<String> numeric = new ArrayList<>();
        List<String> categorical = new ArrayList<>();
        List<String> booleans = new ArrayList<>();
        for (BankColumn c : BankSchema.COLUMNS) {
            if (c.name().equals(label) || exclude.contains(c.name()) || (preCall && !c.knownBeforeCall())) {
                continue;
            }
            switch (c.type()) {
                case INTEGER -> numeric.add(c.name());
                case CATEGORY, MONTH -> categorical.add(c.name());
                case YES_NO -> booleans.add(c.name());
                default -> throw new IllegalStateException("unhandled type " + c.type());
            }
        }
        if (numeric.isEmpty() && categorical.isEmpty() && booleans.isEmpty()) {
            throw new JobConfigurationException("argument " + TrainingSettings.EXCLUDE_FEATURES.flag() + " leaves no feature to learn from");
        }
        boolean indicator = numeric.contains(BankSchema.PDAYS);
        boolean dayOfYear = numeric.contains(BankSchema.DAY) && categorical.contains(BankSchema.MONTH);
        return new FeatureSet(label, numeric, categorical, booleans, indicator, dayOfYear, exclude, preCall);
    }

    /** The columns it reads that are known only after the call (empty for a model that may score leads). */
    public List<String> afterCallInputs() {
        return afterCall(inputColumns());
    }

    /** {@link FeatureSets#PRE_CALL} or {@link FeatureSets#ALL}, as the setting names it. */
    public String which() {
        return preCall ? FeatureSets.PRE_CALL : FeatureSets.ALL;
    }

    /** The raw bank columns a scoring input must hold. */
    public List<String> inputColumns() {
        List<String> out = new ArrayList<>(numeric);
        out.addAll(categorical);
        out.addAll(booleans);
        return out;
    }

    /** Continuous inputs after the first (SQL) stage: the numbers and {@code day_of_year}. */
    List<String> continuousInputs() {
        List<String> out = new ArrayList<>(numeric);
        if (dayOfYear) {
            out.add(DAY_OF_YEAR);
        }
        return out;
    }

    /** 0/1 inputs after the first (SQL) stage: the yes/no features and the pdays indicator. */
    List<String> binaryInputs() {
        List<String> out = new ArrayList<>();
        booleans.forEach(b -> out.add(b + "_num"));
        if (pdaysIndicator) {
            out.add(WAS_CONTACTED);
        }
        return out;
    }
}
