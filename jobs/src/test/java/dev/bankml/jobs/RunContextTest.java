package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bankml.workflow.settings.JobKind;

/** What a run may be told on AWS Glue, and what only off it. */
class RunContextTest {

    private static RunContext context(String... argv) {
        return RunContext.from(GlueArgs.parse(argv), JobKind.CLEANING, "deposit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--s3_endpoint=http://127.0.0.1:9000", "--s3_access_key=AKIAEXAMPLE",
            "--s3_secret_key=secret", "--s3_timeout_seconds=30"})
    void aLocalOnlyArgumentIsRefusedOnGlueNamingItAndWhatToDo(String argument) {
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> context("--JOB_RUN_ID", "jr_0123", argument));
        String flag = argument.substring(0, argument.indexOf('='));
        assertTrue(e.getMessage().startsWith("argument " + flag + " is for runs off AWS Glue only"), e.getMessage());
        assertTrue(e.getMessage().contains("--JOB_RUN_ID jr_0123"), e.getMessage());
        assertTrue(e.getMessage().contains("Start the run without " + flag), e.getMessage());
    }

    @Test
    void offGlueTheEndpointAndItsKeysAreUsed() {
        RunContext c = context("--s3_endpoint", "http://127.0.0.1:9000", "--s3_access_key", "a", "--s3_secret_key", "b");
        assertEquals("http://127.0.0.1:9000", c.s3Endpoint());
        assertEquals("a", c.s3().orElseThrow().accessKey());
        assertTrue(!c.onGlue());
    }

    @Test
    void onGlueARunCannotGiveAFixedSettingAnotherValue() {
        // Glue passes the job's NonOverridableArguments and a run's arguments; were both there, refuse.
        JobConfigurationException e = assertThrows(JobConfigurationException.class, () -> context("--JOB_RUN_ID", "jr_1",
                "--target_path", "s3://cleaned/bank/", "--target_path", "s3://elsewhere/bank/"));
        assertTrue(e.getMessage().contains("argument --target_path is given 2 times with different values "
                + "[s3://cleaned/bank/, s3://elsewhere/bank/]"), e.getMessage());
        assertThrows(JobConfigurationException.class, () -> context("--JOB_RUN_ID", "jr_1",
                "--environment", "prod", "--environment", "dev"));
    }

    @Test
    void aSettingARunMayChangeOrTheSameValueTwiceIsFine() {
        context("--JOB_RUN_ID", "jr_1", "--max_rejected_fraction", "0.05", "--max_rejected_fraction", "0.2");
        context("--JOB_RUN_ID", "jr_1", "--target_path", "s3://cleaned/bank/", "--target_path", "s3://cleaned/bank/");
        // Off Glue a repeated option is a person's correction: the last one counts.
        context("--target_path", "a", "--target_path", "b");
    }
}
