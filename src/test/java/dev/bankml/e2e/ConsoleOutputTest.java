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

    @Test
    void aStorageFailureIsOneLineOnTheConsoleAndAStackTraceInTheLog() throws Exception {
        Path work = TestSpark.workDir("console");
        Path notAFolder = work.resolve("not-a-folder");
        Files.writeString(notAFolder, "a regular file");
        Path log = work.resolve("bankml.log");
        Path root = TestSpark.projectRoot();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(System.getProperty("bankml.spark.jvm.flags", "").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + work,
                "-Dbankml.project.root=" + root, "-Dbankml.log.file=" + log,
                "-cp", root.resolve("local-runner/target/classes") + ":"
                        + Files.readString(root.resolve("local-runner/target/classpath.txt")).strip(),
                "dev.bankml.local.LocalRunner", "clean", "--warehouse", work.resolve("wh").toString(),
                "--target_path", notAFolder.toString()));
        Path console = work.resolve("console.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "finished");
        String out = Files.readString(console);

        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("FAILED: cannot write"), out);
        assertTrue(out.contains("not-a-folder"), "names the path at fault: " + out);
        assertTrue(out.contains("stack trace in " + log), "says where the details are: " + out);
        assertFalse(out.contains("\tat "), "no stack trace on the console:\n" + out);
        String logged = Files.readString(log);
        assertTrue(logged.contains("\tat "), "the stack trace is in the log");
    }
}
