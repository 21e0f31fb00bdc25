package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bankml.jobs.testing.FakeCloudWatch;
import dev.bankml.workflow.MetricNames;

/**
 * Which region a job's metrics go to, decided the way a job decides it: in a JVM of its own whose
 * environment the test controls (the region lookup reads the process environment, the profile file
 * and the instance metadata service, none of which can be changed inside this JVM). The child runs
 * {@link Probe}, which configures metrics through {@link JobMain} exactly as the jobs' {@code main}
 * methods do, and publishes one data point to the local CloudWatch endpoint of this JVM.
 */
class PipelineMetricsRegionTest {
    @RegisterExtension
    static final FakeCloudWatch cloudWatch = FakeCloudWatch.start();

    @TempDir
    Path home;

    /** A job's configuration and one publish, in a process of its own. */
    public static final class Probe {
        public static void main(String[] argv) throws Exception {
            JobMain.run("probe", "--publish_metrics true|false [--cloudwatch_endpoint URL]", argv, args -> {
                PipelineMetrics metrics = PipelineMetrics.fromArgs(args, dev.bankml.workflow.settings.JobKind.CLEANING, "deposit");
                System.out.println("sent " + metrics.publish(PipelineMetrics.values(MetricNames.ROWS_READ, 1), true));
            });
        }
    }

    private record Run(int exitCode, String output) {
    }

    /**
     * Runs {@link Probe} with only {@code environment} (plus credentials for the local endpoint) and a
     * home folder without {@code ~/.aws/config}. The instance metadata service is switched off
     * ({@code AWS_EC2_METADATA_DISABLED}), so the outcome is the same on a laptop and on an EC2 build host.
     */
    private Run probe(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-Djava.io.tmpdir=" + home, "-cp", classpath, Probe.class.getName()));
        cmd.addAll(List.of(args));
        Path log = home.resolve("probe.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("HOME", home.toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().putAll(environment);
        Process p = pb.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the probe did not finish in 2 minutes; see " + log);
        }
        return new Run(p.exitValue(), Files.readString(log));
    }

    @Test
    void publishingWithoutARegionIsRefusedAtConfigurationTimeNamingWhatToSet() throws Exception {
        Run run = probe(Map.of(), "--publish_metrics", "true", "--cloudwatch_endpoint", cloudWatch.endpoint());
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("ERROR: probe: --publish_metrics is true but no AWS region is configured"),
                run.output());
        assertTrue(run.output().contains("Pass --aws_region (the stack does), or set AWS_REGION (or AWS_DEFAULT_REGION, "
                + "or -Daws.region=...)"), run.output());
        assertEquals(List.of(), cloudWatch.requests(), "nothing may be published to a guessed region");
    }

    @ParameterizedTest
    @CsvSource({"AWS_REGION, eu-central-1", "AWS_DEFAULT_REGION, ap-southeast-2"})
    void metricsGoToTheRegionOfTheJobsEnvironment(String variable, String region) throws Exception {
        Run run = probe(Map.of(variable, region), "--publish_metrics", "true",
                "--cloudwatch_endpoint", cloudWatch.endpoint());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("sent 2"), run.output());
        assertEquals(1, cloudWatch.requests().size());
        assertEquals(region, cloudWatch.requests().get(0).signingRegion());
    }

    /** What the deployed jobs get: the stack's region as an argument, and no region in the environment. */
    @Test
    void metricsGoToTheRegionGivenAsArgumentWithNoRegionInTheEnvironment() throws Exception {
        Run run = probe(Map.of(), "--publish_metrics", "true", "--aws_region", "eu-west-3",
                "--cloudwatch_endpoint", cloudWatch.endpoint());
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("sent 2"), run.output());
        assertEquals(1, cloudWatch.requests().size());
        assertEquals("eu-west-3", cloudWatch.requests().get(0).signingRegion());
    }

    @Test
    void theRegionArgumentComesBeforeTheEnvironments() throws Exception {
        Run run = probe(Map.of("AWS_REGION", "us-east-1"), "--publish_metrics", "true", "--aws_region", "ap-northeast-1",
                "--cloudwatch_endpoint", cloudWatch.endpoint());
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("ap-northeast-1", cloudWatch.requests().get(0).signingRegion());
    }

    @Test
    void aJobThatDoesNotPublishNeedsNoRegion() throws Exception {
        Run run = probe(Map.of(), "--publish_metrics", "false");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("sent 0"), run.output());
        assertEquals(List.of(), cloudWatch.requests());
    }
}
