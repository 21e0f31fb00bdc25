package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.INFERENCE;
import static dev.bankml.workflow.settings.JobKind.MONITORING;

import java.util.List;
import java.util.Optional;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * The campaign the scoring marks ({@code contact}): by share, by count, or by expected value; at
 * most one rule. One value per deployment. Scope {@link Setting.Scope#DEPLOYMENT}.
 */
public final class CampaignSettings {
    private CampaignSettings() {
    }

    public static final Setting<Double> CONTACT_SHARE = Setting.builder("contact_share", Scope.DEPLOYMENT,
                    ValueType.decimal(0, false, 1))
            .byDefault(Default.derived("none: contact = predicted (the model's threshold)"))
            .help("contact this share of the scored customers, highest scores first")
            .deployedAs("contactShare")
            .readBy(INFERENCE)
            .readBy(MONITORING, "the top share of each new outcome delivery, by score, in which the yes answers "
                    + "the champion and a challenger would have reached are counted (default 0.2 for this count)")
            .build();
    public static final Setting<Long> CONTACT_COUNT = Setting.builder("contact_count", Scope.DEPLOYMENT,
                    ValueType.integer(1, Integer.MAX_VALUE, null))
            .help("contact this many of the scored customers, highest scores first")
            .deployedAs("contactCount")
            .readBy(INFERENCE)
            .build();
    public static final Setting<Double> VALUE_PER_YES = Setting.builder("value_per_yes", Scope.DEPLOYMENT,
                    ValueType.decimal(0, false, 1e12))
            .help("with --cost_per_call: contact every customer whose calibrated P(yes) times this exceeds the "
                    + "cost of a call")
            .deployedAs("valuePerYes")
            .readBy(INFERENCE)
            .build();
    public static final Setting<Double> COST_PER_CALL = Setting.builder("cost_per_call", Scope.DEPLOYMENT,
                    ValueType.decimal(0, true, 1e12))
            .help("with --value_per_yes: what one call costs, in the same unit")
            .deployedAs("costPerCall")
            .readBy(INFERENCE)
            .build();

    /** {@link #REASONS_FOR}: every scored customer's reasons. */
    public static final String REASONS_ALL = "all";
    /** {@link #REASONS_FOR}: the reasons of the customers marked for a call only. */
    public static final String REASONS_CONTACTED = "contacted";
    /** {@link #REASONS_FOR}: no reasons (the scores and the campaign only). */
    public static final String REASONS_NONE = "none";
    public static final Setting<String> REASONS_FOR = Setting.builder("reasons_for", Scope.DEPLOYMENT,
                    ValueType.choice(List.of(REASONS_ALL, REASONS_CONTACTED, REASONS_NONE)))
            .byDefault(REASONS_ALL)
            .help("whose top three reasons the scoring computes: every scored customer's, only those marked for "
                    + "a call, or none (the reasons are most of the scoring's cost on large deliveries)")
            .deployedAs("reasonsFor")
            .readBy(INFERENCE)
            .build();

    /**
     * The campaign rules given that cannot go together: at most one of a share, a count and an expected
     * value, and a value per yes only with a cost per call (and the other way round).
     */
    public static Optional<Settings.Conflict> conflict(Optional<Double> share, Optional<Long> count,
                                                      Optional<Double> valuePerYes, Optional<Double> costPerCall) {
        if (valuePerYes.isPresent() != costPerCall.isPresent()) {
            Setting<Double> given = valuePerYes.isPresent() ? VALUE_PER_YES : COST_PER_CALL;
            Setting<Double> missing = valuePerYes.isPresent() ? COST_PER_CALL : VALUE_PER_YES;
            return Optional.of(new Settings.Conflict(given, given.format(valuePerYes.or(() -> costPerCall).get()),
                    "give " + missing.flag() + " with it (the expected value of a call needs both)"));
        }
        int rules = (share.isPresent() ? 1 : 0) + (count.isPresent() ? 1 : 0) + (valuePerYes.isPresent() ? 1 : 0);
        if (rules > 1) {
            Setting<?> second = count.isPresent() && share.isPresent() ? CONTACT_COUNT : VALUE_PER_YES;
            String value = second == CONTACT_COUNT ? CONTACT_COUNT.format(count.get())
                    : VALUE_PER_YES.format(valuePerYes.get());
            return Optional.of(new Settings.Conflict(second, value, "give one campaign rule: " + CONTACT_SHARE.flag() + ", "
                    + CONTACT_COUNT.flag() + ", or " + VALUE_PER_YES.flag() + " with " + COST_PER_CALL.flag()));
        }
        return Optional.empty();
    }

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(CONTACT_SHARE, CONTACT_COUNT, VALUE_PER_YES, COST_PER_CALL, REASONS_FOR);
}
