package dev.bankml.training.champion;

import java.util.List;
import java.util.Locale;

/**
 * The quality gate between the previous champion and this run's: both are scored on this run's test
 * split, and the new one is promoted unless its test AUC-PR is lower by more than the margin.
 *
 * @param previousRunId   the previous champion's run ("" on a first run)
 * @param previousModel   its algorithm
 * @param previousAucPr   its AUC-PR on this run's test split (NaN if it could not be scored)
 * @param newAucPr        the new champion's AUC-PR on the same rows
 * @param margin          new minus previous (0 on a first run)
 * @param passed          whether the new champion passed the gate
 * @param promoted        whether the pointer now names the new champion (passed, and approved: with
 *                        {@code --approval manual} a model that passes waits for a person as a candidate)
 * @param reason          why, in words
 */
public record GateDecision(String previousRunId, String previousModel, double previousAucPr, double newAucPr,
                           double margin, boolean passed, boolean promoted, String reason) {

    /** A decision that promotes exactly when it passes. */
    static GateDecision of(String previousRunId, String previousModel, double previousAucPr, double newAucPr,
                           double margin, boolean passed, String reason) {
        return new GateDecision(previousRunId, previousModel, previousAucPr, newAucPr, margin, passed, passed, reason);
    }

    public static GateDecision firstRun(double newAucPr) {
        return of("", "", Double.NaN, newAucPr, 0.0, true, "first champion for this label");
    }

    /**
     * This decision with the pointer left where it is: the model passed, and waits as a candidate for a
     * person's approval.
     */
    public GateDecision heldForApproval(String why) {
        return new GateDecision(previousRunId, previousModel, previousAucPr, newAucPr, margin, passed, false,
                "passed the gate (" + reason + "); " + why);
    }

    /**
     * The previous champion read other inputs (or predicted another label): its figures are not
     * comparable with this run's, so the new champion is promoted on its own test rows with the new
     * setting, and the decision says what changed.
     */
    public static GateDecision settingChanged(ChampionPointer previous, double newAucPr, String change) {
        return of(previous.runId(), previous.model(), Double.NaN, newAucPr, 0.0, true,
                change + "; not comparable with the previous champion (run " + previous.runId() + "), so the new one is "
                        + String.format(Locale.ROOT, "judged on this run's test rows with the new setting "
                        + "(test AUC-PR %.4f) and promoted", newAucPr));
    }

    public static GateDecision compare(ChampionPointer previous, double previousAucPr, double newAucPr,
                                       double allowedDrop) {
        double margin = newAucPr - previousAucPr;
        boolean promote = margin >= -allowedDrop;
        String reason = promote
                ? String.format(Locale.ROOT, "new champion AUC-PR %.4f vs previous %.4f on the same test rows "
                + "(margin %+.4f, allowed drop %.4f)", newAucPr, previousAucPr, margin, allowedDrop)
                : String.format(Locale.ROOT, "NOT promoted: new champion AUC-PR %.4f is %.4f below the "
                + "previous champion's %.4f (run %s) on the same test rows; allowed drop %.4f", newAucPr, -margin,
                previousAucPr, previous.runId(), allowedDrop);
        return of(previous.runId(), previous.model(), previousAucPr, newAucPr, margin, promote, reason);
    }

    /**
     * The run's models read columns known only after the call: an analysis model. It is recorded and
     * reported, never promoted (no model that scores leads may read them), and never compared with a
     * champion that may score leads.
     */
    public static GateDecision analysisOnly(List<String> afterCall, double newAucPr, String preCallHow) {
        return of("", "", Double.NaN, newAucPr, 0.0, false, "NOT promoted: an analysis model, it reads "
                + String.join(", ", afterCall) + ", known only after the call, so it never scores leads (" + preCallHow
                + ")");
    }
}
