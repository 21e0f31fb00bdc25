package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.Arg;

/** Context values: defaults, cdk.json, overrides reaching the template, and clear errors for bad values. */
class PipelineConfigTest {
    private static final Path ROOT = Path.of(".");
    private static SynthesizedPipeline custom;

    @BeforeAll
    static void synthesize() {
        // What `cdk deploy -c bankml:environment=prod -c ...` does: every value arrives as a string.
        custom = SynthesizedPipeline.with("prod", Map.of(
                PipelineConfig.ENVIRONMENT, "prod",
                PipelineConfig.NOTIFICATION_EMAIL, "oncall@example.com",
                PipelineConfig.EXCLUDE_FEATURES, "duration, pdays",
                PipelineConfig.NUMBER_OF_WORKERS, "5",
                PipelineConfig.WORKER_TYPE, "G.2X",
                PipelineConfig.STALE_RUN_HOURS, "48",
                PipelineConfig.PUBLISH_METRICS, "false"));
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
        assertEquals("dev", c.settings().environment());
        assertEquals("bankml_dev", c.settings().databaseName());
        assertEquals("deposit", c.settings().label());
        assertEquals(List.of(), c.settings().excludeFeatures());
        assertEquals("standard", c.settings().tuning());
        assertEquals(0.05, c.settings().maxRejectedFraction());
        assertEquals(0.05, c.rejectedFractionCeiling());
        assertEquals(0.01, c.settings().promotionMargin());
        assertTrue(c.settings().publishMetrics());
        assertEquals("G.1X", c.workerType());
        assertEquals(2, c.numberOfWorkers());
        assertEquals(120, c.jobTimeoutMinutes());
        assertEquals(Optional.empty(), c.notificationEmail());
        assertEquals(0.85, c.aucFloor());
        assertEquals(36, c.staleRunHours());
        assertEquals("bankml-dev", c.namePrefix());
    }

    @Test
    void cdkJsonHoldsTheDefaultsAndNothingAccountSpecific() {
        Map<String, Object> context = SynthesizedPipeline.cdkJsonContext();
        assertEquals(parse(Map.of()), parse(context));
        String cdkJson = SynthesizedPipeline.read(SynthesizedPipeline.projectRoot().resolve("cdk.json"));
        assertTrue(!cdkJson.matches("(?s).*\\b\\d{12}\\b.*"), "an account id in cdk.json");
        assertTrue(context.keySet().stream().noneMatch(k -> k.contains("account") || k.contains("region")));
    }

    @Test
    void stringValuesFromTheCommandLineAreParsed() {
        PipelineConfig c = custom.config();
        assertEquals("prod", c.settings().environment());
        assertEquals("bankml_prod", c.settings().databaseName());
        assertEquals(List.of("duration", "pdays"), c.settings().excludeFeatures());
        assertEquals(5, c.numberOfWorkers());
        assertEquals(Optional.of("oncall@example.com"), c.notificationEmail());
        assertEquals(48, c.staleRunHours());
        assertEquals(false, c.settings().publishMetrics());
    }

    @Test
    @SuppressWarnings("unchecked")
    void overridesReachTheTemplate() {
        assertEquals("BankMlPipeline-prod", custom.stack().getStackName());
        Map<String, Object> train = custom.resourcesOfType("AWS::Glue::Job").get(
                custom.logicalIdNamed("AWS::Glue::Job", "Name", "bankml-prod-train"));
        assertEquals("G.2X", train.get("WorkerType"));
        assertEquals(5, train.get("NumberOfWorkers"));
        Map<String, Object> args = (Map<String, Object>) train.get("DefaultArguments");
        assertEquals("duration,pdays", args.get("--" + Arg.EXCLUDE_FEATURES));
        assertEquals("false", args.get("--" + Arg.PUBLISH_METRICS));
        assertEquals("bankml_prod.cleaned_bank", args.get("--" + Arg.SOURCE_TABLE));
        Map<String, Object> sub = custom.resourcesOfType("AWS::SNS::Subscription").values().iterator().next();
        assertEquals("email", sub.get("Protocol"));
        assertEquals("oncall@example.com", sub.get("Endpoint"));
        custom.logicalIdNamed("AWS::Glue::Workflow", "Name", "bankml-prod-pipeline");
        custom.logicalIdNamed("AWS::CloudWatch::Alarm", "AlarmName", "bankml-prod-no-successful-run");
        assertEquals(48, custom.resourcesOfType("AWS::CloudWatch::Alarm").get(custom.logicalIdNamed(
                "AWS::CloudWatch::Alarm", "AlarmName", "bankml-prod-no-successful-run")).get("EvaluationPeriods"));
    }

    @Test
    void badValuesAreRefusedNamingTheKeyTheValueAndWhatIsExpected() {
        assertRefused(PipelineConfig.ENVIRONMENT, "Prod_1", "lower-case letters");
        assertRefused(PipelineConfig.DATABASE_NAME, "bank-ml", "lower-case letters, digits or '_'");
        assertRefused(PipelineConfig.WORKER_TYPE, "G.3X", "one of [G.12X, G.16X, G.1X");
        assertRefused(PipelineConfig.NUMBER_OF_WORKERS, "1", "from 2 to 100");
        assertRefused(PipelineConfig.NUMBER_OF_WORKERS, "two", "an integer");
        assertRefused(PipelineConfig.NUMBER_OF_WORKERS, 2.5, "an integer");
        assertRefused(PipelineConfig.JOB_TIMEOUT_MINUTES, "0", "from 5 to 2880");
        assertRefused(PipelineConfig.LABEL, "deposit yes", "a column name");
        assertRefused(PipelineConfig.EXCLUDE_FEATURES, "deposit", "is the label");
        assertRefused(PipelineConfig.EXCLUDE_FEATURES, "age;job", "comma-separated");
        assertRefused(PipelineConfig.TUNING, "quick", "one of [fast, standard, thorough]");
        assertRefused(PipelineConfig.MAX_REJECTED_FRACTION, "5%", "a number");
        assertRefused(PipelineConfig.MAX_REJECTED_FRACTION, 1.5, "[0, 1]");
        assertRefused(PipelineConfig.PROMOTION_MARGIN, -0.1, "[0, 1]");
        assertRefused(PipelineConfig.NOTIFICATION_EMAIL, "oncall", "an e-mail address");
        assertRefused(PipelineConfig.AUC_FLOOR, "0", "(0, 1]");
        assertRefused(PipelineConfig.REJECTED_FRACTION_CEILING, "2", "[0, 1]");
        assertRefused(PipelineConfig.STALE_RUN_HOURS, "200", "at most 7 days");
        assertRefused(PipelineConfig.PUBLISH_METRICS, "yes", "true or false");
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
    void missingJobJarsFailWithTheCommandThatBuildsThem(@org.junit.jupiter.api.io.TempDir Path emptyRoot) {
        software.amazon.awscdk.App app = new software.amazon.awscdk.App(software.amazon.awscdk.AppProps.builder()
                .outdir(emptyRoot.resolve("out").toString()).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PipelineApp.define(app, emptyRoot));
        assertTrue(e.getMessage().contains("jobs-cleaning-glue.jar is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("mvn -B -DskipTests package -pl jobs-cleaning -am"), e.getMessage());
    }
}
