package dev.bankml.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.settings.ApprovalSettings;
import dev.bankml.workflow.settings.CampaignSettings;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.CommandLineSettings;
import dev.bankml.workflow.settings.Default;
import dev.bankml.workflow.settings.DeliveryPipelineSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.GlueSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.LocalSettings;
import dev.bankml.workflow.settings.MonitoringSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.ValueType;
import dev.bankml.workflow.settings.WiringSettings;

/** Each file of declarations holds one scope and registers every setting it declares, once. */
class SettingsRegistryTest {
    static final List<Class<?>> FILES = List.of(WiringSettings.class, DeploymentSettings.class, CleaningSettings.class,
            TrainingSettings.class, MonitoringSettings.class, CampaignSettings.class, RunSettings.class,
            ApprovalSettings.class,
            LocalSettings.class, GlueSettings.class, CommandLineSettings.class, InfrastructureSettings.class,
            DeliveryPipelineSettings.class);

    @Test
    void everyDeclaredSettingIsRegisteredInDeclarationOrderAndEachFileHoldsOneScope() throws Exception {
        List<Setting<?>> declared = new ArrayList<>();
        for (Class<?> file : FILES) {
            Set<Setting.Scope> scopes = new LinkedHashSet<>();
            for (Field f : file.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getModifiers())
                        && f.getType() == Setting.class) {
                    Setting<?> s = (Setting<?>) f.get(null);
                    declared.add(s);
                    scopes.add(s.scope());
                }
            }
            assertEquals(1, scopes.size(), file.getSimpleName() + " holds the scopes " + scopes);
        }
        assertEquals(declared, Settings.all(), "a declared setting is missing from its file's ALL, or out of order");
    }

    @Test
    void aJobSaidTwiceToReadASettingIsRefusedAtDeclaration() {
        Setting.Builder<String> b = Setting.builder("x_y", Setting.Scope.DEPLOYMENT, ValueType.path())
                .readBy(JobKind.CLEANING, JobKind.INFERENCE);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> b.readBy(JobKind.INFERENCE, "another help"));
        assertTrue(e.getMessage().contains("--x_y says twice how INFERENCE reads it"), e.getMessage());
    }

    @Test
    void oneDefaultAnswersForAJobTheDeploymentAndTheHelp() {
        Setting<String> env = DeploymentSettings.ENVIRONMENT;
        assertEquals("local", env.defaultValue().orElseThrow());
        assertEquals("dev", env.deploymentDefault().orElseThrow());
        Setting<String> db = DeploymentSettings.DATABASE_NAME;
        assertEquals("bankml", db.defaultValue().orElseThrow());
        assertTrue(db.deploymentDefault().isEmpty(), "the CDK app derives it from the environment");
        assertEquals("bankml locally, bankml_<environment> on AWS", db.defaultText().orElseThrow());
        assertEquals("all seven", TrainingSettings.MODELS.defaultText().orElseThrow());
        assertEquals(List.of(), TrainingSettings.MODELS.defaultValue().orElseThrow());
        assertEquals("0.05", CleaningSettings.MAX_REJECTED_FRACTION.defaultText().orElseThrow());
        assertTrue(RunSettings.RUN_ID.defaultValue().isEmpty());
        assertTrue(RunSettings.RUN_ID.defaultText().orElseThrow().startsWith("a new id"));
        Setting<String> none = Setting.builder("x_z", Setting.Scope.RUN, ValueType.path()).byDefault(Default.none())
                .build();
        assertTrue(none.defaultText().isEmpty() && none.defaultValue().isEmpty() && none.deploymentDefault().isEmpty());
    }
}
