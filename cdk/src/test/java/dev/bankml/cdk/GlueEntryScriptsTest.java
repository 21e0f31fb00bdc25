package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.Step;
import scala.collection.JavaConverters;
import scala.tools.nsc.Global;
import scala.tools.nsc.Settings;
import scala.tools.nsc.reporters.StoreReporter;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.s3.assets.Asset;

/**
 * What Glue does with a Scala job before it runs it, done at build time: compile the job's
 * ScriptLocation with Glue 5.0's Scala compiler (2.12.18) and the job's {@code --extra-jars} on the
 * classpath, then run the object named by {@code --class} (Glue guide, "Using Scala to program AWS
 * Glue ETL scripts": the script is compiled, {@code --class} is its entry point). The files compiled
 * are the ones the synthesized stack uploads (its staged assets), so a typo in a script, a renamed
 * Java class or a {@code --class} that names no object of the script fails the build.
 */
class GlueEntryScriptsTest {
    private static SynthesizedPipeline synth;
    private static Path work;

    @BeforeAll
    static void synthesize() throws IOException {
        synth = SynthesizedPipeline.defaults();
        work = SynthesizedPipeline.projectRoot().resolve("cdk/target/glue-entry-scripts");
        Files.createDirectories(work);
    }

    /** The staged file of the asset an s3:// URL of the template points at (the object Glue downloads). */
    private static Path stagedFile(String url) {
        String hash = url.substring(url.lastIndexOf('/') + 1, url.lastIndexOf('.'));
        Asset asset = synth.stack().code().all().stream().filter(a -> a.getAssetHash().equals(hash)).findFirst()
                .orElseThrow(() -> new AssertionError(url + " is not one of the stack's code assets"));
        return Path.of(synth.app().getOutdir()).resolve(asset.getAssetPath());
    }

    /** Errors and warnings of one compilation (empty when it compiled cleanly). */
    private static List<String> compile(Path script, Path classpathJar, Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Settings settings = new Settings();
        String classpath = String.join(File.pathSeparator, codeSource(scala.Predef.class).toString(),
                classpathJar.toString());
        settings.processArguments(JavaConverters.asScalaBuffer(List.of("-d", out.toString(), "-classpath", classpath,
                "-deprecation", "-feature")).toList(), true);
        StoreReporter reporter = new StoreReporter(settings);
        Global global = new Global(settings, reporter);
        Global.Run run = global.new Run();
        run.compile(JavaConverters.asScalaBuffer(List.of(script.toString())).toList());
        List<String> messages = new ArrayList<>();
        JavaConverters.asJavaCollection(reporter.infos()).forEach(i -> messages.add(i.severity() + ": " + i.msg()));
        return messages;
    }

    private static Path codeSource(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code javap -c} of a compiled class: the JDK's own disassembler, to read what the entry object calls. */
    private static String javap(Path classes, String className) {
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("javap").orElseThrow().run(new PrintWriter(out), new PrintWriter(out),
                "-c", "-p", "-cp", classes.toString(), className);
        assertEquals(0, status, out.toString());
        return out.toString();
    }

    @Test
    void everyJobsScriptCompilesAgainstItsJarAndItsClassObjectCallsTheJobsMain() {
        List<String> checked = new ArrayList<>();
        List<Step> steps = new ArrayList<>(synth.stack().definition().steps());
        steps.add(synth.stack().definition().approval());
        for (Step step : steps) {
            if (step.job().isEmpty()) {
                continue;
            }
            String mainClass = step.job().get().mainClass();
            Capture scriptUrl = new Capture();
            Capture jarUrl = new Capture();
            Capture entryObject = new Capture();
            synth.template().hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of(
                    "Name", "bankml-dev-" + step.id(),
                    "Command", Match.objectLike(Map.of("ScriptLocation", Map.of("Fn::Sub", scriptUrl))),
                    "NonOverridableArguments", Match.objectLike(Map.of("--extra-jars", Map.of("Fn::Sub", jarUrl),
                            "--class", entryObject)))));
            Path script = stagedFile(scriptUrl.asString());
            Path jar = stagedFile(jarUrl.asString());
            String entry = entryObject.asString();
            Path out = work.resolve(step.id());

            assertEquals(List.of(), compile(script, jar, out), step.id() + ": " + script);
            assertTrue(Files.isRegularFile(out.resolve(entry.replace('.', '/') + ".class")),
                    step.id() + ": the job's script " + script + " defines no object " + entry + " (its --class)");
            // A Scala object compiles to <name>$ (its body) and <name> with a static main forwarder: the class
            // a JVM (and Glue) can start by name.
            assertTrue(javap(out, entry).contains("public static void main(java.lang.String[]);"),
                    step.id() + ": --class " + entry + " is not an object with main(Array[String]) in " + script);
            String body = javap(out, entry + "$");
            assertTrue(body.matches("(?s).*invokestatic +#\\d+ +// Method " + mainClass.replace('.', '/')
                            + "\\.main:\\(\\[Ljava/lang/String;\\)V.*"),
                    step.id() + ": " + entry + ".main does not call " + mainClass + ".main:\n" + body);
            checked.add(step.id());
        }
        assertEquals(List.of("clean", "evaluate", "train", "score", "approve"), checked);
    }

    /** The check above is not vacuous: the compiler refuses a job class the jar does not hold. */
    @Test
    void aScriptNamingAClassTheJarDoesNotHoldDoesNotCompile() throws IOException {
        Path script = work.resolve("Misspelled.scala");
        Files.writeString(script, "object Misspelled {\n"
                + "  def main(args: Array[String]): Unit = dev.bankml.cleaning.CleaningJobb.main(args)\n}\n");
        Path jar = JobCode.jarOf(SynthesizedPipeline.projectRoot(), "jobs-cleaning");
        List<String> messages = compile(script, jar, work.resolve("misspelled"));
        assertFalse(messages.isEmpty());
        assertTrue(messages.get(0).startsWith("ERROR: object CleaningJobb is not a member of package dev.bankml.cleaning"),
                messages.toString());
    }
}
