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
            .help("what to do with a record repeated within its file")
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

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(MAX_REJECTED_FRACTION, MAX_PARTITION_SHRINK, DUPLICATES, ENCODING);
}
