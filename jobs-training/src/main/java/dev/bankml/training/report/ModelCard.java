package dev.bankml.training.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.evaluation.Calibration;
import dev.bankml.training.evaluation.CalibrationMetrics;
import dev.bankml.training.evaluation.GroupMetrics;
import dev.bankml.training.evaluation.Lift;
import dev.bankml.training.evaluation.Reasons;
import dev.bankml.training.evaluation.TestRows;
import dev.bankml.training.features.FeatureSet;
import dev.bankml.workflow.quality.BankColumns;
import dev.bankml.workflow.quality.FeatureSets;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * The champion's model card ({@code model-card.json} and a section of the report): the data and the
 * split, the features and the columns left out and why, the test metrics with their uncertainty, the
 * calibration, the lift, the same metrics per age band and per job (age is a protected basis in
 * credit decisions), how per-customer reasons are computed, the intended use and the known limits.
 */
public record ModelCard(String model, String runId, String label, String createdAt, boolean promoted, Data data,
                        Features features, Metrics metrics, CalibrationCard calibration, Lift lift,
                        List<GroupMetrics> byAgeBand, List<GroupMetrics> byJob, String reasons, String intendedUse,
                        List<String> knownLimits) {

    /** The card's file name, beside the run's metrics and beside the saved model. */
    public static final String FILE = "model-card.json";

    /** Fewer rows (or rows of one class) than this in a group and its metrics are noted as unreliable. */
    static final int MIN_GROUP_ROWS = 100;
    static final int MIN_GROUP_CLASS_ROWS = 20;

    /**
     * @param split      how the test rows were chosen
     * @param validation how tuning (and calibration) held rows out of the training split
     */
    public record Data(String source, long trainRows, long testRows, long testYes, double testBaseRate, String split,
                       String validation) {
    }

    /** A column left out, and why. */
    public record Exclusion(String column, String why) {
    }

    /**
     * @param used    the raw columns the model reads
     * @param derived features computed from them
     */
    public record Features(String set, List<String> used, List<String> derived, List<Exclusion> excluded) {
    }

    /**
     * Test-split metrics; {@code aucRoc95} is AUC-ROC ± 1.96 standard errors (Hanley and McNeil).
     */
    public record Metrics(double aucRoc, double aucRocSe, double[] aucRoc95, double aucPr, double alift,
                          double validationAucPr, double threshold, double f1, double precision, double recall,
                          double accuracy) {
    }

    /** The calibrator, why it was chosen, and the test split before and after it. */
    public record CalibrationCard(String method, String choice, CalibrationMetrics before, CalibrationMetrics after) {
    }

    public static ModelCard of(TrainingOutcome outcome, RunParameters run) {
        ModelMetrics m = outcome.champion();
        ModelResult r = outcome.championResult();
        TestRows rows = r.testRows();
        double[] p = r.calibration().calibrator().apply(rows.scored().scores());
        double threshold = r.test().threshold();
        List<GroupMetrics> ages = GroupMetrics.of(BankSchema.AGE, GroupMetrics.AGE_BANDS, rows.scored(), p,
                i -> GroupMetrics.ageBand(rows.age()[i]), threshold);
        List<GroupMetrics> jobs = new ArrayList<>(GroupMetrics.of(BankSchema.JOB, List.of(), rows.scored(), p,
                i -> rows.job()[i], threshold));
        jobs.sort((a, b) -> Long.compare(b.rows(), a.rows()));
        double se = m.aucRocSe();
        Metrics metrics = new Metrics(m.aucRoc(), se, new double[] {m.aucRoc() - 1.96 * se, Math.min(1, m.aucRoc() + 1.96 * se)},
                m.aucPr(), m.alift(), m.validationAucPr(), m.threshold(), m.f1(), m.precision(), m.recall(),
                m.accuracy());
        Data data = new Data(run.source(), m.trainRows(), m.testRows(), m.tp() + m.fn(), m.baseRate(),
                String.format(Locale.ROOT, "stratified: %.0f%% of each class, chosen by a hash of record_id seeded "
                        + "with %d (the same rows every run)", 100 * run.testFraction(), run.seed()),
                m.validationScheme() + " of the training split (tuning, threshold and calibration)");
        List<String> derived = new ArrayList<>();
        if (run.features().contains(BankSchema.PDAYS)) {
            derived.add("was_contacted (pdays >= 0)");
        }
        if (run.features().contains(BankSchema.DAY) && run.features().contains(BankSchema.MONTH)) {
            derived.add("day_of_year (from month and day)");
        }
        List<Exclusion> excluded = new ArrayList<>();
        excluded.add(new Exclusion(run.label(), "the label"));
        for (String c : BankColumns.AFTER_CALL) {
            if (!c.equals(run.label()) && !run.features().contains(c)) {
                excluded.add(new Exclusion(c, afterCall(c)));
            }
        }
        for (String e : run.excluded()) {
            if (excluded.stream().noneMatch(x -> x.column().equals(e))) {
                excluded.add(new Exclusion(e, why(e)));
            }
        }
        List<String> readAfterCall = FeatureSet.afterCall(run.features());
        String set = readAfterCall.isEmpty() ? FeatureSets.PRE_CALL + ": what the bank knows before it dials"
                : FeatureSets.ALL + ": an analysis model, it reads " + String.join(", ", readAfterCall)
                        + ", known only after the call, and never scores leads";
        Calibration c = r.calibration();
        return new ModelCard(m.model(), m.runId(), m.label(), m.createdAt(), m.promoted(), data,
                new Features(set, run.features(), derived, excluded), metrics,
                new CalibrationCard(c.calibrator().method(), c.choice(), c.before(), c.after()), r.lift(), ages, jobs,
                reasons(r.reasonsMethod()), intendedUse(run.label()), limits(m, r, run, ages, jobs));
    }

    static String why(String column) {
        if (BankColumns.AFTER_CALL.contains(column)) {
            return afterCall(column);
        }
        return "left out on request (" + TrainingSettings.EXCLUDE_FEATURES.flag() + ")";
    }

    /** Why a column known only after the call is not read. */
    static String afterCall(String column) {
        String what = BankSchema.DURATION.equals(column) ? "the length of the last call" : "the call's outcome";
        return what + ", known only after the call: a model that reads it cannot decide whom to call";
    }

    static String reasons(String method) {
        return switch (method) {
            case Reasons.TREE_SHAP -> "exact tree SHAP values of XGBoost (log-odds), summed per column";
            case Reasons.LINEAR_LOG_ODDS -> "coefficient x standardised or one-hot value (log-odds), summed per column";
            case Reasons.LINEAR_MARGIN -> "coefficient x standardised or one-hot value (SVM margin), summed per column";
            case Reasons.NAIVE_BAYES -> "count x log-likelihood ratio (log-odds), summed per column";
            default -> "unavailable: MLlib's trees give no per-row contributions, and path attributions are not "
                    + "consistent, so none are invented";
        };
    }

    static String intendedUse(String label) {
        return switch (label) {
            case "deposit" -> "Rank the bank's customers for a term-deposit telemarketing campaign: whom to call "
                    + "first and how many (rank, contact), with calibrated P(yes) for the expected yield and the top "
                    + "reasons for why a customer was picked. Not for decisions about credit.";
            case "default" -> "Support for credit-risk review: flag customers likely to default for a person to look "
                    + "at, with the principal reasons of each score (ECOA / Regulation B). Not the sole basis of an "
                    + "adverse decision.";
            default -> "Estimate which customers hold the product '" + label + "' for marketing: ranking and calibrated "
                    + "probabilities, with reasons. Not for decisions about credit.";
        };
    }

    static List<String> limits(ModelMetrics m, ModelResult r, RunParameters run, List<GroupMetrics> ages,
                               List<GroupMetrics> jobs) {
        List<String> out = new ArrayList<>();
        List<String> readAfterCall = FeatureSet.afterCall(run.features());
        if (!readAfterCall.isEmpty()) {
            out.add("An analysis model: it reads " + String.join(", ", readAfterCall) + ", known only after the call, "
                    + "so its figures describe calls already made, and it is never promoted nor allowed to score "
                    + "leads. For a model that decides whom to call, train with " + TrainingSettings.FEATURES.flag()
                    + " " + FeatureSets.PRE_CALL + " (the default).");
        }
        out.add(String.format(Locale.ROOT, "Measured on %,d test rows (%,d yes): the test AUC-ROC is %.4f +/- %.4f "
                + "(95%%); differences between models smaller than that are noise.", m.testRows(), m.tp() + m.fn(),
                m.aucRoc(), 1.96 * m.aucRocSe()));
        out.add("Learnt from past campaigns' outcomes only: customers unlike those called before, a new product or a "
                + "changed economy are outside what it has seen; the monitoring loop measures drift (PSI) and the "
                + "AUC on new outcomes.");
        for (GroupMetrics g : concat(ages, jobs)) {
            long neg = g.rows() - g.positives();
            if (g.rows() < MIN_GROUP_ROWS || g.positives() < MIN_GROUP_CLASS_ROWS || neg < MIN_GROUP_CLASS_ROWS) {
                out.add(String.format(Locale.ROOT, "%s %s: only %d test rows (%d yes), too few to measure its metrics "
                        + "reliably.", g.group(), g.value(), g.rows(), g.positives()));
            } else if (m.aucRoc() - g.aucRoc() > 1.96 * g.aucRocSe()) {
                out.add(String.format(Locale.ROOT, "%s %s: ranked worse than the whole test split (AUC-ROC %.4f "
                        + "+/- %.4f against %.4f).", g.group(), g.value(), g.aucRoc(), 1.96 * g.aucRocSe(), m.aucRoc()));
            } else if (Math.abs(g.meanProbability() - g.baseRate()) > 0.05) {
                out.add(String.format(Locale.ROOT, "%s %s: calibrated P(yes) averages %.3f against a rate of yes of "
                        + "%.3f.", g.group(), g.value(), g.meanProbability(), g.baseRate()));
            }
        }
        if (!Reasons.available(r.tuning().model())) {
            out.add("No per-customer reasons for this model (" + m.model() + "): train XGBoost or a linear model where "
                    + "reasons must be given.");
        } else {
            out.add("Reasons are contributions to the score relative to the average training customer, not causes.");
        }
        out.add("The calibrator was fitted on validation rows scored by the tuning fit; it holds while the rate of yes "
                + "stays near the training split's (" + String.format(Locale.ROOT, "%.3f", m.baseRate()) + ").");
        return out;
    }

    private static List<GroupMetrics> concat(List<GroupMetrics> a, List<GroupMetrics> b) {
        List<GroupMetrics> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
