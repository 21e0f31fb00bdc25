package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeliveryPipelineSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.WiringSettings;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Context values: defaults, cdk.json, overrides reaching the template, and clear errors for bad values. */
class PipelineConfigTest {
    private static final Path ROOT = Path.of(".");
    private static SynthesizedPipeline custom;

    @BeforeAll
    static void synthesize() {
        // What `cdk deploy -c bankml:environment=prod -c ...` does: every value arrives as a string.
        custom = SynthesizedPipeline.with("prod", Map.of(
                key(DeploymentSettings.ENVIRONMENT), "prod",
                key(InfrastructureSettings.NOTIFICATION_EMAIL), "oncall@example.com",
                key(TrainingSettings.EXCLUDE_FEATURES), "duration, pdays",
                key(InfrastructureSettings.NUMBER_OF_WORKERS), "5",
                key(InfrastructureSettings.WORKER_TYPE), "G.2X",
                key(InfrastructureSettings.STALE_RUN_HOURS), "48",
                key(InfrastructureSettings.TRAIN_EXECUTION_CLASS), "flex",
                key(InfrastructureSettings.CATCH_UP_DAYS), "0",
                key(DeploymentSettings.PUBLISH_METRICS), "false"));
    }

    private static String key(Setting<?> setting) {
        return setting.contextKey().orElseThrow();
    }

    private static PipelineConfig parse(Map<String, Object> context) {
        return PipelineConfig.fromContext(context, ROOT);
    }

    private static void assertRefused(String key, Object value, String expectedWords) {
        Map<String, Object> context = new HashMap<>();
        context.put(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(context));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedWords), e.getMessage());
    }

    @Test
    void defaultsNeedNoContextAtAll() {
        PipelineConfig c = parse(Map.of());
        assertEquals("dev", c.environment());
        assertEquals("bankml_dev", c.databaseName());
        assertEquals("deposit", c.label());
        assertEquals(List.of(), c.settings().get(TrainingSettings.EXCLUDE_FEATURES));
        assertEquals("standard", c.settings().get(TrainingSettings.TUNING));
        assertEquals(0.05, c.settings().get(CleaningSettings.MAX_REJECTED_FRACTION));
        assertEquals(0.05, c.rejectedFractionCeiling());
        assertEquals(0.01, c.settings().get(TrainingSettings.PROMOTION_MARGIN));
        assertTrue(c.settings().get(DeploymentSettings.PUBLISH_METRICS));
        assertEquals("G.1X", c.workerType());
        assertEquals(2, c.numberOfWorkers());
        assertEquals(120, c.jobTimeoutMinutes());
        assertEquals(Optional.empty(), c.notificationEmail());
        assertEquals(0.7, c.aucFloor());
        assertEquals(0, c.staleRunHours());
        assertEquals("bankml-dev", c.namePrefix());
    }

    @Test
    void cdkJsonHoldsTheDefaultsAndNothingAccountSpecific() {
        Map<String, Object> context = SynthesizedPipeline.cdkJsonContext();
        assertEquals(parse(Map.of()), parse(context));
        String cdkJson = SynthesizedPipeline.read(SynthesizedPipeline.projectRoot().resolve("cdk.json"));
        assertTrue(!cdkJson.matches("(?s).*\\b\\d{12}\\b.*"), "an account id in cdk.json");
        // The account and region keys are there to be filled in (and empty: the stack stays environment-agnostic).
        for (Setting<?> s : List.of(InfrastructureSettings.DEPLOY_ACCOUNT, InfrastructureSettings.DEPLOY_REGION, DeliveryPipelineSettings.PIPELINE_ACCOUNT,
                DeliveryPipelineSettings.PIPELINE_REGION, DeliveryPipelineSettings.PIPELINE_CONNECTION_ARN)) {
            assertEquals("", context.get(key(s)), key(s));
        }
        assertEquals(Optional.empty(), parse(context).account());
    }

    @Test
    void cdkJsonNamesEveryKeyThatHasADefaultAndNoOther() {
        Set<String> inCdkJson = new TreeSet<>(SynthesizedPipeline.cdkJsonContext().keySet());
        inCdkJson.removeIf(k -> !k.startsWith(Settings.CONTEXT_PREFIX));
        Set<String> declared = new TreeSet<>();
        for (Setting<?> s : Settings.all()) {
            if (s.contextKey().isPresent() && s.deploymentDefault().isPresent()) {
                declared.add(s.contextKey().get());
            }
        }
        declared.add(Settings.STAGES_KEY);
        assertEquals(declared, inCdkJson, "cdk.json shows every deployment setting with its default, and the stages");
    }

    @Test
    void stringValuesFromTheCommandLineAreParsed() {
        PipelineConfig c = custom.config();
        assertEquals("prod", c.environment());
        assertEquals("bankml_prod", c.databaseName());
        assertEquals(List.of("duration", "pdays"), c.settings().get(TrainingSettings.EXCLUDE_FEATURES));
        assertEquals(5, c.numberOfWorkers());
        assertEquals(Optional.of("oncall@example.com"), c.notificationEmail());
        assertEquals(48, c.staleRunHours());
        assertEquals(false, c.settings().get(DeploymentSettings.PUBLISH_METRICS));
    }

    @Test
    void overridesReachTheTemplate() {
        assertEquals("BankMlPipeline-prod", custom.stack().getStackName());
        Template t = custom.template();
        t.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-prod-train",
                "WorkerType", "G.2X", "NumberOfWorkers", 5,
                "DefaultArguments", Match.objectLike(Map.of(TrainingSettings.EXCLUDE_FEATURES.flag(), "duration,pdays")),
                "NonOverridableArguments", Match.objectLike(Map.of(DeploymentSettings.PUBLISH_METRICS.flag(), "false",
                        WiringSettings.SOURCE_TABLE.flag(), "bankml_prod.cleaned_outcomes")))));
        t.resourceCountIs("AWS::SNS::Subscription", 1);
        t.hasResourceProperties("AWS::SNS::Subscription", Match.objectLike(Map.of("Protocol", "email",
                "Endpoint", "oncall@example.com")));
        custom.idNamed("AWS::Glue::Workflow", "bankml-prod-pipeline");
        // Flex for the training job only (as asked); every job told its workers' DPUs and their number.
        t.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-prod-train",
                "ExecutionClass", "FLEX")));
        // And the approval job, standard: a person waits for it.
        t.resourcePropertiesCountIs("AWS::Glue::Job", Match.objectLike(Map.of("ExecutionClass", "STANDARD")), 4);
        t.allResourcesProperties("AWS::Glue::Job", Match.objectLike(Map.of("NonOverridableArguments", Match.objectLike(
                Map.of(WiringSettings.DPU_PER_WORKER.flag(), "2", WiringSettings.WORKER_COUNT.flag(), "5")))));
        // No catch-up rule: deliveries alone start cycles, and only their rule may use the role and the queue.
        t.resourcePropertiesCountIs("AWS::Events::Rule", Match.objectLike(Map.of("Name", "bankml-prod-catch-up")), 0);
        t.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("Name", "bankml-prod-deliveries")));
        t.hasResourceProperties("AWS::SQS::QueuePolicy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of("Sid", "OurRulesDeadLetters",
                        "Condition", Map.of("ArnEquals", Map.of("aws:SourceArn",
                                List.of(WorkflowGraphTest.ruleArn("bankml-prod-deliveries")))))))))))));
        // Silence is the failure this alarm exists for.
        t.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "AlarmName", "bankml-prod-no-successful-run",
                "MetricName", MetricNames.RUN_SUCCEEDED,
                "TreatMissingData", "breaching",
                "Period", 3600,
                "EvaluationPeriods", 48,
                "DatapointsToAlarm", 48,
                "ComparisonOperator", "LessThanThreshold")));
    }

    @Test
    void badValuesAreRefusedNamingTheKeyTheValueAndWhatIsExpected() {
        assertRefused(key(DeploymentSettings.ENVIRONMENT), "Prod_1", "lower-case letters");
        assertRefused(key(DeploymentSettings.DATABASE_NAME), "bank-ml", "lower-case letters, digits or '_'");
        assertRefused(key(InfrastructureSettings.WORKER_TYPE), "G.3X", "one of [G.12X, G.16X, G.1X");
        assertRefused(key(InfrastructureSettings.NUMBER_OF_WORKERS), "1", "from 2 to 100");
        assertRefused(key(InfrastructureSettings.NUMBER_OF_WORKERS), "two", "an integer");
        assertRefused(key(InfrastructureSettings.NUMBER_OF_WORKERS), 2.5, "an integer");
        assertRefused(key(InfrastructureSettings.JOB_TIMEOUT_MINUTES), "0", "from 5 to 2880");
        assertRefused(key(DeploymentSettings.LABEL), "deposit yes", "one of [default, deposit, housing, loan]");
        assertRefused(key(TrainingSettings.EXCLUDE_FEATURES), "deposit", "is the label");
        assertRefused(key(TrainingSettings.EXCLUDE_FEATURES), "age;job", "comma-separated");
        assertRefused(key(TrainingSettings.TUNING), "quick", "one of [fast, standard, thorough]");
        assertRefused(key(CleaningSettings.MAX_REJECTED_FRACTION), "5%", "a number in [0, 1]");
        assertRefused(key(CleaningSettings.MAX_REJECTED_FRACTION), 1.5, "[0, 1]");
        assertRefused(key(TrainingSettings.PROMOTION_MARGIN), -0.1, "[0, 1]");
        assertRefused(key(InfrastructureSettings.NOTIFICATION_EMAIL), "oncall", "an e-mail address");
        assertRefused(key(InfrastructureSettings.AUC_FLOOR), "0", "(0, 1]");
        assertRefused(key(InfrastructureSettings.REJECTED_FRACTION_CEILING), "2", "[0, 1]");
        assertRefused(key(InfrastructureSettings.STALE_RUN_HOURS), "200", "at most 7 days");
        assertRefused(key(DeploymentSettings.PUBLISH_METRICS), "yes", "true or false");
        assertRefused(key(InfrastructureSettings.EVALUATE_EXECUTION_CLASS), "spot", "one of [FLEX, STANDARD]");
        assertRefused(key(InfrastructureSettings.CATCH_UP_DAYS), "40", "from 0 to 31");
    }

    @Test
    void flexIsRefusedOnWorkersGlueDoesNotRunItOn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(Map.of(
                key(InfrastructureSettings.TRAIN_EXECUTION_CLASS), "FLEX", key(InfrastructureSettings.WORKER_TYPE), "G.4X")));
        assertTrue(e.getMessage().contains(key(InfrastructureSettings.TRAIN_EXECUTION_CLASS)), e.getMessage());
        assertTrue(e.getMessage().contains("G.4X"), e.getMessage());
        assertEquals("FLEX", parse(Map.of(key(InfrastructureSettings.EVALUATE_EXECUTION_CLASS), "FLEX",
                key(InfrastructureSettings.WORKER_TYPE), "G.2X")).executionClass(JobKind.MONITORING));
        assertEquals("STANDARD", parse(Map.of()).executionClass(JobKind.TRAINING));
        assertEquals("STANDARD", parse(Map.of()).executionClass(JobKind.INFERENCE));
    }

    @Test
    void aMisspelledKeyIsRefusedRatherThanIgnored() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse(Map.of("bankml:enviroment", "prod")));
        assertTrue(e.getMessage().contains("bankml:enviroment"), e.getMessage());
        // Keys of other tools (CDK feature flags) are none of our business.
        parse(Map.of("@aws-cdk/core:checkSecretUsage", true));
    }

    @Test
    void missingJobJarsFailWithTheCommandThatBuildsThem(@TempDir Path emptyRoot) {
        App app = new App(AppProps.builder()
                .outdir(emptyRoot.resolve("out").toString()).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PipelineApp.define(app, emptyRoot));
        assertTrue(e.getMessage().contains("jobs-cleaning-glue.jar is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -B -DskipTests package -pl jobs-cleaning -am"), e.getMessage());
    }
}
