package dev.bankml.workflow.settings;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * The options every command line takes, a job's {@code main} and {@code bin/pipeline} alike.
 * Scope {@link Setting.Scope#RUNNER}.
 */
public final class CommandLineSettings {
    private CommandLineSettings() {
    }

    public static final Setting<Boolean> HELP = Setting.builder("help", Scope.RUNNER, ValueType.bool())
            .byDefault(false)
            .help("print the options and stop")
            .build();
    public static final Setting<Boolean> VERBOSE = Setting.builder("verbose", Scope.RUNNER, ValueType.bool())
            .byDefault(false)
            .help("stack traces on the console")
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(HELP, VERBOSE);
}
