package dev.bankml.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.InvalidSettingException;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.Usage;

/** The declarations: parsing and its messages, defaults, context keys and the help written from them. */
class SettingsTest {

    @Test
    void aValueOutsideItsBoundsNamesTheSettingTheValueAndTheBounds() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> CleaningSettings.MAX_REJECTED_FRACTION.parse("1.5"));
        assertEquals("argument --max_rejected_fraction is '1.5': expected a number in [0, 1]", e.getMessage());
        assertEquals("an integer from 2 to 100", assertThrows(InvalidSettingException.class,
                () -> InfrastructureSettings.NUMBER_OF_WORKERS.parse("two")).expected());
        assertEquals("a number in (0, 1]", assertThrows(InvalidSettingException.class,
                () -> InfrastructureSettings.AUC_FLOOR.parse("0")).expected());
        assertEquals("one of [fast, standard, thorough]", assertThrows(InvalidSettingException.class,
                () -> TrainingSettings.TUNING.parse("quick")).expected());
        assertEquals(0.2, TrainingSettings.TEST_FRACTION.parse(" 0.2 "));
        assertEquals("standard", TrainingSettings.TUNING.parse("STANDARD"));
        assertEquals(List.of("duration", "pdays"), TrainingSettings.EXCLUDE_FEATURES.parse(" Duration, pdays,,duration "));
    }

    @Test
    void namesAndContextKeysAreDeclaredOnce() {
        Set<String> names = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (Setting<?> s : Settings.all()) {
            assertTrue(names.add(s.name()), "twice: " + s.name());
            s.contextKey().ifPresent(k -> assertTrue(keys.add(k), "twice: " + k));
            assertFalse(s.help().isBlank(), s.name() + " has no help");
        }
        assertEquals(keys.size(), Settings.contextKeys().size());
    }

    @Test
    void everyDefaultParsesBackToItself() {
        for (Setting<?> s : Settings.all()) {
            s.defaultValue().ifPresent(v -> assertEquals(v, reparse(s, v), s.name()));
            s.deploymentDefault().ifPresent(v -> assertEquals(v, reparse(s, v), s.name()));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T reparse(Setting<T> s, Object v) {
        String text = s.format((T) v);
        return text.isEmpty() && v instanceof List<?> ? (T) v : s.parse(text.isEmpty() ? " " : text);
    }

    @Test
    void aDeploymentTakesItsOwnDefaultsAndContextTextOrJson() {
        SettingValues none = SettingValues.fromContext(Map.of());
        assertEquals("dev", none.get(DeploymentSettings.ENVIRONMENT));
        assertTrue(none.get(DeploymentSettings.PUBLISH_METRICS));
        assertEquals("local", SettingValues.defaults(SettingValues.Defaults.JOB).get(DeploymentSettings.ENVIRONMENT));
        SettingValues set = SettingValues.fromContext(Map.of("bankml:numberOfWorkers", 5, "bankml:testFraction", "0.3",
                "bankml:excludeFeatures", List.of("duration"), "bankml:notificationEmail", ""));
        assertEquals(5L, set.get(InfrastructureSettings.NUMBER_OF_WORKERS));
        assertEquals(0.3, set.get(TrainingSettings.TEST_FRACTION));
        assertEquals(List.of("duration"), set.get(TrainingSettings.EXCLUDE_FEATURES));
        assertFalse(set.isGiven(InfrastructureSettings.NOTIFICATION_EMAIL), "an empty value is not set");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> SettingValues.fromContext(Map.of("bankml:enviroment", "x"))).getMessage()
                .contains("bankml:enviroment"));
    }

    @Test
    void theLabelCannotAlsoBeExcluded() {
        SettingValues v = SettingValues.defaults(SettingValues.Defaults.JOB)
                .with(TrainingSettings.EXCLUDE_FEATURES, List.of("deposit"));
        assertEquals(1, Settings.conflicts(v).size());
        assertEquals("argument --exclude_features is 'deposit': feature columns only: 'deposit' is the label",
                Settings.conflicts(v).get(0).message());
    }

    @Test
    void aJobsHelpListsWhatItReadsWithDefaults() {
        String help = Usage.of(JobKind.CLEANING);
        assertTrue(help.startsWith(JobKind.CLEANING.title()), help);
        assertTrue(help.contains("Required:\n  --source_path PATH"), help);
        assertTrue(help.matches("(?s).*--max_rejected_fraction X +publish nothing when.*\\(default 0\\.05\\).*"), help);
        assertFalse(help.contains("--tuning"), "the cleaning job does not read --tuning");
        assertFalse(help.contains("TempDir"), "Glue's own arguments are not options");
    }

    @Test
    void flexIsRefusedOnWorkersItDoesNotRunOn() {
        SettingValues flexTraining = SettingValues.defaults(SettingValues.Defaults.DEPLOYMENT)
                .with(InfrastructureSettings.TRAIN_EXECUTION_CLASS, InfrastructureSettings.FLEX);
        assertEquals(List.of(), Settings.conflicts(flexTraining));
        List<Settings.Conflict> conflicts = Settings.conflicts(flexTraining.with(InfrastructureSettings.WORKER_TYPE, "G.4X"));
        assertEquals(1, conflicts.size());
        assertEquals(InfrastructureSettings.TRAIN_EXECUTION_CLASS, conflicts.get(0).setting());
        assertTrue(conflicts.get(0).problem().contains("G.4X"), conflicts.get(0).problem());
        assertEquals(List.of("G.1X", "G.2X", "G.4X", "G.8X", "G.12X", "G.16X", "R.1X", "R.2X", "R.4X", "R.8X"),
                List.copyOf(InfrastructureSettings.DPU_PER_WORKER.keySet()));
    }
}
