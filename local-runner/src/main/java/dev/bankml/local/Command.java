package dev.bankml.local;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.bankml.workflow.settings.Setting;

/**
 * One command of {@code bin/pipeline}, declared once: its name, what it takes after the options, a
 * summary for the usage text, its options, and its handler. The usage text, each command's
 * {@code --help}, the option check and the dispatch are all read from it.
 *
 * @param name     the word after {@code bin/pipeline}
 * @param operands what follows the options ({@code FILE...}), or empty when it takes none
 * @param summary  one or two lines for the usage text
 * @param options  the options it takes (a misspelt one is refused)
 * @param handler  what it does
 * @param ownHelp  its {@code --help} when that is not the summary and options (a job's own usage)
 */
record Command(String name, String operands, String summary, List<Setting<?>> options, Handler handler,
               Optional<Supplier<String>> ownHelp) {

    /**
     * What a command does with its invocation; returns the exit status (0 ok, 1 failed, 2 bad usage, 3 a
     * delivery refused by the cycle's cleaning, 4 another cycle holds the warehouse).
     */
    @FunctionalInterface
    interface Handler {
        int run(Console console, Invocation invocation) throws Exception;
    }

    /** Where a command prints: what a person reads, and the errors. */
    record Console(PrintStream out, PrintStream err) {
    }

    static Command of(String name, String summary, List<Setting<?>> options, Handler handler) {
        return new Command(name, "", summary, options, handler, Optional.empty());
    }

    Command withOperands(String words) {
        return new Command(name, words, summary, options, handler, ownHelp);
    }

    Command withHelp(Supplier<String> help) {
        return new Command(name, operands, summary, options, handler, Optional.of(help));
    }

    boolean takesOperands() {
        return !operands.isEmpty();
    }

    /** "bin/pipeline deliver [options] FILE..." */
    String synopsis() {
        return "bin/pipeline " + name + " [options]" + (operands.isEmpty() ? "" : " " + operands);
    }

    /** The command's {@code --help}. */
    String help() {
        return ownHelp.map(Supplier::get).orElseGet(() -> synopsis() + "\n" + summary.strip() + "\n"
                + RunnerOptions.help(options));
    }
}
