package dev.bankml.cdk;

import java.nio.file.Path;
import java.util.Map;

import dev.bankml.workflow.settings.DeliveryStages;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: the pipeline stack configured from context, and the delivery pipeline that deploys
 * it stage by stage; all checked by cdk-nag.
 */
public final class PipelineApp {
    /** System property naming the repository root (bin/cdk-app and the tests set it). */
    public static final String ROOT_PROPERTY = "bankml.project.root";

    private PipelineApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        define(app, Path.of(System.getProperty(ROOT_PROPERTY, ".")).toAbsolutePath().normalize());
        app.synth();
    }

    /**
     * Adds the stack described by the app's context, the delivery pipeline of its stages and the
     * AwsSolutions checks to {@code app}.
     *
     * @return the pipeline stack (deployed by hand as {@code BankMlPipeline-<environment>})
     */
    @SuppressWarnings("unchecked")
    public static BankMlPipelineStack define(App app, Path projectRoot) {
        Map<String, Object> context = (Map<String, Object>) app.getNode().getAllContext();
        PipelineConfig config = PipelineConfig.fromContext(context, projectRoot);
        BankMlPipelineStack stack = new BankMlPipelineStack(app, stackName(config), stackProps(config).build(), config);
        new DeliveryPipelineStack(app, DeliveryPipelineStack.STACK_NAME, config, DeliveryStages.fromContext(context),
                projectRoot);
        // Reaches the app's own stacks; each delivery stage adds the checks to its stack itself (PipelineStage).
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    /** The pipeline stack's description and, when the context names them, its account and region. */
    static StackProps.Builder stackProps(PipelineConfig config) {
        StackProps.Builder b = StackProps.builder()
                .description("Bank marketing ML pipeline on AWS Glue 5.0 (" + config.environment() + ")");
        if (config.account().isPresent() || config.region().isPresent()) {
            b.env(Environment.builder().account(config.account().orElse(null)).region(config.region().orElse(null)).build());
        }
        return b;
    }

    public static String stackName(PipelineConfig config) {
        return "BankMlPipeline-" + config.environment();
    }
}
