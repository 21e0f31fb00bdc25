package dev.bankml.cdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.workflow.settings.DeliveryPipelineSettings;
import dev.bankml.workflow.settings.DeliveryStages;
import dev.bankml.workflow.settings.Setting;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.pipelines.AddStageOpts;
import software.amazon.awscdk.pipelines.CodeBuildStep;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.pipelines.CodePipelineSource;
import software.amazon.awscdk.pipelines.ConnectionSourceOptions;
import software.amazon.awscdk.pipelines.ManualApprovalStep;
import software.amazon.awscdk.services.codebuild.BuildEnvironment;
import software.amazon.awscdk.services.codebuild.BucketCacheOptions;
import software.amazon.awscdk.services.codebuild.BuildSpec;
import software.amazon.awscdk.services.codebuild.Cache;
import software.amazon.awscdk.services.codebuild.ComputeType;
import software.amazon.awscdk.services.codebuild.LinuxBuildImage;
import software.amazon.awscdk.services.codepipeline.PipelineType;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * The delivery pipeline (CDK Pipelines): on every push to the configured branch of the repository
 * (through a CodeConnections connection), build and test the repository ({@code mvn -B verify}),
 * synthesize the app, update itself, then deploy the stages of {@code bankml:stages} in order (dev,
 * then prod), each after a manual approval but the first. Each stage is the whole pipeline stack
 * with the stage's own context, in the stage's account and region; the artifacts are encrypted with
 * a rotated key so stages may live in other accounts.
 *
 * <p>It is part of the app so every {@code cdk synth} builds and checks it. Until the repository, the
 * connection and every account are set it is synthesized with placeholders (account {@value
 * #UNSET_ACCOUNT}, which no credentials reach) and a warning, so it cannot be deployed by mistake.
 */
public class DeliveryPipelineStack extends Stack {

    public static final String STACK_NAME = "BankMlDelivery";
    /** The CDK CLI the pipeline's self-mutation and asset steps run: the one package.json pins. */
    static final String CDK_CLI_VERSION = "2.1148.1";
    /** The account of anything not configured: a valid id that belongs to nobody. */
    public static final String UNSET_ACCOUNT = "000000000000";
    /** The region of anything not configured. */
    public static final String UNSET_REGION = "us-east-1";
    /** The commands of the build: the repository's own test command, then the app's synthesis. */
    static final List<String> BUILD_COMMANDS = List.of("mvn -B verify", "npx cdk synth");
    /** Maven's local repository in the build image (the build runs as root): kept between builds. */
    static final String MAVEN_REPOSITORY = "/root/.m2/**/*";
    /** Days a cached repository is kept without a build renewing it. */
    static final int CACHE_DAYS = 30;

    private final Bucket buildCache;
    private final CodePipeline pipeline;
    private final List<PipelineStage> stages = new ArrayList<>();
    private final List<String> unset = new ArrayList<>();

    /**
     * @param app         the app's configuration (the pipeline's own settings)
     * @param stageList   the stages, in order
     * @param projectRoot the repository root
     */
    public DeliveryPipelineStack(Construct scope, String id, PipelineConfig app, List<DeliveryStages.Stage> stageList,
                                 Path projectRoot) {
        super(scope, id, StackProps.builder()
                .description("Delivery pipeline of the bank ML pipeline: build, test, deploy "
                        + String.join(" then ", stageList.stream().map(DeliveryStages.Stage::name).toList()))
                .env(Environment.builder()
                        .account(app.pipelineAccount().orElse(UNSET_ACCOUNT))
                        .region(app.pipelineRegion().orElse(UNSET_REGION))
                        .build())
                .build());
        orUnset(app.pipelineAccount(), DeliveryPipelineSettings.PIPELINE_ACCOUNT, UNSET_ACCOUNT);
        orUnset(app.pipelineRegion(), DeliveryPipelineSettings.PIPELINE_REGION, UNSET_REGION);
        String connection = orUnset(app.pipelineConnectionArn(), DeliveryPipelineSettings.PIPELINE_CONNECTION_ARN,
                "arn:aws:codeconnections:" + UNSET_REGION + ":" + UNSET_ACCOUNT + ":connection/unset");
        String repository = orUnset(app.pipelineRepository(), DeliveryPipelineSettings.PIPELINE_REPOSITORY, "unset/unset");
        CodePipelineSource source = CodePipelineSource.connection(repository, app.pipelineBranch(),
                ConnectionSourceOptions.builder().connectionArn(connection).build());
        // Without it every build downloads Spark, Hadoop and the AWS SDKs again (hundreds of megabytes).
        this.buildCache = new SecureBucket(this, "BuildCache", SecureBucket.Props.builder()
                .expireAfter(Duration.days(CACHE_DAYS)).build()).bucket();
        NagSuppressions.addResourceSuppressions(buildCache, List.of(NagPackSuppression.builder().id("AwsSolutions-S1")
                .reason("The build cache holds copies of public Maven artifacts for the pipeline's own CodeBuild project "
                        + "only (its role is the only grantee); CloudTrail records its use, and access logs of a cache "
                        + "would record nothing worth keeping.")
                .build()));
        this.pipeline = CodePipeline.Builder.create(this, "Pipeline")
                .pipelineName("bankml-delivery")
                .pipelineType(PipelineType.V2)
                // Stages in other accounts: the artifacts get a KMS key (rotated) those accounts can be granted.
                .crossAccountKeys(true)
                .enableKeyRotation(true)
                .cliVersion(CDK_CLI_VERSION)
                .synth(build(source, buildCache))
                .build();
        for (int i = 0; i < stageList.size(); i++) {
            addStage(stageList.get(i), i == 0 ? null : stageList.get(i - 1).name(), app, projectRoot);
        }
        // Builds the CodePipeline now, so that the suppressions below can name its constructs.
        pipeline.buildPipeline();
        DeliveryNagFindings.excuse(this, pipeline, repository, buildCache);
        if (!unset.isEmpty()) {
            Annotations.of(this).addWarningV2("bankml:delivery-pipeline-unconfigured", "The delivery pipeline is not "
                    + "configured, so it is synthesized with placeholders and cannot be deployed: set " + unset
                    + " in cdk.json (docs/DEPLOY.md, \"Delivery pipeline\"). Deploying BankMlPipeline-<environment> by hand "
                    + "does not need them.");
        }
    }

    /**
     * Build and test with the repository's own command, then synthesize: Java 17 for the build, Node
     * for the CDK CLI (npm ci installs the pinned one), and room for the Spark tests (the build's test
     * JVMs take 3 GB each; the small build host has 3 GB in all). Maven's repository is cached in S3 between
     * builds. The build leaves the app packaged ({@code mvn verify} runs the package phase), so {@code cdk
     * synth}'s {@code bin/cdk-app} finds it up to date and does not build again.
     */
    private static CodeBuildStep build(CodePipelineSource source, Bucket cache) {
        return CodeBuildStep.Builder.create("Synth")
                .input(source)
                .installCommands(List.of("npm ci"))
                .commands(BUILD_COMMANDS)
                .env(Map.of("CDK_DISABLE_CLI_TELEMETRY", "true"))
                .buildEnvironment(BuildEnvironment.builder()
                        .buildImage(LinuxBuildImage.STANDARD_7_0)
                        .computeType(ComputeType.LARGE)
                        .build())
                .cache(Cache.bucket(cache, BucketCacheOptions.builder().prefix("maven").build()))
                .partialBuildSpec(BuildSpec.fromObject(Map.of(
                        "phases", Map.of("install", Map.of("runtime-versions", Map.of("java", "corretto17", "nodejs", "20"))),
                        "cache", Map.of("paths", List.of(MAVEN_REPOSITORY)))))
                .timeout(Duration.minutes(60))
                .build();
    }

    /** A stage in its account and region, after a manual approval unless it is the first. */
    private void addStage(DeliveryStages.Stage stage, String previous, PipelineConfig app, Path projectRoot) {
        PipelineConfig config = PipelineConfig.ofStage(stage, projectRoot);
        Environment env = Environment.builder()
                .account(orUnset(config.account().or(app::pipelineAccount), "account of stage " + stage.name(),
                        UNSET_ACCOUNT))
                .region(orUnset(config.region().or(app::pipelineRegion), "region of stage " + stage.name(), UNSET_REGION))
                .build();
        PipelineStage deployed = new PipelineStage(this, stage.name(), config, env);
        stages.add(deployed);
        AddStageOpts.Builder opts = AddStageOpts.builder();
        if (previous != null) {
            opts.pre(List.of(ManualApprovalStep.Builder.create("PromoteTo-" + stage.name())
                    .comment("Deploy " + PipelineApp.stackName(config) + " to " + stage.name() + "? Check the " + previous
                            + " stage's first run first (docs/DEPLOY.md, \"First run: what to check\").")
                    .build()));
        }
        pipeline.addStage(deployed, opts.build());
    }

    private String orUnset(Optional<String> value, Setting<?> setting, String placeholder) {
        return orUnset(value, setting.contextKey().orElseThrow(), placeholder);
    }

    private String orUnset(Optional<String> value, String what, String placeholder) {
        if (value.isPresent()) {
            return value.get();
        }
        unset.add(what);
        return placeholder;
    }

    /** The bucket CodeBuild keeps Maven's repository in between builds. */
    public Bucket buildCache() {
        return buildCache;
    }

    public CodePipeline pipeline() {
        return pipeline;
    }

    /** The stages, in order. */
    public List<PipelineStage> stages() {
        return stages;
    }

    /** What is not configured yet (empty when the pipeline can be deployed). */
    public List<String> unset() {
        return unset;
    }
}
