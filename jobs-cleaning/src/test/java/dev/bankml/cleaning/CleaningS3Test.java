package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.testing.S3TestServer;
import dev.bankml.jobs.testing.TestSpark;

/** The cleaning job reading and writing s3:// buckets on a real S3 API server in this JVM. */
class CleaningS3Test {
    private static S3TestServer s3;

    @BeforeAll
    static void startS3() {
        s3 = S3TestServer.start();
        s3.createBucket("raw");
        s3.createBucket("cleaned");
        s3.upload("raw", "bank/bank.csv", TestSpark.sampleCsv());
        s3.upload("raw", "bank/mixed.csv", CleaningTestRun.fixture("mixed-good-bad.csv"));
    }

    @AfterAll
    static void stopS3() {
        s3.close();
        // later tests in this JVM use local paths; keep S3A settings from leaking into them
        TestSpark.session().sparkContext().hadoopConfiguration().unset("fs.s3a.endpoint");
    }

    @Test
    void cleansFromS3ToS3() {
        List<String> argv = new ArrayList<>(List.of("--source_path", "s3://raw/bank/",
                "--target_path", "s3://cleaned/bank/", "--rejected_path", "s3://cleaned/quarantine/",
                "--JOB_NAME", "cleaning", "--TempDir", "s3://raw/tmp/"));
        argv.addAll(s3.jobArgs());
        GlueArgs args = GlueArgs.parse(argv.toArray(String[]::new));
        CleaningReport r = CleaningJob.run(TestSpark.session(), CleaningConfig.from(args));

        assertEquals("s3a://raw/bank/", r.sourcePath());
        assertEquals(11_162 + 21, r.rowsRead());
        assertEquals(11_162 + 14, r.rowsWritten());
        assertEquals(7, r.rowsRejected());
        assertEquals(11_176, TestSpark.session().read().parquet("s3a://cleaned/bank/").count());
        assertEquals(7, TestSpark.session().read().parquet("s3a://cleaned/quarantine/").count());

        List<String> keys = s3.keys("cleaned", "bank/");
        assertTrue(keys.stream().anyMatch(k -> k.matches("bank/batch_id=raw_bank_bank_csv-[0-9a-f]{8}/part-.*\\.snappy\\.parquet")), keys.toString());
        assertTrue(keys.contains("bank/_reports/latest.json"), keys.toString());
        assertEquals(11_176, Json.read(s3.read("cleaned", "bank/_reports/latest.json")).get("rows_written").asLong());
    }
}
