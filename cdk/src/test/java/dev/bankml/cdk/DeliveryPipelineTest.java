package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The delivery pipeline as synthesized for a configured repository and two stages in their own
 * accounts: its source, its build, its stages in order with the approval between them, each stage's
 * own context, its encrypted artifacts, and cdk-nag on the pipeline and inside every stage.
 */
class DeliveryPipelineTest {
    static final String TOOLS = "111122223333";
    static final String DEV = "444455556666";
    static final String PROD = "777788889999";
    static final String CONNECTION = "arn:aws:codeconnections:eu-west-1:" + TOOLS + ":connection/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9";
    private static SynthesizedPipeline synth;
    private static DeliveryPipelineStack delivery;
    private static Map<String, Object> template;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.with("delivery", Map.of(
                "bankml:pipelineRepository", "example-org/bank-glue-ml",
                "bankml:pipelineConnectionArn", CONNECTION,
                "bankml:pipelineAccount", TOOLS,
                "bankml:pipelineRegion", "eu-west-1",
                "bankml:stages", List.of(
                        Map.of("name", "dev", "account", DEV, "region", "eu-west-1"),
                        Map.of("name", "prod", "account", PROD, "region", "eu-central-1", "numberOfWorkers", 5,
                                "notificationEmail", "oncall@example.com", "aucFloor", 0.9))));
        delivery = synth.delivery();
        template = SynthesizedPipeline.templateOf(delivery);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }

    private static Map<String, Map<String, Object>> resourcesOfType(Map<String, Object> t, String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        map(t.get("Resources")).forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                out.put(id, map(map(r).getOrDefault("Properties", Map.of())));
            }
        });
        return out;
    }

    private static Map<String, Object> thePipeline() {
        Map<String, Map<String, Object>> pipelines = resourcesOfType(template, "AWS::CodePipeline::Pipeline");
        assertEquals(1, pipelines.size());
        return pipelines.values().iterator().next();
    }

    @Test
    void everyThingIsConfiguredSoNothingIsAPlaceholder() {
        assertEquals(List.of(), delivery.unset());
        assertEquals(TOOLS, delivery.getAccount());
        assertEquals("eu-west-1", delivery.getRegion());
        assertFalse(template.toString().contains(DeliveryPipelineStack.UNSET_ACCOUNT));
    }

    @Test
    void theSourceIsTheRepositoryAndBranchThroughTheConnectionNamedInCdkJson() {
        Map<String, Object> source = map(list(map(list(thePipeline().get("Stages")).get(0)).get("Actions")).get(0));
        assertEquals("CodeStarSourceConnection", map(source.get("ActionTypeId")).get("Provider"));
        Map<String, Object> configuration = map(source.get("Configuration"));
        assertEquals(CONNECTION, configuration.get("ConnectionArn"));
        assertEquals("example-org/bank-glue-ml", configuration.get("FullRepositoryId"));
        assertEquals("main", configuration.get("BranchName"));
        assertEquals("V2", thePipeline().get("PipelineType"));
    }

    @Test
    void theBuildRunsTheTestsOnJava17ThenSynthesizesTheApp() {
        String buildSpecs = resourcesOfType(template, "AWS::CodeBuild::Project").values().stream()
                .map(p -> String.valueOf(map(p.get("Source")).get("BuildSpec"))).filter(b -> b.contains("mvn -B verify"))
                .findFirst().orElseThrow(() -> new AssertionError("no build runs mvn -B verify"));
        assertTrue(buildSpecs.indexOf("\"npm ci\"") < buildSpecs.indexOf("\"mvn -B verify\""), buildSpecs);
        assertTrue(buildSpecs.indexOf("\"mvn -B verify\"") < buildSpecs.indexOf("\"npx cdk synth\""), buildSpecs);
        assertTrue(buildSpecs.contains("\"java\": \"corretto17\""), buildSpecs);
        assertTrue(buildSpecs.contains("\"base-directory\": \"cdk.out\""), buildSpecs);
    }

    @Test
    void devThenAnApprovalThenProd() {
        List<String> stages = new ArrayList<>();
        list(thePipeline().get("Stages")).forEach(s -> stages.add((String) map(s).get("Name")));
        assertEquals(List.of("dev", "prod"), stages.subList(stages.size() - 2, stages.size()), stages.toString());
        List<Object> dev = list(map(list(thePipeline().get("Stages")).get(stages.indexOf("dev"))).get("Actions"));
        List<Object> prod = list(map(list(thePipeline().get("Stages")).get(stages.indexOf("prod"))).get("Actions"));
        assertTrue(dev.stream().noneMatch(a -> "Manual".equals(map(map(a).get("ActionTypeId")).get("Provider"))));
        Map<String, Object> approval = prod.stream().map(DeliveryPipelineTest::map)
                .filter(a -> "Manual".equals(map(a.get("ActionTypeId")).get("Provider"))).findFirst().orElseThrow();
        int approvalOrder = (Integer) approval.get("RunOrder");
        prod.stream().map(DeliveryPipelineTest::map).filter(a -> a != approval)
                .forEach(a -> assertTrue((Integer) a.get("RunOrder") > approvalOrder, "deploys after the approval: " + a));
        // Each stage deploys with its own account's bootstrap roles (the account must trust the tools account).
        assertTrue(dev.toString().contains("cdk-hnb659fds-deploy-role-" + DEV + "-eu-west-1"), dev.toString());
        assertTrue(prod.toString().contains("cdk-hnb659fds-deploy-role-" + PROD + "-eu-central-1"), prod.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachStageIsThePipelineStackWithItsOwnContext() {
        List<PipelineStage> stages = delivery.stages();
        assertEquals(List.of("dev", "prod"), stages.stream().map(s -> s.getStageName()).toList());
        BankMlPipelineStack dev = stages.get(0).stack();
        BankMlPipelineStack prod = stages.get(1).stack();
        assertEquals("BankMlPipeline-dev", dev.getStackName());
        assertEquals("BankMlPipeline-prod", prod.getStackName());
        assertEquals(DEV, dev.getAccount());
        assertEquals(PROD, prod.getAccount());
        assertEquals("eu-central-1", prod.getRegion());
        Map<String, Object> prodTemplate = SynthesizedPipeline.templateOf(prod);
        Map<String, Map<String, Object>> jobs = resourcesOfType(prodTemplate, "AWS::Glue::Job");
        assertEquals(4, jobs.size());
        jobs.values().forEach(j -> assertEquals(5, j.get("NumberOfWorkers")));
        assertTrue(jobs.values().stream().allMatch(j -> ((String) j.get("Name")).startsWith("bankml-prod-")));
        assertEquals("oncall@example.com", resourcesOfType(prodTemplate, "AWS::SNS::Subscription").values().iterator()
                .next().get("Endpoint"));
        assertTrue(resourcesOfType(prodTemplate, "AWS::CloudWatch::Alarm").values().stream()
                .anyMatch(a -> Double.valueOf(0.9).equals(((Number) a.getOrDefault("Threshold", -1)).doubleValue())));
        Map<String, Object> devTemplate = SynthesizedPipeline.templateOf(dev);
        resourcesOfType(devTemplate, "AWS::Glue::Job").values().forEach(j -> assertEquals(2, j.get("NumberOfWorkers")));
        assertTrue(resourcesOfType(devTemplate, "AWS::SNS::Subscription").isEmpty());
    }

    @Test
    void artifactsAreEncryptedWithARotatedKeySoStagesMayBeInOtherAccounts() {
        Map<String, Map<String, Object>> keys = resourcesOfType(template, "AWS::KMS::Key");
        assertEquals(1, keys.size());
        assertEquals(true, keys.values().iterator().next().get("EnableKeyRotation"));
        // One artifact store per region of the pipeline and its stages (prod is in another region), each encrypted.
        List<Object> stores = list(thePipeline().get("ArtifactStores"));
        assertEquals(2, stores.size(), stores.toString());
        stores.forEach(s -> assertTrue(map(map(s).get("ArtifactStore")).containsKey("EncryptionKey"), s.toString()));
    }

    @Test
    void theSelfMutationRunsTheCliPackageJsonPins() {
        String packageJson = SynthesizedPipeline.read(SynthesizedPipeline.projectRoot().resolve("package.json"));
        assertTrue(packageJson.contains("\"aws-cdk\": \"" + DeliveryPipelineStack.CDK_CLI_VERSION + "\""), packageJson);
        assertTrue(template.toString().contains("aws-cdk@" + DeliveryPipelineStack.CDK_CLI_VERSION), "self-mutation CLI");
    }

    /** cdk-nag's AwsSolutions pack on the pipeline stack and inside each stage: nothing unsuppressed. */
    @Test
    void cdkNagFindsNothingUnexcusedOnThePipelineNorInAnyStage() {
        List<Stack> stacks = new ArrayList<>(List.of(delivery));
        delivery.stages().forEach(s -> stacks.add(s.stack()));
        for (Stack stack : stacks) {
            Annotations annotations = Annotations.fromStack(stack);
            List<SynthesisMessage> findings = new ArrayList<>(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
            findings.addAll(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
            assertEquals(List.of(), findings.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList(),
                    stack.getStackName());
        }
        // The checks ran inside the stages (an app's aspect does not reach them): the prod stage, which the app
        // has no stack of its own for, wrote its report (reports are named after the stack).
        java.nio.file.Path report = java.nio.file.Path.of(synth.app().getOutdir(), "AwsSolutions-"
                + delivery.stages().get(1).stack().getStackName() + "-NagReport.csv");
        assertTrue(java.nio.file.Files.isRegularFile(report), report + " is missing");
        assertTrue(SynthesizedPipeline.read(report).contains("\"AwsSolutions-IAM5\""), report.toString());
        // And on the support stack of the stage in another region.
        software.amazon.awscdk.services.codepipeline.CrossRegionSupport support = delivery.pipeline().getPipeline()
                .getCrossRegionSupport().get("eu-central-1");
        Annotations annotations = Annotations.fromStack(support.getStack());
        assertEquals(List.of(), annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData()).toList());
    }

    /** The pipeline's suppressions: each with a reason, and wildcard ones list exactly the findings they excuse. */
    @Test
    void everySuppressionOfThePipelineIsNarrowAndExplained() {
        int seen = 0;
        for (Map.Entry<String, Object> r : map(template.get("Resources")).entrySet()) {
            Map<String, Object> metadata = map(map(r.getValue()).getOrDefault("Metadata", Map.of()));
            if (!metadata.containsKey("cdk_nag")) {
                continue;
            }
            for (Object o : list(map(metadata.get("cdk_nag")).get("rules_to_suppress"))) {
                Map<String, Object> rule = map(o);
                String reason = (String) rule.get("reason");
                assertTrue(reason != null && reason.length() >= 60, r.getKey() + " " + rule.get("id") + ": " + reason);
                if ("AwsSolutions-IAM5".equals(rule.get("id"))) {
                    List<Object> appliesTo = list(rule.get("applies_to"));
                    assertFalse(appliesTo.isEmpty(), r.getKey());
                    appliesTo.forEach(a -> assertTrue(a instanceof String, "exact findings only, no patterns: " + a));
                }
                seen++;
            }
        }
        assertTrue(seen > 0, "the pipeline's generated roles need excuses, and they are written down");
    }

    /** With cdk.json as committed (nothing account-specific), the pipeline is synthesized with placeholders and says so. */
    @Test
    void anUnconfiguredPipelineSynthesizesWithPlaceholdersAndAWarning() {
        SynthesizedPipeline committed = SynthesizedPipeline.defaults();
        DeliveryPipelineStack unconfigured = committed.delivery();
        assertEquals(DeliveryPipelineStack.UNSET_ACCOUNT, unconfigured.getAccount());
        assertTrue(unconfigured.unset().containsAll(List.of("bankml:pipelineConnectionArn", "bankml:pipelineRepository",
                "bankml:pipelineAccount")), unconfigured.unset().toString());
        List<SynthesisMessage> warnings = Annotations.fromStack(unconfigured).findWarning("*",
                Match.stringLikeRegexp("The delivery pipeline is not configured.*"));
        assertEquals(1, warnings.size());
        assertEquals(List.of("dev", "prod"), unconfigured.stages().stream().map(s -> s.getStageName()).toList());
        // Every `cdk synth` builds it: a finding here would fail everyone's synth.
        List<Stack> stacks = new ArrayList<>(List.of(unconfigured));
        unconfigured.stages().forEach(s -> stacks.add(s.stack()));
        for (Stack stack : stacks) {
            assertEquals(List.of(), Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                    .stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList(), stack.getStackName());
        }
    }
}
