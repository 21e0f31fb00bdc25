package dev.bankml.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.settings.DeliveryStages;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.Settings;

/** The delivery pipeline's stages: each the app's context with its own values on top, checked by the declarations. */
class DeliveryStagesTest {

    @Test
    void aStageSetsItsOwnValuesOverTheAppsAndIsNamedItsEnvironment() {
        Map<String, Object> context = Map.of("bankml:environment", "dev", "bankml:numberOfWorkers", 2,
                "bankml:aucFloor", 0.85, Settings.STAGES_KEY, List.of(
                        Map.of("name", "dev", "account", "111122223333", "region", "eu-west-1"),
                        Map.of("name", "prod", "account", "444455556666", "region", "eu-west-1", "numberOfWorkers", 5,
                                "notificationEmail", "oncall@example.com")));
        List<DeliveryStages.Stage> stages = DeliveryStages.fromContext(context);
        assertEquals(List.of("dev", "prod"), stages.stream().map(DeliveryStages.Stage::name).toList());
        SettingValues prod = SettingValues.fromContext(stages.get(1).context());
        assertEquals("prod", prod.get(DeploymentSettings.ENVIRONMENT));
        assertEquals(5L, prod.get(InfrastructureSettings.NUMBER_OF_WORKERS));
        assertEquals(0.85, prod.get(InfrastructureSettings.AUC_FLOOR), "the app's value where the stage sets none");
        assertEquals("444455556666", prod.get(InfrastructureSettings.DEPLOY_ACCOUNT));
        assertEquals("oncall@example.com", prod.get(InfrastructureSettings.NOTIFICATION_EMAIL));
        assertEquals(2L, SettingValues.fromContext(stages.get(0).context()).get(InfrastructureSettings.NUMBER_OF_WORKERS));
    }

    @Test
    void withoutStagesThePipelineHasDevThenProd() {
        assertEquals(List.of("dev", "prod"), DeliveryStages.fromContext(Map.of()).stream()
                .map(DeliveryStages.Stage::name).toList());
    }

    @Test
    void aMisspelledOrPipelineWideKeyInAStageIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeliveryStages.fromContext(
                Map.of(Settings.STAGES_KEY, List.of(Map.of("name", "dev"), Map.of("name", "prod", "numberOfWorker", 5)))));
        assertTrue(e.getMessage().startsWith("Unknown key bankml:stages[1].numberOfWorker (stage 'prod')"), e.getMessage());
        assertTrue(e.getMessage().contains("numberOfWorkers"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeliveryStages.fromContext(
                Map.of(Settings.STAGES_KEY, List.of(Map.of("name", "dev", "pipelineBranch", "x")))));
        assertTrue(e.getMessage().contains("bankml:stages[0].pipelineBranch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeliveryStages.fromContext(
                Map.of(Settings.STAGES_KEY, List.of(Map.of("name", "Prod")))));
        assertTrue(e.getMessage().contains("bankml:stages[0].name='Prod'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeliveryStages.fromContext(
                Map.of(Settings.STAGES_KEY, "dev,prod")));
        assertTrue(e.getMessage().contains("expected a non-empty list of objects"), e.getMessage());
    }
}
