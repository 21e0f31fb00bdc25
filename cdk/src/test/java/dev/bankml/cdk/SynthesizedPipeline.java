package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.MatchResult;
import software.amazon.awscdk.assertions.Matcher;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/**
 * The app synthesized exactly as {@code npx cdk synth} does it (context from the repository's
 * {@code cdk.json}, cdk-nag aspect included), once per context for the whole test JVM, into
 * {@code cdk/target/cdk-test-out/<name>}: every test class asks for its context once and reads the
 * same {@link Template}. Jackson comes with the jsii runtime.
 */
record SynthesizedPipeline(App app, BankMlPipelineStack stack, Template template, PipelineConfig config) {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SynthesizedPipeline> CACHE = new ConcurrentHashMap<>();

    static Path projectRoot() {
        String root = System.getProperty(PipelineApp.ROOT_PROPERTY);
        if (root == null) {
            throw new IllegalStateException("system property " + PipelineApp.ROOT_PROPERTY + " is not set (Surefire sets it)");
        }
        return Path.of(root).toAbsolutePath().normalize();
    }

    /** The context of cdk.json, as the CDK CLI would pass it. */
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = JSON.readValue(projectRoot().resolve("cdk.json").toFile(),
                    new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
            return new LinkedHashMap<>(context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The app with cdk.json's context only. */
    static SynthesizedPipeline defaults() {
        return with("default", Map.of());
    }

    /** The app with cdk.json's context overridden by {@code overrides} (as {@code -c key=value} does). */
    static synchronized SynthesizedPipeline with(String name, Map<String, Object> overrides) {
        return CACHE.computeIfAbsent(name, n -> synth(n, overrides));
    }

    private static SynthesizedPipeline synth(String name, Map<String, Object> overrides) {
        Map<String, Object> context = cdkJsonContext();
        context.putAll(overrides);
        Path outdir = projectRoot().resolve("cdk/target/cdk-test-out").resolve(name);
        App app = new App(AppProps.builder().outdir(outdir.toString()).context(new HashMap<>(context)).build());
        BankMlPipelineStack stack = PipelineApp.define(app, projectRoot());
        app.synth();
        // The app is synthesized once: Template.fromStack reads the cloud assembly it wrote.
        return new SynthesizedPipeline(app, stack, Template.fromStack(stack), PipelineConfig.fromContext(context,
                projectRoot()));
    }

    /** The delivery pipeline's stack of this app. */
    DeliveryPipelineStack delivery() {
        return (DeliveryPipelineStack) app.getNode().findChild(DeliveryPipelineStack.STACK_NAME);
    }

    /** The synthesized template as JSON (the snapshot, and the role audit's cross-resource walk). */
    Map<String, Object> json() {
        return template.toJSON();
    }

    /**
     * The CloudFormation value a token of this stack becomes in the template: a bucket reference, a
     * key's ARN, a path over the buckets ({@code Fn::Join}), the region.
     */
    Object cfn(Object value) {
        return stack.resolve(value);
    }

    /** The logical id of a construct's CloudFormation resource. */
    String logicalIdOf(IConstruct c) {
        CfnElement el = c instanceof CfnElement e ? e : (CfnElement) c.getNode().getDefaultChild();
        return (String) stack.resolve(stack.getLogicalId(el));
    }

    String logicalIdOfCrawlerRole() {
        return logicalIdOf(stack.crawlerRole().role());
    }

    String logicalIdOfJobRole() {
        return logicalIdOf(stack.jobRole().role());
    }

    /** The logical id of the bucket of construct {@code Storage/<id>/Bucket} ({@code Raw}, {@code Cleaned}...). */
    String bucket(String id) {
        return logicalIdOf(stack.storage().getNode().findChild(id).getNode().findChild("Bucket"));
    }

    /** {@code {"Ref": id}}. */
    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    /** {@code {"Fn::GetAtt": [id, "Arn"]}}. */
    static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }

    /** The one resource of {@code type} whose properties match {@code properties}: its logical id. */
    String idOf(String type, Map<String, ?> properties) {
        Map<String, Map<String, Object>> found = template.findResources(type,
                Match.objectLike(Map.of("Properties", Match.objectLike(properties))));
        assertEquals(1, found.size(), "resources of " + type + " with " + properties + ": " + found.keySet());
        return found.keySet().iterator().next();
    }

    /** The one resource of {@code type} named {@code name} (its {@code Name} property): its logical id. */
    String idNamed(String type, String name) {
        return idOf(type, Map.of("Name", name));
    }

    /** The resource of this logical id, as the template holds it (Type, Properties, DependsOn, DeletionPolicy...). */
    Map<String, Object> resource(String type, String logicalId) {
        Map<String, Object> r = template.findResources(type).get(logicalId);
        if (r == null) {
            fail("no " + type + " " + logicalId);
        }
        return r;
    }

    /**
     * Fails with the matcher's own account of the mismatch unless {@code actual} matches
     * {@code pattern} (a {@link Matcher}, or a literal it must equal exactly).
     */
    static void assertMatches(Object actual, Object pattern, String what) {
        Matcher matcher = pattern instanceof Matcher m ? m : Match.exact(pattern);
        MatchResult result = matcher.test(actual);
        // Finishing the match is what hands captured values to their captures.
        result.finished();
        if (result.hasFailed()) {
            fail(what + ": " + result.renderMismatch());
        }
    }

    /** What a capture holds: a string, or a CloudFormation function (a map). */
    static Object captured(Capture capture) {
        try {
            return capture.asString();
        } catch (RuntimeException notAString) {
            return capture.asObject();
        }
    }

    /** A CloudFormation value as text (see {@link NagFindings#render}): for messages and the role audit. */
    static String render(Object value) {
        return NagFindings.render(value);
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
