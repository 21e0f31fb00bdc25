package dev.bankml.cleaning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.RunStatus;
import dev.bankml.jobs.testing.TestSpark;

/** An S3 endpoint that accepts connections and never answers makes the job fail soon, saying which endpoint. */
class SilentS3EndpointTest {

    @Test
    void aSilentEndpointFailsTheRunInSecondsNamingTheEndpoint() throws Exception {
        Configuration hadoop = TestSpark.session().sparkContext().hadoopConfiguration();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept()); // read nothing, answer nothing
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String endpoint = "http://127.0.0.1:" + silent.getLocalPort();
            Path reports = TestSpark.workDir("silent-reports");
            GlueArgs args = GlueArgs.parse("--source_path", "s3://raw/bank/", "--target_path", "s3://cleaned/bank/",
                    "--rejected_path", "s3://cleaned/quarantine/", "--report_path", reports.toString(),
                    "--s3_endpoint", endpoint, "--s3_access_key", "key", "--s3_secret_key", "secret",
                    "--s3_timeout_seconds", "1");
            long t0 = System.nanoTime();
            assertThrows(RuntimeException.class, () -> CleaningJob.run(TestSpark.session(), CleaningConfig.from(args)));
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 30, "gave up after " + seconds + " s");
            assertTrue(held.size() >= 1, "the job did reach the endpoint");
            JsonNode r = Json.read(Files.readString(reports.resolve("latest.json")));
            assertEquals(RunStatus.FAILED, r.get("status").asText());
            assertTrue(r.get("message").asText().contains(endpoint), r.get("message").asText());
        } finally {
            for (Socket s : held) {
                s.close();
            }
            for (String key : List.of("fs.s3a.endpoint", "fs.s3a.connection.timeout", "fs.s3a.connection.request.timeout",
                    "fs.s3a.connection.establish.timeout", "fs.s3a.retry.limit", "fs.s3a.attempts.maximum")) {
                hadoop.unset(key);
            }
        }
    }
}
