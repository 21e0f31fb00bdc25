package dev.bankml.cdk;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.StageProps;
import software.constructs.Construct;

/**
 * One stage of the delivery pipeline: the whole pipeline stack, configured by the stage's context,
 * in the stage's account and region, under the same stack name a deployment by hand would use. The
 * cdk-nag checks are added here: an aspect of the app does not reach a stage's stacks, and the
 * pipeline synthesizes a stage as soon as it is added, so a later aspect would never run.
 */
public class PipelineStage extends Stage {

    private final BankMlPipelineStack stack;

    /**
     * @param config the stage's configuration
     * @param env    where it deploys (explicit, so the pipeline synthesizes without looking anything up)
     */
    public PipelineStage(Construct scope, String id, PipelineConfig config, Environment env) {
        super(scope, id, StageProps.builder().env(env).stageName(id).build());
        this.stack = new BankMlPipelineStack(this, PipelineApp.stackName(config), PipelineApp.stackProps(config)
                .stackName(PipelineApp.stackName(config)).build(), config);
        Aspects.of(this).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    }

    public BankMlPipelineStack stack() {
        return stack;
    }
}
