package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cdk-app}, run for real on a copy of the repository's layout with {@code mvn} and {@code java}
 * replaced by scripts that write down that they ran: it builds when a source is newer than the last
 * Maven package of the cdk module, and not when Maven has just packaged it ({@code mvn -B verify} in the
 * delivery pipeline, then {@code npx cdk synth}).
 */
class CdkAppScriptTest {
    private static final Instant SOURCES = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant PACKAGED = Instant.parse("2026-01-01T01:00:00Z");

    @Test
    void afterMavenPackagedTheAppItRunsWithoutBuildingAgain(@TempDir Path root) throws Exception {
        layout(root);
        assertEquals(List.of("java"), run(root));
    }

    @Test
    void aSourceNewerThanTheLastPackageIsBuiltFirst(@TempDir Path root) throws Exception {
        layout(root);
        Files.setLastModifiedTime(root.resolve("workflow/src/main/java/Step.java"),
                FileTime.from(PACKAGED.plusSeconds(60)));
        assertEquals(List.of("mvn", "java"), run(root));
    }

    @Test
    void aMissingJarIsBuiltFirst(@TempDir Path root) throws Exception {
        layout(root);
        Files.delete(root.resolve("jobs-training/target/jobs-training-glue.jar"));
        assertEquals(List.of("mvn", "java"), run(root));
    }

    /** The repository as {@code mvn -B verify} leaves it: sources, then everything the package phase wrote. */
    private static void layout(Path root) throws IOException {
        Path script = root.resolve("bin/cdk-app");
        Files.createDirectories(script.getParent());
        Files.copy(SynthesizedPipeline.projectRoot().resolve("bin/cdk-app"), script);
        for (String source : List.of("pom.xml", "workflow/src/main/java/Step.java", "jobs/src/main/java/Job.java",
                "jobs-cleaning/src/main/java/Clean.java", "jobs-training/src/main/java/Train.java",
                "cdk/src/main/java/App.java")) {
            write(root.resolve(source), "", SOURCES);
        }
        for (String built : List.of("cdk/target/classes/dev/bankml/cdk/PipelineApp.class",
                "jobs-cleaning/target/jobs-cleaning-glue.jar", "jobs-training/target/jobs-training-glue.jar")) {
            write(root.resolve(built), "", PACKAGED);
        }
        // Written last by the package phase of the cdk module (maven-dependency-plugin, regenerateFile).
        write(root.resolve("cdk/target/classpath.txt"), "/nowhere.jar", PACKAGED);
        Path bin = root.resolve("fake-bin");
        for (String tool : List.of("mvn", "java")) {
            write(bin.resolve(tool), "#!/usr/bin/env bash\necho " + tool + " >> \"$CALLS\"\n", PACKAGED);
            Files.setPosixFilePermissions(bin.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void write(Path file, String text, Instant modified) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    /** Runs the script; returns the tools it ran, in order. */
    private static List<String> run(Path root) throws Exception {
        Path calls = root.resolve("calls.txt");
        Files.writeString(calls, "");
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("bin/cdk-app").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", root.resolve("fake-bin") + ":" + System.getenv("PATH"));
        pb.environment().put("CALLS", calls.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), output);
        return Files.readAllLines(calls);
    }
}
