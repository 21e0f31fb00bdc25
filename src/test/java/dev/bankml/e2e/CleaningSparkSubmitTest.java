package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.testing.TestSpark;

/** The packaged cleaning job jar, run through the real spark-submit entry point on the sample. */
class CleaningSparkSubmitTest {
    private static final String MAIN = "dev.bankml.cleaning.CleaningJob";

    @Test
    void cleansTheSampleAndAccountsForEveryRow() throws Exception {
        Path work = TestSpark.workDir("submit-clean");
        SparkSubmitProcess.Result r = SparkSubmitProcess.run(work, MAIN, SparkSubmitProcess.jobJar("jobs-cleaning"),
                List.of("--JOB_NAME", "bankml-cleaning", "--JOB_ID", "j_123", "--job-bookmark-option",
                        "job-bookmark-disable", "--TempDir", work.resolve("tmp").toString(),
                        "--source_path", TestSpark.sampleCsv().toString(),
                        "--target_path", work.resolve("cleaned").toString(),
                        "--rejected_path", work.resolve("quarantine").toString()));
        assertEquals(0, r.exitCode(), r.output());

        JsonNode report = Json.read(Files.readString(work.resolve("cleaned/_reports/latest.json")));
        assertEquals("SUCCEEDED", report.get("status").asText());
        assertEquals(11_163, report.get("lines_read").asLong());
        assertEquals(1, report.get("blank_or_header_lines").asLong());
        assertEquals(11_162, report.get("rows_read").asLong());
        assertEquals(11_162, report.get("rows_written").asLong() + report.get("rows_rejected").asLong());

        Dataset<Row> cleaned = TestSpark.session().read().parquet(work.resolve("cleaned").toString());
        assertEquals(11_162, cleaned.count());
        assertEquals(11_162, cleaned.select(BankSchema.RECORD_ID).distinct().count());
        assertEquals(5_289, cleaned.filter("deposit").count(), "yes labels of the sample");
        assertTrue(r.output().contains("Published 11162 cleaned rows"), r.output());
    }

    @Test
    void aMissingArgumentFailsAtOnceNamingIt() throws Exception {
        Path work = TestSpark.workDir("submit-bad");
        SparkSubmitProcess.Result r = SparkSubmitProcess.run(work, MAIN, SparkSubmitProcess.jobJar("jobs-cleaning"),
                List.of("--source_path", TestSpark.sampleCsv().toString(), "--rejected_path", work.resolve("q").toString()));
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("missing required argument --target_path"), r.output());
        assertTrue(r.output().contains("Usage") || r.output().contains("Required:"), r.output());
    }
}
