package dev.bankml.local;

import java.util.ArrayList;
import java.util.List;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.Settings;

/**
 * A command line after the command's name: its options ({@code --key value}, {@code --key=value}, or a
 * bare {@code --flag} for a true/false option) and its operands (the files of {@code deliver}).
 *
 * @param options  the options, as a job reads its arguments
 * @param operands the words that are not options, in order
 */
record Invocation(GlueArgs options, List<String> operands) {
    Invocation {
        operands = List.copyOf(operands);
    }

    /** Options only. */
    static Invocation of(String... options) {
        return parse(options);
    }

    /**
     * Reads {@code argv}: a word after {@code --key} is its value, unless the key is a true/false
     * option and the word is neither; every other word is an operand.
     */
    static Invocation parse(String... argv) {
        List<String> options = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                operands.add(a);
                continue;
            }
            options.add(a);
            boolean takesValue = !a.contains("=") && i + 1 < argv.length && !argv[i + 1].startsWith("--")
                    && (!isFlag(a.substring(2)) || List.of("true", "false").contains(argv[i + 1].toLowerCase()));
            if (takesValue) {
                options.add(argv[++i]);
            }
        }
        return new Invocation(GlueArgs.parse(options.toArray(String[]::new)), operands);
    }

    private static boolean isFlag(String name) {
        return Settings.named(name).or(() -> RunnerSettings.named(name)).map(Setting::type)
                .filter(t -> t.metavar().equals("true|false")).isPresent();
    }

    /**
     * Refuses operands where the command takes none.
     *
     * @throws JobConfigurationException naming the first operand
     */
    Invocation withoutOperands(String command) {
        if (!operands.isEmpty()) {
            throw new JobConfigurationException("bin/pipeline " + command + " takes options only, not '"
                    + operands.get(0) + "' (options are --key value)");
        }
        return this;
    }
}
