package dev.bankml.workflow.settings;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One setting of the pipeline, declared once (in {@link Settings}): its name as a job argument
 * ({@code --name value}), its type with its bounds or allowed values, its defaults, a one-line help,
 * the {@code cdk.json} key a deployment sets it with, and which jobs read it. Every reader derives
 * from the declaration: the jobs' parsing and {@code --help}, the CDK app's context checks, the
 * workflow's job arguments and the local runner's options; so do the error messages.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {

    /** Who sets a setting, and so how it reaches a job. */
    public enum Scope {
        /**
         * Set by the workflow for each step from the storage layout and the catalog (paths, tables,
         * per-step switches); a person gives them only when running one job by hand.
         */
        WIRING,
        /**
         * One value per deployment: {@code cdk.json} on AWS, a {@code bin/pipeline} option on a laptop.
         * The workflow passes it to every job that reads it.
         */
        DEPLOYMENT,
        /** Given when a run is started ({@code --run_id}, {@code --model_run}); never part of a deployment. */
        RUN,
        /** Only off AWS Glue: an S3-compatible endpoint and its keys, refused on Glue. */
        LOCAL,
        /** Read by the CDK app only: worker sizes, alarms, who is notified. */
        INFRASTRUCTURE,
        /** An option of {@code bin/pipeline} itself (where the warehouse is, what to upload). */
        RUNNER,
        /** Set by AWS Glue itself when it starts a job run. */
        GLUE
    }

    /** How one job reads the setting: whether it must be given, and the help line if the job's differs. */
    record Use(boolean required, String help) {
    }

    private final String name;
    private final Scope scope;
    private final ValueType<T> type;
    private final Default<T> byDefault;
    private final String help;
    private final String contextKey;
    private final boolean fixedForRuns;
    private final Map<JobKind, Use> uses;

    private Setting(Builder<T> b) {
        this.name = b.name;
        this.scope = b.scope;
        this.type = b.type;
        this.byDefault = b.byDefault;
        this.help = b.help;
        this.contextKey = b.contextKey;
        this.fixedForRuns = b.scope == Scope.WIRING || b.fixedForRuns;
        this.uses = Collections.unmodifiableMap(new EnumMap<>(b.uses));
    }

    /** Declares a setting; the file of its scope lists it in its {@code ALL}, which {@link Settings} registers. */
    public static <T> Builder<T> builder(String name, Scope scope, ValueType<T> type) {
        return new Builder<>(name, scope, type);
    }

    /** The job argument's key, without dashes ({@code max_rejected_fraction}). */
    public String name() {
        return name;
    }

    /** As given on a command line: {@code --max_rejected_fraction}. */
    public String flag() {
        return "--" + name;
    }

    public Scope scope() {
        return scope;
    }

    public ValueType<T> type() {
        return type;
    }

    /** The value a job uses when the argument is absent (empty when there is none). */
    public Optional<T> defaultValue() {
        return byDefault.onJob();
    }

    /** The value a deployment uses when {@code cdk.json} does not set it (empty when there is none). */
    public Optional<T> deploymentDefault() {
        return byDefault.onDeployment();
    }

    /** The default as the help shows it: the value, or words for a default derived from other settings. */
    public Optional<String> defaultText() {
        return byDefault.text(type);
    }

    public String help() {
        return help;
    }

    /** The help line as one job reads the setting. */
    public String help(JobKind job) {
        Use u = uses.get(job);
        return u != null && u.help() != null ? u.help() : help;
    }

    /** The {@code cdk.json} context key ({@code bankml:maxRejectedFraction}), when a deployment sets it. */
    public Optional<String> contextKey() {
        return Optional.ofNullable(contextKey).map(k -> Settings.CONTEXT_PREFIX + k);
    }

    /**
     * Whether a deployed job's runs may not change it: the deployment puts it in the job's
     * NonOverridableArguments, and a job on Glue refuses a run that tries. True for the wiring (where a
     * job reads and writes, the region it runs in) and for the deployment settings that decide where
     * its metrics go; the others (label, tuning, limits) stay a run's to change.
     */
    public boolean fixedForRuns() {
        return fixedForRuns;
    }

    /** The jobs that read this setting. */
    public Set<JobKind> readers() {
        return uses.keySet();
    }

    public boolean readBy(JobKind job) {
        return uses.containsKey(job);
    }

    public boolean requiredBy(JobKind job) {
        Use u = uses.get(job);
        return u != null && u.required();
    }

    /**
     * The value of {@code text}.
     *
     * @throws InvalidSettingException naming this setting, the text and what is expected
     */
    public T parse(String text) {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(this, text, e.getMessage());
        }
    }

    /** The canonical text of a value, as a job argument carries it. */
    public String format(T value) {
        return type.format(value);
    }

    @SuppressWarnings("unchecked")
    String formatObject(Object value) {
        return type.format((T) value);
    }

    @Override
    public String toString() {
        return flag();
    }

    /** Declares a setting: one call per property, each at most once. */
    public static final class Builder<T> {
        private final String name;
        private final Scope scope;
        private final ValueType<T> type;
        private Default<T> byDefault = Default.none();
        private String help = "";
        private String contextKey;
        private boolean fixedForRuns;
        private final Map<JobKind, Use> uses = new EnumMap<>(JobKind.class);

        private Builder(String name, Scope scope, ValueType<T> type) {
            this.name = name;
            this.scope = scope;
            this.type = type;
        }

        /** The same default wherever the job runs. */
        public Builder<T> byDefault(T value) {
            return byDefault(Default.of(value));
        }

        /** The default, when it is more than one value (see {@link Default}). */
        public Builder<T> byDefault(Default<T> value) {
            this.byDefault = value;
            return this;
        }

        public Builder<T> help(String line) {
            this.help = line;
            return this;
        }

        /** The {@code cdk.json} key, without the {@code bankml:} prefix. */
        public Builder<T> deployedAs(String key) {
            this.contextKey = key;
            return this;
        }

        /** A deployment setting a job run may not override (see {@link Setting#fixedForRuns()}). */
        public Builder<T> fixedForRuns() {
            this.fixedForRuns = true;
            return this;
        }

        /** These jobs read it, with its own help line. */
        public Builder<T> readBy(JobKind... jobs) {
            for (JobKind j : jobs) {
                use(j, new Use(false, null));
            }
            return this;
        }

        /** This job reads it, with a help line of its own. */
        public Builder<T> readBy(JobKind job, String jobHelp) {
            return use(job, new Use(false, jobHelp));
        }

        /** This job cannot run without it ({@code jobHelp} null: the setting's own help line). */
        public Builder<T> requiredBy(JobKind job, String jobHelp) {
            return use(job, new Use(true, jobHelp));
        }

        private Builder<T> use(JobKind job, Use use) {
            if (uses.putIfAbsent(job, use) != null) {
                throw new IllegalStateException("setting --" + name + " says twice how " + job + " reads it");
            }
            return this;
        }

        public Setting<T> build() {
            return new Setting<>(this);
        }
    }
}
