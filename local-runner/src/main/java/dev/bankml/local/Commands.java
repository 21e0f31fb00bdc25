package dev.bankml.local;

import java.util.List;
import java.util.Optional;

import dev.bankml.cleaning.CleaningJob;
import dev.bankml.training.TrainingJob;
import dev.bankml.workflow.settings.ApprovalSettings;
import dev.bankml.workflow.settings.CommandLineSettings;
import dev.bankml.workflow.settings.JobKind;

/** Every command of {@code bin/pipeline}, each declared once; the usage text is read from this table. */
final class Commands {
    private Commands() {
    }

    private static final String DECIDED_BY = ApprovalSettings.BY.flag() + " and " + ApprovalSettings.REASON.flag();

    static final List<Command> ALL = List.of(
            Command.of("run", "the demo: the sample as an outcomes delivery, then one cycle (crawl raw -> clean ->\n"
                    + "crawl cleaned -> evaluate -> train -> score), training asked for",
                    RunnerOptions.ofRun(), CycleCommands::run),
            Command.of("deliver", "deliver files to the warehouse's raw folders (the upload)",
                    RunnerOptions.ofDeliver(), CycleCommands::deliver).withOperands("FILE..."),
            Command.of("cycle", "one workflow run over the warehouse as it stands: clean the new deliveries, evaluate\n"
                    + "the champion on new outcomes, train if due, score new leads",
                    RunnerOptions.ofCycle(), CycleCommands::cycle),
            Command.of("replay", "the sample as monthly deliveries of outcomes and leads, one cycle each, with a\n"
                    + "month-by-month table (a fresh warehouse: warehouse/replay/ by default)",
                    RunnerOptions.ofReplay(), (console, in) -> new Replay(console.out()).run(in.options())),
            Command.of("clean", "the cleaning job alone (its own arguments; default: the sample into the warehouse)",
                    RunnerOptions.ofJob(JobKind.CLEANING), JobCommands::clean).withHelp(CleaningJob.JOB::usage),
            Command.of("train", "the training job alone (its own arguments; default: the warehouse's cleaned data)",
                    RunnerOptions.ofJob(JobKind.TRAINING), JobCommands::train).withHelp(TrainingJob.JOB::usage),
            Command.of("score", "clean a CSV of new customers (label optional) and score it with the latest champion;\n"
                    + "predictions go to the warehouse's predictions/scored/",
                    RunnerOptions.ofScore(), ScoreCommand::run),
            Command.of("history", "the metrics of every run in the warehouse, runs x models, then the monitoring\n"
                    + "history (a line per delivery measured, training decision, scoring and cycle)",
                    RunnerOptions.ofHistory(), HistoryCommand::run),
            Command.of("models", "the model versions of a label: status, test AUC-ROC, who approved each and when, and\n"
                    + "a challenger's side-by-side record against the champion on later outcomes",
                    RunnerOptions.ofModels(), ModelCommands::models),
            Command.of("approve", "make a model version the champion that scores leads (a retired one: a rollback),\n"
                    + "recorded with " + DECIDED_BY + "; the approval job, holding the warehouse",
                    RunnerOptions.ofDecision(), ModelCommands::approve).withOperands("RUN"),
            Command.of("reject", "turn a model version down (it never scores leads), recorded with " + DECIDED_BY,
                    RunnerOptions.ofDecision(), ModelCommands::reject).withOperands("RUN"),
            Command.of("trace", "which model version scored a customer (record_id), trained on which deliveries,\n"
                    + "approved by whom", RunnerOptions.ofModels(), TraceCommand::run).withOperands("RECORD_ID"),
            Command.of("sql", "a SQL query over the warehouse's tables, the ones analysts query with Athena on AWS\n"
                    + "(cleaned_outcomes, cleaned_leads, scored_leads, monitoring_history, metrics_history)",
                    RunnerOptions.ofSql(), SqlCommand::run).withOperands("\"QUERY\""),
            Command.of("bench", "time clean, train and score on synthetic rows shaped like the sample (clean: against\n"
                    + "the bare Spark conversion of the same file, alternated, median of the pairs)",
                    RunnerOptions.ofBench(), (console, in) -> new Benchmark(console.out()).run(in.options())));

    static Optional<Command> named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The usage text: every command with its summary ({@code --help} after a command lists its options). */
    static String usage() {
        StringBuilder b = new StringBuilder("Usage: bin/pipeline <command> [--key value ...]\n\nCommands:\n");
        for (Command c : ALL) {
            String summary = (c.takesOperands() ? c.operands() + ": " : "") + c.summary();
            b.append(String.format("  %-8s %s%n", c.name(), summary.replace("\n", "\n" + " ".repeat(11))));
        }
        b.append(String.format("  %-8s %s%n", "help", "this text"));
        b.append("\n\"bin/pipeline <command> " + CommandLineSettings.HELP.flag()
                + "\" lists a command's options (for clean and train: the job's own arguments).\n");
        b.append("Exit status: 0 done; 1 failed; 2 bad usage; 3 the cycle refused a delivery (set aside, the others "
                + "done); 4 another cycle holds the warehouse.\n");
        return b.toString();
    }
}
