package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.Json;
import dev.bankml.jobs.testing.S3TestServer;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.local.PipelineCommand;

/**
 * {@code bin/pipeline run --s3_endpoint ...}: the whole workflow against a real S3 API server in this JVM.
 * It must be the first class of its test JVM to use the catalog: the embedded Hive metastore keeps the
 * Hadoop settings it started with, and without the S3 keys it cannot add the cleaned table's s3a://
 * partitions (a user's {@code bin/pipeline} is a JVM of its own). The end-to-end module's run order
 * (reverse alphabetical) gives it that place, after two classes that use no Spark.
 */
class S3WorkflowTest {
    private static S3TestServer s3;

    @BeforeAll
    static void start() {
        s3 = S3TestServer.start();
        s3.createBucket("bankml-e2e");
    }

    @AfterAll
    static void stop() {
        s3.close();
        TestSpark.session().sparkContext().hadoopConfiguration().unset("fs.s3a.endpoint");
    }

    @Test
    void runsTheWholeWorkflowOnS3() {
        PipelineCommand.Result r = PipelineCommand.run("run", "--warehouse", TestSpark.workDir("s3-wh").toString(),
                "--s3_endpoint", s3.endpoint().toString(), "--s3_bucket", "bankml-e2e",
                "--s3_access_key", S3TestServer.ACCESS_KEY, "--s3_secret_key", S3TestServer.SECRET_KEY,
                "--tuning", "fast", "--models", "nb", "--run_id", "s3e2e");
        assertEquals(0, r.status(), r.output());
        List<String> keys = s3.keys("bankml-e2e", "");
        assertTrue(keys.contains("raw/outcomes/bank.csv"), keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.matches("cleaned/outcomes/batch_id=[a-z0-9_]*bank_csv-[0-9a-f]{8}/part-.*\\.parquet")),
                keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.matches("cleaned/ledger/batch_id=[a-z0-9_]*bank_csv-[0-9a-f]{8}/delivery\\.json")),
                "the ledger entry is published with the partition, on S3 too: " + keys);
        // The training job's outputs, each on S3 (the model's stages, the pointer, metrics, report, test predictions).
        assertTrue(keys.contains("artifacts/models/deposit/champion.json"), keys.toString());
        assertEquals("naive_bayes", Json.read(s3.read("bankml-e2e", "artifacts/models/deposit/champion.json"))
                .get("model").asText());
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("artifacts/models/deposit/runs/s3e2e/naive_bayes/stages/")),
                keys.toString());
        assertTrue(keys.contains("artifacts/metrics/deposit/runs/s3e2e/metrics.json"), keys.toString());
        assertTrue(keys.contains("artifacts/metrics/deposit/runs/s3e2e/report.html"), keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("artifacts/predictions/test/label=deposit/run_id=s3e2e/part-")),
                keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.matches("artifacts/predictions/scored/label=deposit/batch_id=[a-z0-9_]*"
                + "leads[a-z0-9_]*-[0-9a-f]{8}/part-.*\\.parquet")), "the held-back leads are scored on S3: " + keys);
        assertEquals(11_162, Json.read(s3.read("bankml-e2e", "artifacts/reports/cleaning/latest.json"))
                .get("rows_written").asLong());
        assertTrue(r.output().contains("s3a://bankml-e2e/artifacts/metrics/deposit/runs/s3e2e/report.html"), r.output());
    }
}
