package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.WiringSettings;

class CatalogPartitionsTest {
    @Test
    void oneStatementAddsEveryPartitionAtItsFolderOnS3AndQuotesTheValues() {
        assertEquals("ALTER TABLE bankml_dev.scored_leads ADD IF NOT EXISTS "
                        + "PARTITION (label = 'deposit', batch_id = 'leads_csv-1a') LOCATION "
                        + "'s3://artifacts/predictions/scored/label=deposit/batch_id=leads_csv-1a' "
                        + "PARTITION (label = 'deposit', batch_id = 'it\\'s') LOCATION "
                        + "'s3://artifacts/predictions/scored/label=deposit/batch_id=it\\'s'",
                CatalogPartitions.statement("bankml_dev.scored_leads", "s3a://artifacts/predictions/scored/", "label",
                        "deposit", "batch_id", List.of("leads_csv-1a", "it's")));
    }

    @Test
    void aJobRegistersOnlyInTheTablesItReads() {
        GlueArgs args = GlueArgs.parse("--scored_table", "db.scored_leads", "--monitoring_table", "db.monitoring_history",
                "--metrics_table", "db.metrics_history");
        CatalogPartitions scoring = CatalogPartitions.from(args, JobKind.INFERENCE);
        assertEquals(Optional.of("db.scored_leads"), scoring.table(WiringSettings.SCORED_TABLE));
        assertEquals(Optional.of("db.monitoring_history"), scoring.table(WiringSettings.MONITORING_TABLE));
        assertEquals(Optional.empty(), scoring.table(WiringSettings.METRICS_TABLE));
        assertEquals(Optional.of("db.metrics_history"),
                CatalogPartitions.from(args, JobKind.TRAINING).table(WiringSettings.METRICS_TABLE));
        assertTrue(scoring.any());
        assertFalse(CatalogPartitions.from(GlueArgs.parse(), JobKind.INFERENCE).any());
    }

    @Test
    void onGlueTheSessionOfAJobThatRegistersNeedsTheCatalogOffGlueItDoesNot() {
        GlueArgs local = GlueArgs.parse("--scored_table", "db.scored_leads");
        assertFalse(RunContext.from(local, JobKind.INFERENCE, "deposit").registersPartitions());
        GlueArgs glue = GlueArgs.parse("--scored_table", "db.scored_leads", "--JOB_RUN_ID", "jr_1");
        assertTrue(RunContext.from(glue, JobKind.INFERENCE, "deposit").registersPartitions());
        assertFalse(RunContext.from(glue, JobKind.CLEANING, "deposit").registersPartitions(), "cleaning registers nothing");
    }
}
