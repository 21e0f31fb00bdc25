package dev.bankml.cdk;

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
import software.amazon.awscdk.CfnElement;
import software.constructs.IConstruct;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The app synthesized exactly as {@code npx cdk synth} does it (context from the repository's
 * {@code cdk.json}, cdk-nag aspect included), once per context for the whole test JVM, into
 * {@code cdk/target/cdk-test-out/<name>}. Jackson comes with the jsii runtime.
 */
record SynthesizedPipeline(App app, BankMlPipelineStack stack, Template template, Map<String, Object> json,
        PipelineConfig config) {

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
        try {
            Map<String, Object> json = JSON.readValue(outdir.resolve(stack.getArtifactId() + ".template.json").toFile(),
                    new TypeReference<Map<String, Object>>() { });
            return new SynthesizedPipeline(app, stack, Template.fromJSON(json), json,
                    PipelineConfig.fromContext(context, projectRoot()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The delivery pipeline's stack of this app. */
    DeliveryPipelineStack delivery() {
        return (DeliveryPipelineStack) app.getNode().findChild(DeliveryPipelineStack.STACK_NAME);
    }

    /** A synthesized template of this app's output: the delivery stack's, or a stage stack's in its nested assembly. */
    static Map<String, Object> templateOf(software.amazon.awscdk.Stack stack) {
        try {
            return JSON.readValue(Path.of(software.amazon.awscdk.Stage.of(stack).getOutdir(),
                    stack.getArtifactId() + ".template.json").toFile(), new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resources() {
        return (Map<String, Object>) json.get("Resources");
    }

    /** Logical id → Properties of every resource of {@code type}. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources().forEach((id, r) -> {
            Map<String, Object> res = (Map<String, Object>) r;
            if (type.equals(res.get("Type"))) {
                out.put(id, (Map<String, Object>) res.getOrDefault("Properties", Map.of()));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resource(String logicalId) {
        return (Map<String, Object>) resources().get(logicalId);
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

    /** The one inline policy attached to the role of logical id {@code roleId}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> policyOfRole(String roleId) {
        List<Map<String, Object>> policies = resourcesOfType("AWS::IAM::Policy").values().stream()
                .filter(p -> ((List<Object>) p.get("Roles")).stream().anyMatch(r -> render(r).equals("<" + roleId + ">")))
                .toList();
        if (policies.size() != 1) {
            throw new AssertionError("expected one policy of role " + roleId + ", found " + policies.size());
        }
        return policies.get(0);
    }

    /** The one resource of {@code type} whose {@code nameProperty} equals {@code name}: its logical id. */
    String logicalIdNamed(String type, String nameProperty, String name) {
        List<String> ids = resourcesOfType(type).entrySet().stream()
                .filter(e -> name.equals(e.getValue().get(nameProperty))).map(Map.Entry::getKey).toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " with " + nameProperty + "=" + name + ", found " + ids);
        }
        return ids.get(0);
    }

    /**
     * The arguments a run of the job named {@code jobName} gets when it is given none: its
     * {@code DefaultArguments} and its {@code NonOverridableArguments} (each key is in one of them only).
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> jobArguments(String jobName) {
        Map<String, Object> job = resourcesOfType("AWS::Glue::Job").get(logicalIdNamed("AWS::Glue::Job", "Name", jobName));
        Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) job.getOrDefault("DefaultArguments", Map.of()));
        ((Map<String, Object>) job.getOrDefault("NonOverridableArguments", Map.of())).forEach((k, v) -> {
            if (out.put(k, v) != null) {
                throw new AssertionError(jobName + ": argument " + k + " is both a default and non-overridable");
            }
        });
        return out;
    }

    /** A CloudFormation value as text (see {@link NagFindings#render}). */
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
