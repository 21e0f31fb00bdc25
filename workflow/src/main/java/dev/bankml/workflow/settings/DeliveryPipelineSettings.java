package dev.bankml.workflow.settings;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * The delivery pipeline's own settings (CDK Pipelines): one value per app, which no stage may
 * set. Scope {@link Setting.Scope#INFRASTRUCTURE}.
 */
public final class DeliveryPipelineSettings {
    private DeliveryPipelineSettings() {
    }

    private static final String REGION = "[a-z]{2}(-[a-z]+)+-\\d{1,2}";
    private static final String REGION_WORDS = "an AWS region such as eu-west-1";

    public static final Setting<String> PIPELINE_REPOSITORY = Setting.builder("pipeline_repository",
                    Scope.INFRASTRUCTURE, ValueType.text("|[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", false,
                            "owner/repository as the Git host names it, or absent", "OWNER/REPO"))
            .byDefault("")
            .help("the Git repository the delivery pipeline builds")
            .deployedAs("pipelineRepository")
            .build();
    public static final Setting<String> PIPELINE_BRANCH = Setting.builder("pipeline_branch", Scope.INFRASTRUCTURE,
                    ValueType.text("[A-Za-z0-9._/-]+", false, "a branch name", "BRANCH"))
            .byDefault("main")
            .help("the branch whose pushes the delivery pipeline builds and deploys")
            .deployedAs("pipelineBranch")
            .build();
    public static final Setting<String> PIPELINE_CONNECTION_ARN = Setting.builder("pipeline_connection_arn",
                    Scope.INFRASTRUCTURE, ValueType.text(
                            "|arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[A-Za-z0-9-]+",
                            false, "the ARN of a CodeConnections (CodeStar) connection to the Git host, or absent",
                            "ARN"))
            .byDefault("")
            .help("the connection through which the delivery pipeline reads the repository")
            .deployedAs("pipelineConnectionArn")
            .build();
    public static final Setting<String> PIPELINE_ACCOUNT = Setting.builder("pipeline_account", Scope.INFRASTRUCTURE,
                    ValueType.text("|\\d{12}", false, "a 12-digit AWS account id, or absent", "ACCOUNT"))
            .byDefault("")
            .help("the AWS account of the delivery pipeline itself (the tools account)")
            .deployedAs("pipelineAccount")
            .build();
    public static final Setting<String> PIPELINE_REGION = Setting.builder("pipeline_region", Scope.INFRASTRUCTURE,
                    ValueType.text("|" + REGION, false, REGION_WORDS + ", or absent", "REGION"))
            .byDefault("")
            .help("the AWS region of the delivery pipeline itself")
            .deployedAs("pipelineRegion")
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(PIPELINE_REPOSITORY, PIPELINE_BRANCH, PIPELINE_CONNECTION_ARN, PIPELINE_ACCOUNT, PIPELINE_REGION);
}
