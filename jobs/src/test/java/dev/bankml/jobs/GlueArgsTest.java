package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.GlueSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.WiringSettings;

class GlueArgsTest {

    @Test
    void toleratesTheArgumentsGlueAdds() {
        GlueArgs a = GlueArgs.parse("--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_2", "--JOB_NAME", "clean",
                "--TempDir", "s3://tmp/", "--job-bookmark-option", "job-bookmark-disable",
                "--enable-glue-datacatalog", "--source_path", "s3://raw/bank/");
        assertEquals("s3://raw/bank/", a.required(WiringSettings.SOURCE_PATH, JobKind.CLEANING));
        assertEquals("jr_2", a.get(GlueSettings.JOB_RUN_ID));
        assertTrue(a.keys().contains("enable-glue-datacatalog"));
        assertFalse(a.has("enable-glue-datacatalog"), "a bare flag has an empty value");
    }

    @Test
    void acceptsKeyEqualsValue() {
        assertEquals(0.1, GlueArgs.parse("--max_rejected_fraction=0.1").get(CleaningSettings.MAX_REJECTED_FRACTION));
    }

    @Test
    void aMissingRequiredArgumentIsNamed() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> GlueArgs.parse("--source_path", "x").required(WiringSettings.TARGET_PATH, JobKind.CLEANING));
        assertEquals("missing required argument --target_path (root of the cleaned Parquet table)", e.getMessage());
    }

    @Test
    void aStrayTokenIsRefusedWithItsPosition() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> GlueArgs.parse("--source_path", "a", "b"));
        assertTrue(e.getMessage().contains("'b' at position 3"), e.getMessage());
    }

    @Test
    void malformedNumbersAndBooleansAreNamed() {
        GlueArgs a = GlueArgs.parse("--max_rejected_fraction", "lots", "--seed", "4.2", "--publish_metrics", "maybe",
                "--test_fraction", "1.5");
        assertTrue(assertThrows(JobConfigurationException.class,
                () -> a.get(CleaningSettings.MAX_REJECTED_FRACTION)).getMessage().contains("--max_rejected_fraction"));
        assertTrue(assertThrows(JobConfigurationException.class,
                () -> a.get(TrainingSettings.SEED)).getMessage().contains("--seed is '4.2'"));
        assertTrue(assertThrows(JobConfigurationException.class,
                () -> a.get(DeploymentSettings.PUBLISH_METRICS)).getMessage().contains("expected true or false"));
        assertTrue(assertThrows(JobConfigurationException.class,
                () -> a.get(TrainingSettings.TEST_FRACTION)).getMessage().contains("in [0.05, 0.5]"));
    }

    @Test
    void listsAreTrimmedLowerCasedAndDeduplicated() {
        assertEquals(List.of("duration", "pdays"), GlueArgs.parse("--exclude_features", " Duration, pdays,,duration ")
                .get(TrainingSettings.EXCLUDE_FEATURES));
    }

    @Test
    void choicesAreChecked() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> GlueArgs.parse("--duplicates", "drop").get(CleaningSettings.DUPLICATES));
        assertEquals("argument --duplicates is 'drop': expected one of [keep, quarantine]", e.getMessage());
    }
}
