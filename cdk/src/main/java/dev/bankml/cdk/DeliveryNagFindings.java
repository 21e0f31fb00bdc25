package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.pipelines.CodePipeline;
import software.amazon.awscdk.services.codebuild.IProject;
import software.amazon.awscdk.services.codepipeline.CrossRegionSupport;
import software.amazon.awscdk.services.codepipeline.Pipeline;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.IConstruct;

/**
 * The cdk-nag findings of the resources CDK Pipelines generates in the delivery stack, each excused
 * with its reason and, for wildcards (AwsSolutions-IAM5), the exact findings: CDK's grants on the
 * pipeline's own artifact bucket and key, CodeBuild's log groups and report groups of its own
 * projects, the bootstrap roles the deployment assumes. Nothing outside the pipeline's resources is
 * excused, and a new wildcard fails the build until it is written down here.
 */
final class DeliveryNagFindings {
    private DeliveryNagFindings() {
    }

    private static final List<String> READ_ACTIONS = List.of("Action::s3:GetObject*", "Action::s3:GetBucket*",
            "Action::s3:List*");
    private static final List<String> WRITE_ACTIONS = List.of("Action::s3:DeleteObject*", "Action::s3:Abort*");
    private static final List<String> KEY_ACTIONS = List.of("Action::kms:ReEncrypt*", "Action::kms:GenerateDataKey*");

    /**
     * Adds the excuses; the pipeline must be built ({@link CodePipeline#buildPipeline()}) so that its
     * roles exist.
     *
     * @param repository the source repository ({@code owner/name}), which names the source action
     * @param buildCache the bucket of the build's S3 cache
     */
    static void excuse(Stack stack, CodePipeline pipeline, String repository, IBucket buildCache) {
        Pipeline codePipeline = pipeline.getPipeline();
        String artifacts = NagFindings.resource(stack, codePipeline.getArtifactBucket().getBucketArn() + "/*");
        List<String> replicas = codePipeline.getCrossRegionSupport().values().stream()
                .map(CrossRegionSupport::getReplicationBucket)
                .map(b -> "Resource::arn:<AWS::Partition>:s3:::" + stack.resolve(b.getBucketName()) + "/*").toList();

        List<String> pipelineRole = new ArrayList<>(artifactGrants(artifacts, true));
        pipelineRole.addAll(replicas);
        if (!replicas.isEmpty()) {
            pipelineRole.add("Resource::*");
        }
        excuse(policyOf(codePipeline.getRole()), List.of(
                artifactsExcuse(pipelineRole),
                iam5("With a stage in another region, CDK Pipelines replicates the artifacts to a bucket of its support "
                        + "stack and uses that bucket's key, which it can only name by alias: the KMS grant is on '*'.",
                        replicas.isEmpty() ? List.of() : List.of("Resource::*"))));
        excuse(stack.getNode().findChild("Pipeline").getNode().findChild("Pipeline").getNode().findChild("Source")
                .getNode().findChild(repository.replace('/', '_')).getNode().findChild("CodePipelineActionRole")
                .getNode().findChild("DefaultPolicy"), List.of(artifactsExcuse(artifactGrants(artifacts, true))));
        excuse(policyOf(pipeline.getSynthProject().getRole()), List.of(
                artifactsExcuse(artifactGrants(artifacts, true)),
                codeBuildExcuse(stack, pipeline.getSynthProject()),
                iam5("CodeBuild's S3 cache: the build reads and writes the cache archive of Maven's repository, under a "
                        + "name it chooses, in the build cache bucket, which holds nothing else.",
                        List.of(NagFindings.resource(stack, buildCache.getBucketArn() + "/*")))));
        List<String> selfMutation = new ArrayList<>(artifactGrants(artifacts, false));
        selfMutation.addAll(KEY_ACTIONS);
        excuse(policyOf(pipeline.getSelfMutationProject().getRole()), List.of(
                artifactsExcuse(selfMutation),
                codeBuildExcuse(stack, pipeline.getSelfMutationProject()),
                iam5("The self-mutation step assumes the CDK bootstrap roles of this account (only those tagged "
                        + "aws-cdk:bootstrap-role, by the statement's condition) and reads stacks and buckets to deploy "
                        + "the pipeline itself, as cdk deploy does.", List.of(
                        "Resource::arn:*:iam::" + stack.getAccount() + ":role/*", "Resource::*"))));
        IConstruct assets = stack.getNode().findChild("Pipeline").getNode().tryFindChild("Assets");
        if (assets != null) {
            excuse(assets.getNode().findChild("FileRole").getNode().findChild("DefaultPolicy"), List.of(
                    artifactsExcuse(artifactGrants(artifacts, false)),
                    iam5("The asset publishing role runs CodeBuild projects CDK Pipelines creates per asset (their names "
                            + "are not known to it), writing their logs and reports, and assumes the stages' file "
                            + "publishing roles.", List.of(
                            "Resource::arn:<AWS::Partition>:logs:" + stack.getRegion() + ":" + stack.getAccount()
                                    + ":log-group:/aws/codebuild/*",
                            "Resource::arn:<AWS::Partition>:codebuild:" + stack.getRegion() + ":" + stack.getAccount()
                                    + ":report-group/*",
                            "Resource::*"))));
        }
        NagSuppressions.addResourceSuppressions(codePipeline.getArtifactBucket(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("The artifact bucket holds only the pipeline's own build outputs, encrypted with its rotated key, "
                        + "reachable only by the pipeline's roles; CodePipeline and CloudTrail record every use.")
                .build()), true);
        for (CrossRegionSupport support : codePipeline.getCrossRegionSupport().values()) {
            NagSuppressions.addResourceSuppressions(support.getReplicationBucket(), List.of(NagPackSuppression.builder()
                    .id("AwsSolutions-S1")
                    .reason("The replication bucket of a stage in another region holds only copies of the pipeline's "
                            + "artifacts, encrypted with its key, reachable only by the pipeline's roles.")
                    .build()), true);
        }
    }

    private static List<String> artifactGrants(String artifacts, boolean write) {
        List<String> out = new ArrayList<>(READ_ACTIONS);
        if (write) {
            out.addAll(WRITE_ACTIONS);
        }
        out.add(artifacts);
        if (write) {
            out.addAll(KEY_ACTIONS);
        }
        return out;
    }

    private static NagPackSuppression artifactsExcuse(List<String> findings) {
        return iam5("CDK Pipelines' grants on the pipeline's own artifact bucket and its key: the wildcards are CDK's "
                + "grant methods (read, and write for the steps that produce artifacts) on objects of that one bucket.",
                findings);
    }

    private static NagPackSuppression codeBuildExcuse(Stack stack, IProject project) {
        String name = NagFindings.render(stack.resolve(project.getProjectName()));
        return iam5("CodeBuild writes each build's log stream and test reports under names it chooses: the grant "
                + "covers this project's own log group and report groups only.", List.of(
                "Resource::arn:<AWS::Partition>:logs:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":log-group:/aws/codebuild/" + name + ":*",
                "Resource::arn:<AWS::Partition>:codebuild:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":report-group/" + name + "-*"));
    }

    private static NagPackSuppression iam5(String reason, List<String> findings) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                .appliesTo(new ArrayList<Object>(findings)).build();
    }

    private static IConstruct policyOf(IRole role) {
        return role.getNode().findChild("DefaultPolicy");
    }

    private static void excuse(IConstruct policy, List<NagPackSuppression> excuses) {
        List<NagPackSuppression> nonEmpty = excuses.stream()
                .filter(e -> e.getAppliesTo() == null || !e.getAppliesTo().isEmpty()).toList();
        NagSuppressions.addResourceSuppressions(policy, new ArrayList<>(nonEmpty), true);
    }
}
