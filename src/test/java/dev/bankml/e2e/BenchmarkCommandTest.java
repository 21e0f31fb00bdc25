package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.Json;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.local.PipelineCommand;

/** {@code bin/pipeline bench}: the synthetic data is what it claims, and the results file is written. */
class BenchmarkCommandTest {

    @Test
    void generatesSeededDirtyDataAndTimesTheCleaning() throws Exception {
        Path work = TestSpark.workDir("bench");
        PipelineCommand.Result r = PipelineCommand.run("bench", "--rows", "20000", "--stages", "clean", "--work",
                work.toString());
        assertEquals(0, r.status(), r.output());
        JsonNode results = Json.read(Files.readString(work.resolve("results-20000.json")));
        JsonNode clean = results.get("stages").get(0);
        assertEquals("clean", clean.get("stage").asText());
        assertEquals(20_000, clean.get("rows").asLong());
        assertTrue(clean.get("rows_per_second").asDouble() > 0);
        JsonNode report = Json.read(Files.readString(work.resolve("rows-20000/cleaned/_reports/latest.json")));
        long rejected = report.get("rows_rejected").asLong();
        assertTrue(rejected > 50 && rejected < 200, "about 0.5% dirty lines, got " + rejected + ": " + report.get("rejected_by_reason"));
        assertEquals(20_000, report.get("rows_written").asLong() + rejected);

        // The same seed gives the same data.
        PipelineCommand.Result again = PipelineCommand.run("bench", "--rows", "20000", "--stages", "clean", "--work",
                work.toString());
        assertEquals(0, again.status(), again.output());
        JsonNode second = Json.read(Files.readString(work.resolve("rows-20000/cleaned/_reports/latest.json")));
        assertEquals(report.get("rejected_by_reason"), second.get("rejected_by_reason"));
    }
}
