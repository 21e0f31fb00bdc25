package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.CLEANING;
import static dev.bankml.workflow.settings.JobKind.INFERENCE;
import static dev.bankml.workflow.settings.JobKind.MONITORING;
import static dev.bankml.workflow.settings.JobKind.TRAINING;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * What AWS Glue itself passes when it starts a job run. Scope {@link Setting.Scope#GLUE}.
 */
public final class GlueSettings {
    private GlueSettings() {
    }

    private static ValueType<String> glueText() {
        return ValueType.text("(?s).*\\S.*", false, "a value", "VALUE");
    }

    public static final Setting<String> JOB_NAME = Setting.builder("JOB_NAME", Scope.GLUE, glueText())
            .help("the Glue job's name").build();
    /** Present only when AWS Glue runs the job: the jobs tell Glue from a laptop by it. */
    public static final Setting<String> JOB_RUN_ID = Setting.builder("JOB_RUN_ID", Scope.GLUE, glueText())
            .help("the Glue job run's id").build();
    /** The workflow run a job run belongs to: a cycle's identity in the monitoring history. */
    public static final Setting<String> WORKFLOW_RUN_ID = Setting.builder("WORKFLOW_RUN_ID", Scope.GLUE,
                    glueText())
            .help("the Glue workflow run's id")
            .readBy(CLEANING, MONITORING, TRAINING, INFERENCE).build();
    public static final Setting<String> TEMP_DIR = Setting.builder("TempDir", Scope.GLUE, ValueType.path())
            .help("Glue's temporary folder (shared storage for model checkpoints)")
            .readBy(TRAINING).build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(JOB_NAME, JOB_RUN_ID, WORKFLOW_RUN_ID, TEMP_DIR);
}
