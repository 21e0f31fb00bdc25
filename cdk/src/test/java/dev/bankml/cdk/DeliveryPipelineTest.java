package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.codepipeline.CrossRegionSupport;

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
    private static Template template;

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
        template = Template.fromStack(delivery);
    }

    /** The pipeline's stages as CodePipeline holds them (the one pipeline of the stack). */
    private static List<Object> stages() {
        template.resourceCountIs("AWS::CodePipeline::Pipeline", 1);
        Capture stages = new Capture();
        template.hasResourceProperties("AWS::CodePipeline::Pipeline", Match.objectLike(Map.of("Stages", stages)));
        return stages.asArray();
    }

    @Test
    void everyThingIsConfiguredSoNothingIsAPlaceholder() {
        assertEquals(List.of(), delivery.unset());
        assertEquals(TOOLS, delivery.getAccount());
        assertEquals("eu-west-1", delivery.getRegion());
        assertFalse(template.toJSON().toString().contains(DeliveryPipelineStack.UNSET_ACCOUNT));
    }

    @Test
    void theSourceIsTheRepositoryAndBranchThroughTheConnectionNamedInCdkJson() {
        template.hasResourceProperties("AWS::CodePipeline::Pipeline", Match.objectLike(Map.of(
                "PipelineType", "V2",
                "Stages", Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "Source", "Actions", List.of(
                        Match.objectLike(Map.of(
                                "ActionTypeId", Match.objectLike(Map.of("Provider", "CodeStarSourceConnection")),
                                "Configuration", Match.objectLike(Map.of("ConnectionArn", CONNECTION,
                                        "FullRepositoryId", "example-org/bank-glue-ml", "BranchName", "main"))))))))))));
    }

    @Test
    void theBuildRunsTheTestsOnJava17ThenSynthesizesTheApp() {
        Capture buildSpec = new Capture(Match.stringLikeRegexp("mvn -B verify"));
        template.hasResourceProperties("AWS::CodeBuild::Project", Match.objectLike(Map.of(
                "Source", Match.objectLike(Map.of("BuildSpec", buildSpec)))));
        String spec = buildSpec.asString();
        assertTrue(spec.indexOf("\"npm ci\"") < spec.indexOf("\"mvn -B verify\""), spec);
        assertTrue(spec.indexOf("\"mvn -B verify\"") < spec.indexOf("\"npx cdk synth\""), spec);
        assertTrue(spec.contains("\"java\": \"corretto17\""), spec);
        assertTrue(spec.contains("\"base-directory\": \"cdk.out\""), spec);
    }

    /** Maven's repository survives between builds in an S3 cache, in a bucket of its own that expires old copies. */
    @Test
    void theBuildKeepsMavensRepositoryInAnS3Cache() throws Exception {
        String cache = template.getResourceId("AWS::S3::Bucket", Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                "LifecycleConfiguration", Match.objectLike(Map.of("Rules", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Id", "expire-objects", "ExpirationInDays", 30)))))))))));
        assertEquals(Map.of("Ref", cache), delivery.resolve(delivery.buildCache().getBucketName()));
        Capture buildSpec = new Capture(Match.stringLikeRegexp("mvn -B verify"));
        template.hasResourceProperties("AWS::CodeBuild::Project", Match.objectLike(Map.of(
                "Cache", Match.objectEquals(Map.of("Type", "S3",
                        "Location", Map.of("Fn::Join", List.of("/", List.of(Map.of("Ref", cache), "maven"))))),
                "Source", Match.objectLike(Map.of("BuildSpec", buildSpec)))));
        assertEquals(List.of("/root/.m2/**/*"), SynthesizedPipeline.JSON.readTree(buildSpec.asString())
                .get("cache").get("paths").traverse(SynthesizedPipeline.JSON).readValueAs(List.class));
    }

    @Test
    void devThenAnApprovalThenProd() {
        Object manual = Match.objectLike(Map.of("ActionTypeId", Match.objectLike(Map.of("Provider", "Manual"))));
        Object devStage = Match.objectLike(Map.of("Name", "dev", "Actions", Match.not(Match.arrayWith(List.of(manual)))));
        // The approval runs first, everything else of prod after it (below).
        Object approval = Match.objectLike(Map.of("Name", "PromoteTo-prod", "RunOrder", 1,
                "ActionTypeId", Match.objectLike(Map.of("Provider", "Manual"))));
        Object prodStage = Match.objectLike(Map.of("Name", "prod", "Actions", Match.arrayWith(List.of(approval))));
        template.hasResourceProperties("AWS::CodePipeline::Pipeline", Match.objectLike(Map.of("Stages",
                Match.arrayWith(List.of(devStage, prodStage)))));
        Capture prodActions = new Capture();
        template.hasResourceProperties("AWS::CodePipeline::Pipeline", Match.objectLike(Map.of("Stages",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "prod", "Actions", prodActions)))))));
        for (Object action : prodActions.asArray()) {
            if (Match.objectLike(Map.of("Name", "PromoteTo-prod")).test(action).hasFailed()) {
                SynthesizedPipeline.assertMatches(action, Match.objectLike(Map.of("RunOrder", Match.not(Match.exact(1)))),
                        "deploys after the approval");
            }
        }
        List<Object> stages = stages();
        List<String> names = stages.stream().map(s -> (String) ((Map<?, ?>) s).get("Name")).toList();
        assertEquals(List.of("dev", "prod"), names.subList(names.size() - 2, names.size()), names.toString());
        // Each stage deploys with its own account's bootstrap roles (the account must trust the tools account).
        String dev = stages.get(names.indexOf("dev")).toString();
        String prod = stages.get(names.indexOf("prod")).toString();
        assertTrue(dev.contains("cdk-hnb659fds-deploy-role-" + DEV + "-eu-west-1"), dev);
        assertTrue(prod.contains("cdk-hnb659fds-deploy-role-" + PROD + "-eu-central-1"), prod);
    }

    @Test
    void eachStageIsThePipelineStackWithItsOwnContext() {
        List<PipelineStage> stages = delivery.stages();
        assertEquals(List.of("dev", "prod"), stages.stream().map(PipelineStage::getStageName).toList());
        BankMlPipelineStack dev = stages.get(0).stack();
        BankMlPipelineStack prod = stages.get(1).stack();
        assertEquals("BankMlPipeline-dev", dev.getStackName());
        assertEquals("BankMlPipeline-prod", prod.getStackName());
        assertEquals(DEV, dev.getAccount());
        assertEquals(PROD, prod.getAccount());
        assertEquals("eu-central-1", prod.getRegion());
        Template prodTemplate = Template.fromStack(prod);
        prodTemplate.resourceCountIs("AWS::Glue::Job", 5); // the four steps and the approval
        prodTemplate.allResourcesProperties("AWS::Glue::Job", Match.objectLike(Map.of("NumberOfWorkers", 5,
                "Name", Match.stringLikeRegexp("^bankml-prod-"))));
        prodTemplate.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of("Endpoint", "oncall@example.com")));
        prodTemplate.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("Threshold", 0.9)));
        Template devTemplate = Template.fromStack(dev);
        devTemplate.allResourcesProperties("AWS::Glue::Job", Match.objectLike(Map.of("NumberOfWorkers", 2)));
        devTemplate.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void artifactsAreEncryptedWithARotatedKeySoStagesMayBeInOtherAccounts() {
        template.resourceCountIs("AWS::KMS::Key", 1);
        template.hasResourceProperties("AWS::KMS::Key", Match.objectLike(Map.of("EnableKeyRotation", true)));
        // One artifact store per region of the pipeline and its stages (prod is in another region), each encrypted.
        Object encrypted = Match.objectLike(Map.of("ArtifactStore", Match.objectLike(Map.of("EncryptionKey", Match.anyValue()))));
        template.hasResourceProperties("AWS::CodePipeline::Pipeline", Match.objectLike(Map.of(
                "ArtifactStores", List.of(encrypted, encrypted))));
    }

    @Test
    void theSelfMutationRunsTheCliPackageJsonPins() {
        String packageJson = SynthesizedPipeline.read(SynthesizedPipeline.projectRoot().resolve("package.json"));
        assertTrue(packageJson.contains("\"aws-cdk\": \"" + DeliveryPipelineStack.CDK_CLI_VERSION + "\""), packageJson);
        template.hasResourceProperties("AWS::CodeBuild::Project", Match.objectLike(Map.of("Source", Match.objectLike(Map.of(
                "BuildSpec", Match.stringLikeRegexp("aws-cdk@" + DeliveryPipelineStack.CDK_CLI_VERSION.replace(".", "\\.")))))));
    }

    private static List<String> nagFindings(Stack stack) {
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> findings = new ArrayList<>(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        findings.addAll(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        return findings.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }

    /** cdk-nag's AwsSolutions pack on the pipeline stack and inside each stage: nothing unsuppressed. */
    @Test
    void cdkNagFindsNothingUnexcusedOnThePipelineNorInAnyStage() {
        List<Stack> stacks = new ArrayList<>(List.of(delivery));
        delivery.stages().forEach(s -> stacks.add(s.stack()));
        for (Stack stack : stacks) {
            assertEquals(List.of(), nagFindings(stack), stack.getStackName());
        }
        // The checks ran inside the stages (an app's aspect does not reach them): the prod stage, which the app
        // has no stack of its own for, wrote its report (reports are named after the stack).
        Path report = Path.of(synth.app().getOutdir(), "AwsSolutions-"
                + delivery.stages().get(1).stack().getStackName() + "-NagReport.csv");
        assertTrue(Files.isRegularFile(report), report + " is missing");
        assertTrue(SynthesizedPipeline.read(report).contains("\"AwsSolutions-IAM5\""), report.toString());
        // And on the support stack of the stage in another region.
        CrossRegionSupport support = delivery.pipeline().getPipeline().getCrossRegionSupport().get("eu-central-1");
        assertEquals(List.of(), Annotations.fromStack(support.getStack()).findError("*",
                Match.stringLikeRegexp("AwsSolutions-.*")).stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList());
    }

    /** The pipeline's suppressions: each with a reason, and wildcard ones list exactly the findings they excuse. */
    @Test
    void everySuppressionOfThePipelineIsNarrowAndExplained() {
        // The pipeline's generated roles need excuses, and they are written down.
        assertFalse(NagSuppressionAudit.check(template, false).isEmpty());
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
        assertEquals(List.of("dev", "prod"), unconfigured.stages().stream().map(PipelineStage::getStageName).toList());
        // Every `cdk synth` builds it: a finding here would fail everyone's synth.
        List<Stack> stacks = new ArrayList<>(List.of(unconfigured));
        unconfigured.stages().forEach(s -> stacks.add(s.stack()));
        for (Stack stack : stacks) {
            assertEquals(List.of(), Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                    .stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList(), stack.getStackName());
        }
    }
}
