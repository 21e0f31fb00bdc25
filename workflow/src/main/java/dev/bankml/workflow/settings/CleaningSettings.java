package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.CLEANING;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * The cleaning job's limits and policies, one value per deployment. Scope
 * {@link Setting.Scope#DEPLOYMENT}.
 */
public final class CleaningSettings {
    private CleaningSettings() {
    }

    public static final Setting<Double> MAX_REJECTED_FRACTION = Setting.builder("max_rejected_fraction",
                    Scope.DEPLOYMENT, ValueType.decimal(0, true, 1))
            .byDefault(0.05)
            .help("publish nothing when more than this share of the rows is rejected")
            .deployedAs("maxRejectedFraction")
            .readBy(CLEANING)
            .build();
    public static final Setting<Double> MAX_PARTITION_SHRINK = Setting.builder("max_partition_shrink",
                    Scope.DEPLOYMENT, ValueType.decimal(0, true, 1))
            .byDefault(0.5)
            .help("refuse to publish when a re-delivered file would remove more than this share of its "
                    + "partition's rows (1 allows anything)")
            .deployedAs("maxPartitionShrink")
            .readBy(CLEANING)
            .build();
    public static final Setting<String> DUPLICATES = Setting.builder("duplicates", Scope.DEPLOYMENT,
                    ValueType.choice(List.of("quarantine", "keep")))
            .byDefault("quarantine")
            .help("what to do with a record repeated within its file, or already published by an earlier "
                    + "delivery of its kind: quarantine it (DUPLICATE_RECORD, DUPLICATE_ACROSS_DELIVERIES) or keep it")
            .deployedAs("duplicates")
            .readBy(CLEANING)
            .build();
    public static final Setting<String> ENCODING = Setting.builder("encoding", Scope.DEPLOYMENT,
                    ValueType.asciiCompatibleEncoding())
            .byDefault("UTF-8")
            .help("the files' character encoding (e.g. windows-1252); lines not valid in it are quarantined")
            .deployedAs("encoding")
            .readBy(CLEANING)
            .build();

    public static final Setting<String> LEADS_WITH_LABELS = Setting.builder("leads_with_labels", Scope.DEPLOYMENT,
                    ValueType.choice(List.of("refuse", "outcomes")))
            .byDefault("refuse")
            .help("a lead delivery whose rows carry the label: refuse it (deliver it as outcomes instead), or clean "
                    + "every lead file whose header names the label as outcomes")
            .deployedAs("leadsWithLabels")
            .readBy(CLEANING)
            .build();
    public static final Setting<Boolean> HOLD_INCOMPLETE = Setting.builder("hold_incomplete", Scope.DEPLOYMENT,
                    ValueType.bool())
            .byDefault(false)
            .help("hold back a new delivery that looks incomplete (no line end after its last line, or its size "
                    + "changed while it was read) until a later cycle; false only reports it")
            .deployedAs("holdIncomplete")
            .readBy(CLEANING)
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(MAX_REJECTED_FRACTION, MAX_PARTITION_SHRINK, DUPLICATES, ENCODING,
            LEADS_WITH_LABELS, HOLD_INCOMPLETE);
}
