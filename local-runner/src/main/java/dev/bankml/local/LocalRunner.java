package dev.bankml.local;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.Failures;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.WarehouseBusyException;
import dev.bankml.workflow.settings.CommandLineSettings;
import dev.bankml.workflow.settings.LocalSettings;

/**
 * {@code bin/pipeline}: the jobs on a laptop, in one local Spark session, laid out like the deployed
 * buckets under a local warehouse folder (or an S3-compatible server with {@code --s3_endpoint}).
 * Finds the command in {@link Commands}, checks its options, runs it, and turns a failure into one
 * line that says what failed and where to look (the stack trace goes to the log file).
 */
public final class LocalRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

    private final Command.Console console;

    LocalRunner(PrintStream out, PrintStream err) {
        this.console = new Command.Console(out, err);
    }

    public static void main(String[] argv) {
        System.exit(new LocalRunner(System.out, System.err).run(argv));
    }

    /**
     * Runs one command; returns the process exit status: 0 ok, 1 failed, 2 bad usage, 3 a cycle in which the
     * cleaning refused a delivery (the others were done), 4 another cycle holds the warehouse.
     */
    int run(String[] argv) {
        if (argv.length == 0 || List.of("help", CommandLineSettings.HELP.flag(), "-h").contains(argv[0])) {
            console.out().print(Commands.usage());
            return argv.length == 0 ? 2 : 0;
        }
        String name = argv[0];
        Optional<Command> command = Commands.named(name);
        if (command.isEmpty()) {
            console.err().println("ERROR: unknown command '" + name + "'\n");
            console.out().print(Commands.usage());
            return 2;
        }
        try {
            Invocation in = Invocation.parse(Arrays.copyOfRange(argv, 1, argv.length));
            if (in.options().flagged(CommandLineSettings.HELP)) {
                console.out().println(command.get().help());
                return 0;
            }
            return dispatch(command.get(), in, console);
        } catch (JobConfigurationException e) {
            console.err().println("ERROR: " + e.getMessage());
            return 2;
        } catch (WarehouseBusyException e) {
            console.err().println("BUSY: " + e.getMessage());
            return WarehouseBusyException.EXIT_STATUS;
        } catch (JobFailedException e) {
            console.err().println("FAILED: " + e.getMessage());
            return 1;
        } catch (LocalWorkflow.StepFailedException e) {
            if (e.getCause() instanceof WarehouseBusyException busy) {
                console.err().println("BUSY: step '" + e.step.id() + "': " + busy.getMessage());
                return WarehouseBusyException.EXIT_STATUS;
            }
            LOG.error("bin/pipeline {}: step {} failed", name, e.step.id(), e.getCause());
            console.err().printf("FAILED at step '%s' after %.1f s: %s%n", e.step.id(), e.seconds,
                    Failures.summary(e.getCause(), s3Endpoint(argv)));
            console.err().println("Look at: " + whatToLookAt(e));
            console.err().println("Fix the cause and run the same command again: each run starts from the input again.");
            return 1;
        } catch (Exception | Error e) { // whatever else failed: the cause in one line, the trace in the log
            LOG.error("bin/pipeline {} failed", name, e);
            console.err().println("FAILED: " + Failures.summary(e, s3Endpoint(argv)));
            console.err().println(details());
            return 1;
        }
    }

    /** Checks the options and operands against the command's declaration, then runs its handler. */
    static int dispatch(Command command, Invocation in, Command.Console console) throws Exception {
        RunnerOptions.check(command.name(), in.options(), command.options());
        if (!command.takesOperands()) {
            in.withoutOperands(command.name());
        }
        return command.handler().run(console, in);
    }

    /**
     * The arguments {@code bin/pipeline run <options>} gives each job step, by step id, read exactly as
     * the command reads them, without running anything: the deployed workflow's arguments for the same
     * settings, with the warehouse's folders for the buckets.
     */
    public static Map<String, Map<String, String>> jobArguments(String... options) {
        GlueArgs given = GlueArgs.parse(options);
        RunnerOptions.check("run", given, Commands.named("run").orElseThrow().options());
        return CycleCommands.jobArguments(given);
    }

    private static String s3Endpoint(String[] argv) {
        try {
            return Invocation.parse(Arrays.copyOfRange(argv, 1, argv.length)).options().text(LocalSettings.S3_ENDPOINT.name())
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Where the stack trace of a failure went. */
    private static String details() {
        String log = System.getProperty("bankml.log.file");
        return Boolean.getBoolean("bankml.verbose") ? "(stack trace above)"
                : "(stack trace in " + (log == null ? "the log" : log) + "; " + CommandLineSettings.VERBOSE.flag()
                        + " prints it here)";
    }

    private static String whatToLookAt(LocalWorkflow.StepFailedException e) {
        return switch (e.step.kind()) {
            case CRAWLER -> "the files under " + e.step.reads() + " " + details();
            case JOB -> e.getCause() instanceof JobConfigurationException || e.getCause() instanceof JobFailedException
                    ? "the message above (and the job's report under the warehouse's artifacts/reports/)"
                    : "the job's report under the warehouse's artifacts/reports/ and its inputs under " + e.step.reads()
                            + " " + details();
        };
    }
}
