package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.Json;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.local.PipelineCommand;

/**
 * {@code bin/pipeline bench}: the synthetic data is what it claims, and the cleaning job is timed
 * against the bare Spark conversion of the same file, in processes of their own, in the same run.
 */
class BenchmarkCommandTest {

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void timesTheCleaningJobNextToTheBareConversionOfTheSameSeededFile() throws Exception {
        Path work = TestSpark.workDir("bench");
        PipelineCommand.Result r = PipelineCommand.run("bench", "--rows", "20000", "--stages", "clean", "--repeat", "1",
                "--work", work.toString());
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("ratio clean / bare:"), r.output());
        JsonNode results = Json.read(Files.readString(work.resolve("results-20000.json")));
        JsonNode clean = results.get("clean");
        assertTrue(clean.get("clean_median").get("seconds").asDouble() > 0);
        assertTrue(clean.get("bare_median").get("seconds").asDouble() > 0);
        assertTrue(clean.get("clean_median").get("peak_rss_mb").asLong() > 100, "the child's own memory was sampled");
        assertEquals(clean.get("clean_median").get("seconds").asDouble() / clean.get("bare_median").get("seconds").asDouble(),
                clean.get("ratio").asDouble(), 1e-9);
        Path bare = work.resolve("rows-20000/bare");
        assertEquals(20_000, TestSpark.session().read().parquet(bare.toString()).count(), "the yardstick did the I/O");

        JsonNode report = Json.read(Files.readString(work.resolve("rows-20000/clean/reports/latest.json")));
        long rejected = report.get("rows_rejected").asLong();
        assertTrue(rejected > 50 && rejected < 200, "about 0.5% dirty lines, got " + rejected + ": " + report.get("rejected_by_reason"));
        assertEquals(20_000, report.get("rows_written").asLong() + rejected);

        // The same seed gives the same file.
        Path csv = work.resolve("rows-20000/raw/bank.csv");
        String first = sha256(csv);
        PipelineCommand.Result again = PipelineCommand.run("bench", "--rows", "20000", "--stages", "generate",
                "--work", work.toString());
        assertEquals(0, again.status(), again.output());
        assertEquals(first, sha256(csv));
    }
}
