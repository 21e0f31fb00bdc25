package dev.bankml.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.workflow.settings.ApprovalSettings;
import dev.bankml.workflow.settings.CommandLineSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.InvalidSettingException;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.Setting.Scope;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.Usage;

/**
 * The options of each {@code bin/pipeline} command, derived from the declarations in {@link Settings}:
 * which settings a command takes, their help lines, and the check that every option given is one of
 * them with a valid value (a misspelt option is refused, not ignored).
 */
final class RunnerOptions {
    private RunnerOptions() {
    }

    /** What {@code bin/pipeline run} takes: the runner's own options, every deployment setting, the run's. */
    static List<Setting<?>> ofRun() {
        List<Setting<?>> out = new ArrayList<>(List.of(RunnerSettings.INPUT, RunnerSettings.LEADS_SHARE,
                RunnerSettings.WAREHOUSE, RunSettings.RUN_ID));
        out.addAll(Settings.ofScope(Scope.DEPLOYMENT));
        out.addAll(Settings.ofScope(Scope.LOCAL));
        out.addAll(List.of(RunnerSettings.S3_BUCKET, CommandLineSettings.VERBOSE));
        return out;
    }

    /** What {@code bin/pipeline cycle} takes: the warehouse, the deployment settings, the run's options. */
    static List<Setting<?>> ofCycle() {
        List<Setting<?>> out = new ArrayList<>(List.of(RunnerSettings.WAREHOUSE, RunSettings.RUN_ID, RunSettings.RETRAIN,
                RunSettings.REPROCESS));
        out.addAll(Settings.ofScope(Scope.DEPLOYMENT));
        out.addAll(Settings.ofScope(Scope.LOCAL));
        out.addAll(List.of(RunnerSettings.S3_BUCKET, CommandLineSettings.VERBOSE));
        return out;
    }

    static List<Setting<?>> ofDeliver() {
        return List.of(RunnerSettings.DELIVERY_KIND, RunnerSettings.WAREHOUSE);
    }

    static List<Setting<?>> ofReplay() {
        List<Setting<?>> out = new ArrayList<>(List.of(RunnerSettings.WAREHOUSE, RunnerSettings.INPUT, RunnerSettings.REPLAY_FIRST_MONTH));
        out.addAll(Settings.ofScope(Scope.DEPLOYMENT));
        out.add(CommandLineSettings.VERBOSE);
        return out;
    }

    /** What a job subcommand takes: every setting its job reads, and the warehouse. */
    static List<Setting<?>> ofJob(JobKind job) {
        List<Setting<?>> out = new ArrayList<>(List.of(RunnerSettings.WAREHOUSE));
        Settings.readBy(job).stream().filter(s -> s.scope() != Scope.GLUE).forEach(out::add);
        out.add(CommandLineSettings.VERBOSE);
        return out;
    }

    /** What {@code bin/pipeline score} takes: the file, and what cleaning and scoring it read (paths excepted). */
    static List<Setting<?>> ofScore() {
        Set<Setting<?>> out = new LinkedHashSet<>(List.of(RunnerSettings.INPUT, RunnerSettings.WAREHOUSE, RunSettings.RUN_ID,
                RunSettings.MODEL_RUN));
        for (JobKind job : List.of(JobKind.CLEANING, JobKind.INFERENCE)) {
            Settings.readBy(job).stream().filter(s -> s.scope() == Scope.DEPLOYMENT || s.scope() == Scope.LOCAL)
                    .forEach(out::add);
        }
        out.add(CommandLineSettings.VERBOSE);
        return List.copyOf(out);
    }

    static List<Setting<?>> ofHistory() {
        return List.of(RunnerSettings.WAREHOUSE, DeploymentSettings.LABEL, RunnerSettings.HISTORY_METRIC);
    }

    /** What {@code bin/pipeline models} and {@code trace} take: the warehouse and the label. */
    static List<Setting<?>> ofModels() {
        return List.of(RunnerSettings.WAREHOUSE, DeploymentSettings.LABEL, CommandLineSettings.VERBOSE);
    }

    /** What {@code bin/pipeline approve} and {@code reject} take: the warehouse, the label, who and why. */
    static List<Setting<?>> ofDecision() {
        return List.of(RunnerSettings.WAREHOUSE, DeploymentSettings.LABEL, ApprovalSettings.BY, ApprovalSettings.REASON,
                CommandLineSettings.VERBOSE);
    }

    static List<Setting<?>> ofSql() {
        return List.of(RunnerSettings.WAREHOUSE, DeploymentSettings.DATABASE_NAME, CommandLineSettings.VERBOSE);
    }

    static List<Setting<?>> ofBench() {
        return List.of(RunnerSettings.BENCH_ROWS, RunnerSettings.BENCH_STAGES, RunnerSettings.BENCH_REPEAT, TrainingSettings.TUNING,
                TrainingSettings.MODELS, TrainingSettings.SEED, RunnerSettings.BENCH_WORK, RunnerSettings.INPUT);
    }

    /**
     * Checks that every option given is one of {@code allowed} with a value it accepts.
     *
     * @throws JobConfigurationException naming the option and what the command takes, or what is expected
     */
    static void check(String command, GlueArgs given, List<Setting<?>> allowed) {
        Set<String> names = new LinkedHashSet<>();
        allowed.forEach(s -> names.add(s.name()));
        names.add(CommandLineSettings.HELP.name());
        for (String key : given.keys()) {
            if (!names.contains(key)) {
                throw new JobConfigurationException("bin/pipeline " + command + " has no option --" + key
                        + "; it takes " + allowed.stream().map(Setting::flag).toList());
            }
        }
        for (Setting<?> s : allowed) {
            if (s.type().metavar().equals("true|false") && given.flagged(s) && !given.has(s)) {
                continue; // a bare --verbose
            }
            given.find(s);
        }
    }

    /**
     * The deployment settings given among the options (the rest keep their defaults).
     *
     * @throws JobConfigurationException for a value a setting refuses, or settings that cannot go together
     */
    static SettingValues deploymentValues(GlueArgs given) {
        SettingValues values;
        try {
            values = SettingValues.parse(given.asMap(), List.of(Scope.DEPLOYMENT), SettingValues.Defaults.JOB);
        } catch (InvalidSettingException e) {
            throw new JobConfigurationException(e.getMessage());
        }
        List<Settings.Conflict> conflicts = Settings.conflicts(values);
        if (!conflicts.isEmpty()) {
            throw new JobConfigurationException(conflicts.get(0).message());
        }
        return values;
    }

    /** The run-scoped and local-only options given ({@code --run_id}, {@code --s3_endpoint}...), as job arguments. */
    static Map<String, String> runArguments(GlueArgs given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting<?> s : Settings.all()) {
            if ((s.scope() == Scope.RUN || s.scope() == Scope.LOCAL) && given.has(s)) {
                out.put(s.name(), given.asMap().get(s.name()).strip());
            }
        }
        return out;
    }

    /** Option lines for a command's help. */
    static String help(List<Setting<?>> options) {
        return Usage.lines(options);
    }
}
