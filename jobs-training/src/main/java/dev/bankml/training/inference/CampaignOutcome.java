package dev.bankml.training.inference;

import java.util.Locale;

/**
 * What a campaign's calls are expected to bring: the rows it calls, the yes answers their calibrated
 * probabilities add up to, and the yes answers as many calls to customers picked at random would
 * bring (calls times the mean probability of all scored rows).
 *
 * @param rule        the campaign rule, in words
 * @param rows        the rows scored
 * @param expectedYes NaN when the model has no probabilities
 * @param valuePerYes with {@code costPerCall}, the expected value rule's (null otherwise)
 */
public record CampaignOutcome(String rule, long rows, long contacted, double expectedYes, double expectedYesAtRandom,
                              Double valuePerYes, Double costPerCall) {

    /** One line for the run's summary. */
    public String describe() {
        if (rows == 0) {
            return "no customer to contact";
        }
        String s = String.format(Locale.ROOT, "contact %,d of %,d (%s)", contacted, rows, rule);
        if (Double.isNaN(expectedYes)) {
            return s + "; no calibrated probabilities to expect yes answers from";
        }
        s += String.format(Locale.ROOT, ": %,.1f yes expected, %,.1f if as many were called at random (%.2fx)",
                expectedYes, expectedYesAtRandom, expectedYesAtRandom == 0 ? 0 : expectedYes / expectedYesAtRandom);
        if (valuePerYes != null) {
            s += String.format(Locale.ROOT, "; expected net value %,.0f (at random %,.0f)",
                    expectedYes * valuePerYes - contacted * costPerCall,
                    expectedYesAtRandom * valuePerYes - contacted * costPerCall);
        }
        return s;
    }
}
