package dev.bankml.workflow.settings;

import java.util.Optional;

/**
 * What a setting is when nobody gives it, stated once in its declaration: a value (the same for a
 * job run by hand and for a deployment, or one for each), or a value derived from other settings by
 * whoever reads it, described in words for the help. Every reader resolves defaults here.
 *
 * @param <T> the value's type
 */
public final class Default<T> {
    private final T onJob;
    private final T onDeployment;
    private final String words;

    private Default(T onJob, T onDeployment, String words) {
        this.onJob = onJob;
        this.onDeployment = onDeployment;
        this.words = words;
    }

    /** No default: absent means absent (an optional setting, or a required one). */
    public static <T> Default<T> none() {
        return new Default<>(null, null, null);
    }

    /** The same value wherever the job runs. */
    public static <T> Default<T> of(T value) {
        return new Default<>(value, value, null);
    }

    /** One value for a job run by hand or on a laptop, another for a deployment (metrics are published on AWS). */
    public static <T> Default<T> of(T onJob, T onDeployment) {
        return new Default<>(onJob, onDeployment, null);
    }

    /** Derived by whoever reads the setting from other settings or the environment, as {@code how} says. */
    public static <T> Default<T> derived(String how) {
        return new Default<>(null, null, how);
    }

    /** This value, which a deployment derives instead (as {@code how} says, for both). */
    public Default<T> derivedWhenDeployed(String how) {
        return new Default<>(onJob, null, how);
    }

    /** This value, shown in the help as {@code words} ("all seven" rather than an empty list). */
    public Default<T> shownAs(String words) {
        return new Default<>(onJob, onDeployment, words);
    }

    /** The value a job uses when the argument is absent. */
    public Optional<T> onJob() {
        return Optional.ofNullable(onJob);
    }

    /** The value a deployment uses when {@code cdk.json} does not set it. */
    public Optional<T> onDeployment() {
        return Optional.ofNullable(onDeployment);
    }

    /** The default as the help states it: its words, else the job's value ("none" for an empty one). */
    Optional<String> text(ValueType<T> type) {
        if (words != null) {
            return Optional.of(words);
        }
        return onJob().map(type::format).map(t -> t.isEmpty() ? "none" : t);
    }
}
