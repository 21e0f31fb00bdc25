package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.APPROVAL;
import static dev.bankml.workflow.settings.JobKind.CLEANING;
import static dev.bankml.workflow.settings.JobKind.INFERENCE;
import static dev.bankml.workflow.settings.JobKind.MONITORING;
import static dev.bankml.workflow.settings.JobKind.TRAINING;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * Given when a run starts, never part of a deployment. Scope {@link Setting.Scope#RUN}.
 */
public final class RunSettings {
    private RunSettings() {
    }

    private static final String RUN_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    private static final String RUN_ID_WORDS = "up to 64 letters, digits, '_', '.' or '-'";

    public static final Setting<String> RUN_ID = Setting.builder("run_id", Scope.RUN,
                    ValueType.text(RUN_ID_PATTERN, false, RUN_ID_WORDS, "ID"))
            .byDefault(Default.derived("a new id: the UTC start time and 6 random hex digits"))
            .help("run identifier (reports, staging folders, metrics, model folders)")
            .readBy(CLEANING, TRAINING, INFERENCE, MONITORING, APPROVAL)
            .build();
    public static final Setting<String> MODEL_RUN = Setting.builder("model_run", Scope.RUN,
                    ValueType.text(RUN_ID_PATTERN, false, RUN_ID_WORDS, "RUN_ID"))
            .help("score with the model saved by that training run instead of the champion (the approved version "
                    + "only: a candidate, rejected or retired version never writes the contact list)")
            .readBy(INFERENCE)
            .requiredBy(APPROVAL, "the model version to decide about: the training run that saved it")
            .build();
    public static final Setting<String> REPROCESS = Setting.builder("reprocess", Scope.RUN,
                    ValueType.text("(?s).*\\S.*", false, "all, or a delivery's file name or location", "all|FILE"))
            .help("clean again, on purpose, every delivery (all) or the named one, although the ledger has it")
            .readBy(CLEANING)
            .build();
    public static final Setting<Boolean> RETRAIN = Setting.builder("retrain", Scope.RUN, ValueType.bool())
            .byDefault(false)
            .help("train in this run whatever the retraining policy says")
            .readBy(TRAINING)
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(RUN_ID, MODEL_RUN, REPROCESS, RETRAIN);
}
