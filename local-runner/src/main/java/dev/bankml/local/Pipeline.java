package dev.bankml.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

import dev.bankml.cleaning.CleaningJob;
import dev.bankml.cleaning.CleaningReport;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.workflow.Arg;
import dev.bankml.workflow.StorageLayout;

/**
 * {@code bin/pipeline}: the jobs on a laptop, in one local Spark session. Each subcommand takes the
 * same Glue-style arguments as the job it runs, with defaults that point at the sample data and a
 * local warehouse laid out like the deployed buckets.
 */
public final class Pipeline {
    static final String DEFAULT_INPUT = "data/sample/bank.csv";
    static final String DEFAULT_WAREHOUSE = "warehouse";

    static final String USAGE = """
            Usage: bin/pipeline <command> [--key value ...]

            Commands:
              clean   run the cleaning job (Glue job 1) locally
                      default: --source_path data/sample/bank.csv into the local warehouse
                      any cleaning-job argument may be given (bin/pipeline clean --help lists them)
              help    this text

            Common options:
              --warehouse DIR      local folder laid out like the buckets (default ./warehouse)
            """;

    private final PrintStream out;

    Pipeline(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] argv) {
        int status = new Pipeline(System.out).run(argv);
        System.exit(status);
    }

    /** Runs one command; returns the process exit status (0 ok, 1 failed, 2 bad usage). */
    int run(String[] argv) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help") || argv[0].equals("-h")) {
            out.print(USAGE);
            return argv.length == 0 ? 2 : 0;
        }
        String command = argv[0];
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        try {
            GlueArgs args = GlueArgs.parse(rest);
            return switch (command) {
                case "clean" -> clean(args);
                case "train" -> train(args);
                default -> {
                    System.err.println("ERROR: unknown command '" + command + "'\n");
                    out.print(USAGE);
                    yield 2;
                }
            };
        } catch (JobConfigurationException e) {
            System.err.println("ERROR: " + e.getMessage());
            return 2;
        } catch (JobFailedException e) {
            System.err.println("FAILED: " + e.getMessage());
            return 1;
        }
    }

    private int train(GlueArgs given) {
        if (given.keys().contains("help")) {
            out.println(dev.bankml.training.TrainingConfig.USAGE);
            return 0;
        }
        String warehouse = Path.of(given.string("warehouse", DEFAULT_WAREHOUSE)).toAbsolutePath().toString();
        StorageLayout layout = StorageLayout.underOneRoot(warehouse);
        Map<String, String> args = new LinkedHashMap<>();
        if (!given.has(Arg.SOURCE_TABLE)) {
            args.put(Arg.SOURCE_PATH, layout.cleanedTable());
        }
        args.put(Arg.MODEL_PATH, layout.models());
        args.put(Arg.METRICS_PATH, layout.metrics());
        args.put(Arg.PREDICTIONS_PATH, layout.testPredictions());
        args.put(Arg.CLEANING_REPORT, layout.latestCleaningReport());
        args.putAll(given.asMap());
        SparkSession spark = LocalSession.create(Path.of(warehouse, "_catalog"));
        dev.bankml.training.TrainingOutcome o = dev.bankml.training.TrainingJob.execute(spark, GlueArgs.of(args));
        for (dev.bankml.training.ModelMetrics m : o.metrics()) {
            out.printf("  %-24s AUC-ROC %.4f  AUC-PR %.4f  F1 %.4f  %5.1f s%s%n", m.model(), m.aucRoc(), m.aucPr(), m.f1(),
                    m.trainSeconds(), m.isChampion() ? "  champion" : "");
        }
        out.printf("Trained in %.1f s; report %s/report.html%n", o.seconds(), o.runDir());
        return 0;
    }

    private int clean(GlueArgs given) {
        if (given.keys().contains("help")) {
            out.println(dev.bankml.cleaning.CleaningConfig.USAGE);
            return 0;
        }
        StorageLayout layout = StorageLayout.underOneRoot(Path.of(given.string("warehouse", DEFAULT_WAREHOUSE))
                .toAbsolutePath().toString());
        Map<String, String> args = new LinkedHashMap<>();
        args.put(Arg.SOURCE_PATH, DEFAULT_INPUT);
        args.put(Arg.TARGET_PATH, layout.cleanedTable());
        args.put(Arg.REJECTED_PATH, layout.quarantine());
        args.put(Arg.REPORT_PATH, layout.cleaningReports());
        args.putAll(given.asMap());
        GlueArgs effective = GlueArgs.of(args);
        long t0 = System.nanoTime();
        SparkSession spark = LocalSession.create(Path.of(given.string("warehouse", DEFAULT_WAREHOUSE), "_catalog"));
        CleaningReport r = CleaningJob.execute(spark, effective);
        out.printf("Cleaned %,d of %,d rows (%,d quarantined%s) in %.1f s%n", r.rowsWritten(), r.rowsRead(),
                r.rowsRejected(), r.rejectedByReason().isEmpty() ? "" : ": " + r.rejectedByReason(),
                (System.nanoTime() - t0) / 1e9);
        out.printf("  cleaned:    %s%n  quarantine: %s%n  report:     %s%n", r.targetPath(), r.rejectedPath(),
                effective.string(Arg.REPORT_PATH, ""));
        return 0;
    }
}
