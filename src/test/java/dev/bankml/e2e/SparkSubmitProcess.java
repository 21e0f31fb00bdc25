package dev.bankml.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.bankml.jobs.testing.TestSpark;

/**
 * Runs a job jar the way a cluster does: a new JVM whose main class is Spark's own
 * {@code org.apache.spark.deploy.SparkSubmit}, with Spark's jars on the classpath and the job's
 * code only in the jar handed to it (our modules' classes are filtered out of the classpath).
 */
final class SparkSubmitProcess {

    /** Exit status and the combined output of one run. */
    record Result(int exitCode, String output) {
    }

    static Path jobJar(String module) {
        Path jar = TestSpark.projectRoot().resolve(module + "/target/" + module + "-glue.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven (mvn verify) so the "
                    + "job jars are packaged first");
        }
        return jar;
    }

    static Result run(Path workDir, String mainClass, Path jar, List<String> jobArgs) throws IOException, InterruptedException {
        return run(workDir, "local[2]", mainClass, jar, jobArgs);
    }

    /** Spark's own jars, as resolved by Maven: the class path of spark-submit and of a cluster's executors. */
    static List<String> sparkJars() throws IOException {
        Path root = TestSpark.projectRoot();
        return Arrays.stream(Files.readString(root.resolve("local-runner/target/classpath.txt")).strip().split(":"))
                .filter(e -> !e.startsWith(root.toString() + "/"))
                .toList();
    }

    /**
     * A Spark home whose {@code jars/} holds the Maven-resolved Spark jars (as links), which is what a
     * {@code local-cluster} master needs to start its executor JVMs.
     */
    static Path sparkHome() throws IOException {
        Path home = TestSpark.projectRoot().resolve("src/test/target/spark-home");
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        for (String jar : sparkJars()) {
            Path link = jars.resolve(Path.of(jar).getFileName());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(link, Path.of(jar));
            }
        }
        return home;
    }

    static Result run(Path workDir, String master, String mainClass, Path jar, List<String> jobArgs)
            throws IOException, InterruptedException {
        Path root = TestSpark.projectRoot();
        String sparkClasspath = String.join(":", sparkJars());
        String jvmFlags = System.getProperty("bankml.spark.jvm.flags", "").trim();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(jvmFlags.split("\\s+")));
        // Short jobs on small data: the quick JIT tier only (the JVMs live seconds, C2 would not pay back), and
        // the serial collector (no GC threads competing for the two cores of a test machine).
        cmd.addAll(List.of("-Xmx2g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + workDir, "-cp", sparkClasspath,
                "org.apache.spark.deploy.SparkSubmit", "--master", master, "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.shuffle.partitions=4", "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.executor.extraJavaOptions=" + jvmFlags + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir="
                        + workDir,
                "--class", mainClass, jar.toString()));
        cmd.addAll(jobArgs);
        Path log = workDir.resolve("spark-submit-" + mainClass.substring(mainClass.lastIndexOf('.') + 1) + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (master.startsWith("local-cluster")) {
            pb.environment().put("SPARK_HOME", sparkHome().toString());
            pb.environment().put("SPARK_SCALA_VERSION", "2.12"); // else the launcher looks for a source build
        }
        // What Glue's environment provides to the AWS SDK: credentials and a region (here for the fake endpoint).
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_REGION", "eu-west-1");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("spark-submit did not finish in 5 minutes; see " + log);
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
