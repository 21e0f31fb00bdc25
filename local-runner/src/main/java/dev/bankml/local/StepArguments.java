package dev.bankml.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.Settings;

/**
 * The arguments a command gives one job: the workflow's arguments for its step (what the deployed
 * workflow gives it), changed by name where the command runs the job differently ({@link #set},
 * {@link #remove}), then the options the person gave that the job reads ({@link #withOptions}).
 */
final class StepArguments {
    private final JobKind job;
    private final Map<String, String> values;

    private StepArguments(JobKind job, Map<String, String> values) {
        this.job = job;
        this.values = values;
    }

    /** The step's arguments in the workflow. */
    static StepArguments of(WorkflowDefinition wf, String step) {
        return of(wf.step(step));
    }

    /** A job step's arguments (one outside the cycle's graph too: {@link WorkflowDefinition#approval()}). */
    static StepArguments of(Step step) {
        Step.Job s = step.job().orElseThrow();
        return new StepArguments(s.kind(), new LinkedHashMap<>(s.arguments()));
    }

    /** The setting with this value (its text, as a job argument carries it). */
    StepArguments set(Setting<?> setting, String text) {
        values.put(setting.name(), text);
        return this;
    }

    /** Without these settings: the job takes its own default or does without. */
    StepArguments remove(Setting<?>... settings) {
        for (Setting<?> s : settings) {
            values.remove(s.name());
        }
        return this;
    }

    /** With every option of {@code given} that the job reads. */
    StepArguments withOptions(GlueArgs given) {
        return withOptions(given, s -> true);
    }

    /** With the options of {@code given} that the job reads and {@code keep} accepts. */
    StepArguments withOptions(GlueArgs given, Predicate<Setting<?>> keep) {
        given.asMap().forEach((k, v) -> Settings.named(k).filter(s -> s.readBy(job)).filter(keep)
                .ifPresent(s -> values.put(k, v)));
        return this;
    }

    GlueArgs args() {
        return GlueArgs.of(values);
    }
}
