package dev.bankml.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a {@code bin/pipeline} command inside this JVM and captures what it prints (for tests and embedding). */
public final class PipelineCommand {
    private PipelineCommand() {
    }

    /**
     * @param status the exit status {@code bin/pipeline} would return (0 ok, 1 failed, 2 bad usage, 3 a
     *               delivery refused, 4 another cycle holds the warehouse)
     * @param output what it printed, standard output and error interleaved
     */
    public record Result(int status, String output) {
    }

    public static Result run(String... argv) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream both = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            int status = new LocalRunner(both, both).run(argv);
            return new Result(status, buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
