package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.local.LocalRunner;
import dev.bankml.local.RunnerSettings;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.WiringSettings;


/**
 * The local run and the deployed workflow give each job the same arguments for the same settings:
 * the synthesized template's job {@code DefaultArguments} plus its trigger arguments, against what
 * {@code bin/pipeline run} passes, step by step. Bucket paths are mapped to their roles ({@code <raw>},
 * {@code <cleaned>}, {@code <artifacts>}) on both sides; Glue's own arguments are set aside by name;
 * nothing else may differ.
 *
 * <p>The template is the committed snapshot of {@code cdk.json}'s synthesis: the cdk module's
 * {@code PipelineSnapshotTest} fails the build whenever the app synthesizes anything else. (The
 * CDK cannot synthesize in this JVM: Spark's Jackson Scala module, on the classpath here, makes the
 * jsii runtime hand back Scala lists.)
 */
class SameArgumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Arguments of Glue itself (not the jobs' settings): only the template has them. */
    private static final Set<String> GLUE_OWN = Set.of("--job-language", "--class", "--extra-jars", "--enable-metrics",
            "--enable-observability-metrics", "--enable-glue-datacatalog", "--enable-spark-ui", "--spark-event-logs-path",
            "--custom-logGroup-prefix", "--job-bookmark-option", "--TempDir");
    /** Set by the stack for AWS only: the region the jobs run in (a laptop's metrics, if any, go where the SDK says). */
    private static final Set<String> STACK_OWN = Set.of(WiringSettings.AWS_REGION.flag());

    private static Map<String, Object> template;
    /** cdk.json's settings, as the CDK app reads them. */
    private static SettingValues deployed;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheDeployment() throws IOException {
        Path root = TestSpark.projectRoot();
        Map<String, Object> cdkJson = JSON.readValue(root.resolve("cdk.json").toFile(), new TypeReference<>() { });
        Map<String, Object> context = (Map<String, Object>) cdkJson.get("context");
        deployed = DeploymentSettings.asDeployed(SettingValues.fromContext(context));
        template = JSON.readValue(Files.readString(root.resolve("cdk/src/test/resources/snapshot/BankMlPipeline-"
                + deployed.get(DeploymentSettings.ENVIRONMENT) + ".template.json")), new TypeReference<>() { });
    }

    @Test
    void eachJobGetsTheSameArgumentsLocallyAsFromTheDeployedWorkflow() {
        Path warehouse = TestSpark.workDir("same-arguments-wh");
        Map<String, Map<String, String>> local = LocalRunner.jobArguments(runnerOptions(deployed, warehouse));
        Map<String, Map<String, String>> aws = deployedArguments();
        assertEquals(List.of("clean", "evaluate", "train", "score"), List.copyOf(local.keySet()));
        assertEquals(local.keySet(), aws.keySet());
        // The approval job is deployed too, but a person starts it, not the workflow: it has no local step.
        assertTrue(deployedJobNames().contains("bankml-" + deployed.get(DeploymentSettings.ENVIRONMENT) + "-approve"),
                deployedJobNames().toString());
        for (String step : local.keySet()) {
            Map<String, String> mappedLocal = new LinkedHashMap<>();
            local.get(step).forEach((k, v) -> mappedLocal.put("--" + k, v.replace(warehouse + "/", "<")
                    .replaceFirst("^<(raw|cleaned|artifacts)/", "<$1>/")));
            assertEquals(new java.util.TreeMap<>(aws.get(step)), new java.util.TreeMap<>(mappedLocal), "step " + step);
        }
        // Not vacuous: the deployment's settings are there on both sides.
        assertEquals("0.05", aws.get("clean").get(CleaningSettings.MAX_REJECTED_FRACTION.flag()));
        assertEquals("standard", aws.get("train").get(TrainingSettings.TUNING.flag()));
        assertEquals("0.01", aws.get("train").get(TrainingSettings.PROMOTION_MARGIN.flag()));
    }

    /** The options {@code bin/pipeline run} needs for the same settings as the deployment: every deployment setting. */
    private static String[] runnerOptions(SettingValues settings, Path warehouse) {
        List<String> out = new ArrayList<>(List.of(RunnerSettings.WAREHOUSE.flag(), warehouse.toString()));
        for (Setting<?> s : Settings.ofScope(Setting.Scope.DEPLOYMENT)) {
            settings.find(s).map(v -> format(s, v)).filter(t -> !t.isEmpty()).ifPresent(t -> {
                out.add(s.flag());
                out.add(t);
            });
        }
        return out.toArray(String[]::new);
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(Setting<T> s, Object v) {
        return s.format((T) v);
    }

    /** The properties of every resource of a type in the template. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> propertiesOf(String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object r : ((Map<String, Object>) template.get("Resources")).values()) {
            Map<String, Object> res = (Map<String, Object>) r;
            if (type.equals(res.get("Type"))) {
                out.add((Map<String, Object>) res.get("Properties"));
            }
        }
        return out;
    }

    /** Every action of every trigger of the template. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> triggerActions() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> trigger : propertiesOf("AWS::Glue::Trigger")) {
            ((List<Object>) trigger.get("Actions")).forEach(a -> out.add((Map<String, Object>) a));
        }
        return out;
    }

    /** The names of every Glue job in the template, in the workflow or not. */
    private static Set<String> deployedJobNames() {
        Set<String> names = new java.util.TreeSet<>();
        propertiesOf("AWS::Glue::Job").forEach(p -> names.add((String) p.get("Name")));
        return names;
    }

    /**
     * Each job step's DefaultArguments and NonOverridableArguments plus the arguments of the trigger that
     * starts it, paths as roles, Glue's and the stack's own left out; only the jobs a trigger starts (the
     * workflow's steps).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, String>> deployedArguments() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        String prefix = "bankml-" + deployed.get(DeploymentSettings.ENVIRONMENT) + "-";
        List<Map<String, Object>> actions = triggerActions();
        Set<Object> triggered = new java.util.HashSet<>();
        actions.forEach(a -> triggered.add(a.get("JobName")));
        for (Map<String, Object> props : propertiesOf("AWS::Glue::Job")) {
            if (!triggered.contains(props.get("Name"))) {
                continue;
            }
            String step = ((String) props.get("Name")).substring(prefix.length());
            Map<String, String> args = new LinkedHashMap<>();
            for (String kind : List.of("DefaultArguments", "NonOverridableArguments")) {
                ((Map<String, Object>) props.getOrDefault(kind, Map.of())).forEach((k, v) -> {
                    if (!GLUE_OWN.contains(k) && !STACK_OWN.contains(k)) {
                        args.put(k, render(v));
                    }
                });
            }
            for (Map<String, Object> action : actions) {
                if (props.get("Name").equals(action.get("JobName")) && action.get("Arguments") != null) {
                    ((Map<String, Object>) action.get("Arguments")).forEach((k, v) -> args.put(k, render(v)));
                }
            }
            out.put(step, args);
        }
        assertTrue(out.size() >= 3, out.keySet().toString());
        return out;
    }

    /** A template value as text: {@code Fn::Join} of a bucket reference becomes {@code <raw>}, {@code <cleaned>}... */
    @SuppressWarnings("unchecked")
    private static String render(Object v) {
        if (v instanceof String s) {
            return s;
        }
        Map<String, Object> fn = (Map<String, Object>) v;
        if (fn.containsKey("Fn::Join")) {
            List<Object> join = (List<Object>) fn.get("Fn::Join");
            StringBuilder b = new StringBuilder();
            for (Object part : (List<Object>) join.get(1)) {
                b.append(render(part));
            }
            return b.toString().replaceFirst("^s3://", "");
        }
        if (fn.containsKey("Ref")) {
            String ref = (String) fn.get("Ref");
            for (String role : List.of("Raw", "Cleaned", "Artifacts")) {
                if (ref.startsWith("Storage" + role + "Bucket")) {
                    return "<" + role.toLowerCase(java.util.Locale.ROOT) + ">";
                }
            }
        }
        throw new AssertionError("a template value the test cannot read: " + v);
    }
}
