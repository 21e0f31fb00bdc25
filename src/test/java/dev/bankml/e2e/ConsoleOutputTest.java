package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.bankml.jobs.testing.TestSpark;

/**
 * What a person sees when a command fails: the cause in one line and what to look at, never a
 * stack trace (that goes to the log file). {@code bin/pipeline}'s own java command, in a process
 * of its own, so the console is the real one.
 */
class ConsoleOutputTest {

    /** What a command printed and how it ended. */
    private record Run(int exitCode, String console, Path log) {
    }

    /** {@code bin/pipeline}'s java command with {@code args}, in a process of its own, logging under {@code work}. */
    private static Run pipeline(Path work, String... args) throws Exception {
        Path log = work.resolve("bankml.log");
        Path root = TestSpark.projectRoot();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("bankml.spark.jvm.flags", "").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + work,
                "-Dbankml.project.root=" + root, "-Dbankml.log.file=" + log,
                "-cp", root.resolve("local-runner/target/classes") + ":"
                        + Files.readString(root.resolve("local-runner/target/classpath.txt")).strip(),
                "dev.bankml.local.LocalRunner"));
        cmd.addAll(List.of(args));
        Path console = work.resolve("console.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "finished");
        return new Run(p.exitValue(), Files.readString(console), log);
    }

    @Test
    void aStorageFailureIsOneLineOnTheConsoleAndAStackTraceInTheLog() throws Exception {
        Path work = TestSpark.workDir("console");
        Path notAFolder = work.resolve("not-a-folder");
        Files.writeString(notAFolder, "a regular file");
        Run run = pipeline(work, "clean", "--warehouse", work.resolve("wh").toString(), "--target_path",
                notAFolder.toString());
        String out = run.console();
        Path log = run.log();

        assertEquals(1, run.exitCode(), out);
        assertTrue(out.contains("FAILED: cannot write"), out);
        assertTrue(out.contains("not-a-folder"), "names the path at fault: " + out);
        assertTrue(out.contains("stack trace in " + log), "says where the details are: " + out);
        assertFalse(out.contains("\tat "), "no stack trace on the console:\n" + out);
        String logged = Files.readString(log);
        assertTrue(logged.contains("\tat "), "the stack trace is in the log");
    }

    /** A warehouse whose champion pointer names run r1's xgboost model: no model folder, or one with an empty metadata folder. */
    private static Path warehouseWithAChampion(Path work, boolean emptyModelMetadata) throws Exception {
        Path label = work.resolve("wh/artifacts/models/deposit");
        Files.createDirectories(label);
        Files.writeString(label.resolve("champion.json"), "{\"run_id\": \"r1\", \"label\": \"deposit\", \"model\": "
                + "\"xgboost\", \"model_dir\": \"runs/r1/xgboost\", \"score_type\": \"probability\", \"threshold\": 0.5, "
                + "\"features\": [\"age\"], \"excluded_features\": [], \"test_auc_roc\": 0.9, \"test_auc_pr\": 0.8, "
                + "\"validation_auc_pr\": 0.8, \"created_at\": \"2026-01-01T00:00:00Z\"}");
        if (emptyModelMetadata) {
            Files.createDirectories(label.resolve("runs/r1/xgboost/metadata"));
        }
        Path customers = work.resolve("customers.csv");
        Files.write(customers, Files.readAllLines(TestSpark.projectRoot().resolve("data/sample/bank.csv")).subList(0, 21));
        return customers;
    }

    @Test
    void scoringWithAMissingChampionModelNamesItAndWhatToDoWithoutAStackTrace() throws Exception {
        Path work = TestSpark.workDir("console-missing-model");
        Path customers = warehouseWithAChampion(work, false);
        Run run = pipeline(work, "score", "--warehouse", work.resolve("wh").toString(), "--input", customers.toString());
        assertEquals(1, run.exitCode(), run.console());
        assertTrue(run.console().contains("FAILED: the champion of label 'deposit'"), run.console());
        assertTrue(run.console().contains("model xgboost of training run r1, is missing"), run.console());
        assertTrue(run.console().contains("Train again to save and promote a new champion, or score with another "
                + "run's model: --model_run RUN_ID"), run.console());
        assertFalse(run.console().contains("\tat "), "no stack trace on the console:\n" + run.console());
        assertTrue(run.console().lines().count() < 10, run.console());
    }

    @Test
    void aLibraryThatLogsAStackTraceInItsMessageStaysOffTheConsole() throws Exception {
        // The model folder exists but holds nothing: MLlib's loader fails inside, and its Instrumentation
        // logger writes the whole stack trace as an ERROR message before the exception reaches us.
        Path work = TestSpark.workDir("console-broken-model");
        Path customers = warehouseWithAChampion(work, true);
        Run run = pipeline(work, "score", "--warehouse", work.resolve("wh").toString(), "--input", customers.toString());
        assertEquals(1, run.exitCode(), run.console());
        assertTrue(run.console().contains("FAILED: "), run.console());
        assertFalse(run.console().contains("\tat "), "no stack trace on the console:\n" + run.console());
        assertFalse(run.console().contains("Instrumentation"), run.console());
        assertTrue(Files.readString(run.log()).contains("Instrumentation"), "the library's message is in the log");
    }
}
