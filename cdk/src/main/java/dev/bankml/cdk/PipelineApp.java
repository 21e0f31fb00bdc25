package dev.bankml.cdk;

import java.nio.file.Path;
import java.util.Map;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/** The CDK app: one pipeline stack configured from context, checked by cdk-nag. */
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

    /** Adds the stack described by the app's context and the AwsSolutions checks to {@code app}. */
    @SuppressWarnings("unchecked")
    public static BankMlPipelineStack define(App app, Path projectRoot) {
        PipelineConfig config = PipelineConfig.fromContext((Map<String, Object>) app.getNode().getAllContext(),
                projectRoot);
        BankMlPipelineStack stack = new BankMlPipelineStack(app, stackName(config), StackProps.builder()
                .description("Bank marketing ML pipeline on AWS Glue 5.0 (" + config.environment() + ")")
                .build(), config);
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }

    public static String stackName(PipelineConfig config) {
        return "BankMlPipeline-" + config.environment();
    }
}
