package dev.bankml.training.inference;

import java.util.Locale;
import java.util.Optional;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.workflow.settings.CampaignSettings;

/**
 * Which scored customers a campaign calls ({@code contact}): the top {@code share} of the run's
 * ranking, the top {@code count}, every customer whose expected value of a call is positive
 * (calibrated P(yes) × value per yes > cost per call), or, with none of these, the customers the
 * model predicts yes (its F1 threshold). The first three all call a top slice of the ranking, since
 * the calibrated probability never decreases with the score.
 */
record Campaign(Optional<Double> share, Optional<Long> count, Optional<Double> valuePerYes,
                Optional<Double> costPerCall) {

    static Campaign from(GlueArgs args) {
        Campaign c = new Campaign(args.find(CampaignSettings.CONTACT_SHARE), args.find(CampaignSettings.CONTACT_COUNT),
                args.find(CampaignSettings.VALUE_PER_YES), args.find(CampaignSettings.COST_PER_CALL));
        CampaignSettings.conflict(c.share, c.count, c.valuePerYes, c.costPerCall).ifPresent(conflict -> {
            throw new JobConfigurationException(conflict.message());
        });
        return c;
    }

    static Campaign threshold() {
        return new Campaign(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    boolean byExpectedValue() {
        return valuePerYes.isPresent();
    }

    boolean byRank() {
        return share.isPresent() || count.isPresent();
    }

    /** How many of {@code rows} scored rows the rule calls when it calls a top slice ({@link #byRank}). */
    long topOf(long rows) {
        if (share.isPresent()) {
            return Math.round(share.get() * rows);
        }
        return Math.min(rows, count.orElse(rows));
    }

    /** The rule in words, for the run's summary. */
    String describe() {
        if (share.isPresent()) {
            return String.format(Locale.ROOT, "top %s%% by score", plain(100 * share.get()));
        }
        if (count.isPresent()) {
            return String.format(Locale.ROOT, "top %,d by score", count.get());
        }
        if (valuePerYes.isPresent()) {
            return String.format(Locale.ROOT, "calibrated P(yes) x %s > %s per call", plain(valuePerYes.get()),
                    plain(costPerCall.get()));
        }
        return "predicted yes (the model's threshold)";
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%s", d);
    }
}
