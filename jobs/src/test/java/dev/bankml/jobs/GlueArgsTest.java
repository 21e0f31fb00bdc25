package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GlueArgsTest {

    @Test
    void toleratesTheArgumentsGlueAdds() {
        GlueArgs a = GlueArgs.parse("--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_2", "--JOB_NAME", "clean",
                "--TempDir", "s3://tmp/", "--job-bookmark-option", "job-bookmark-disable",
                "--enable-glue-datacatalog", "--source_path", "s3://raw/bank/");
        assertEquals("s3://raw/bank/", a.required("source_path", "input"));
        assertEquals("jr_2", a.string("JOB_RUN_ID", null));
        assertTrue(a.keys().contains("enable-glue-datacatalog"));
        assertFalse(a.has("enable-glue-datacatalog"), "a bare flag has an empty value");
    }

    @Test
    void acceptsKeyEqualsValue() {
        assertEquals("0.1", GlueArgs.parse("--max_rejected_fraction=0.1").string("max_rejected_fraction", null));
    }

    @Test
    void aMissingRequiredArgumentIsNamed() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> GlueArgs.parse("--source_path", "x").required("target_path", "root of the cleaned table"));
        assertEquals("missing required argument --target_path (root of the cleaned table)", e.getMessage());
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
                () -> a.doubleValue("max_rejected_fraction", 0.05, 0, 1)).getMessage().contains("--max_rejected_fraction"));
        assertTrue(assertThrows(JobConfigurationException.class,
                () -> a.longValue("seed", 42)).getMessage().contains("--seed is '4.2'"));
        assertTrue(assertThrows(JobConfigurationException.class,
                () -> a.booleanValue("publish_metrics", false)).getMessage().contains("expected true or false"));
        assertTrue(assertThrows(JobConfigurationException.class,
                () -> a.doubleValue("test_fraction", 0.2, 0.05, 0.5)).getMessage().contains("between 0.05 and 0.5"));
    }

    @Test
    void listsAreTrimmedLowerCasedAndDeduplicated() {
        assertEquals(List.of("duration", "pdays"), GlueArgs.parse("--exclude_features", " Duration, pdays,,duration ")
                .list("exclude_features"));
    }

    @Test
    void choicesAreChecked() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> GlueArgs.parse("--duplicates", "drop").choice("duplicates", "keep", List.of("keep", "quarantine")));
        assertEquals("argument --duplicates is 'drop': expected one of [keep, quarantine]", e.getMessage());
    }
}
