package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class S3EndpointTest {

    @Test
    void withTheDefaultsASilentEndpointIsGivenUpOnWithinTwoMinutes() {
        Configuration hadoop = new Configuration(false);
        assertTrue(S3Endpoint.worstCaseSeconds(hadoop) > 3600, "S3A's own defaults would wait for hours");
        S3Endpoint.apply(hadoop, "http://127.0.0.1:9", "key", "secret");
        double worst = S3Endpoint.worstCaseSeconds(hadoop);
        assertTrue(worst <= 120, "worst case " + worst + " s");
        assertEquals(10_000, hadoop.getInt("fs.s3a.connection.timeout", 0));
    }

    @Test
    void aSummaryOfAnUnansweredCallNamesTheEndpoint() {
        Exception e = new java.io.UncheckedIOException("getFileStatus on s3a://raw/bank/",
                new java.io.IOException("Unable to execute HTTP request: Read timed out",
                        new java.net.SocketTimeoutException("Read timed out")));
        String s = Failures.summary(e, "http://127.0.0.1:9000");
        assertTrue(s.startsWith("the S3 endpoint http://127.0.0.1:9000 did not answer in time"), s);
        assertTrue(s.contains("s3a://raw/bank/"), s);
        assertEquals(Failures.summary(e), Failures.summary(e, null));
    }
}
