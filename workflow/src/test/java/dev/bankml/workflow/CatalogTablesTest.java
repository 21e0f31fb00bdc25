package dev.bankml.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bankml.workflow.catalog.CatalogColumn;
import dev.bankml.workflow.catalog.CatalogTable;
import dev.bankml.workflow.catalog.CleanedTables;
import dev.bankml.workflow.catalog.GlueTypes;
import dev.bankml.workflow.catalog.OutputTables;
import dev.bankml.workflow.quality.BankColumns;

/** The catalog tables: the cleaned ones from the column contract, the analysts' ones where the jobs write them. */
class CatalogTablesTest {
    private final StorageLayout layout = new StorageLayout("s3://raw-b", "s3://cleaned-b", "s3://artifacts-b");

    @Test
    void theCleanedTablesHoldTheContractsColumnsTypedAndArePartitionedByDelivery() {
        CatalogTable outcomes = CleanedTables.of(DeliveryKind.OUTCOMES);
        assertEquals("cleaned_outcomes", outcomes.name());
        List<String> expected = new ArrayList<>(List.of("record_id"));
        BankColumns.ALL.forEach(c -> expected.add(c.name()));
        expected.addAll(List.of("source_file", "line_number"));
        assertEquals(expected, outcomes.columnNames());
        assertEquals(List.of(new CatalogColumn("batch_id", "string")), outcomes.partitionKeys());
        assertEquals(new CatalogColumn("age", "int"), outcomes.columns().get(1));
        assertEquals(new CatalogColumn("default", "boolean"), outcomes.columns().get(5));
        assertEquals(new CatalogColumn("month", "string"), outcomes.columns().get(11));
        assertEquals(new CatalogColumn("line_number", "bigint"), outcomes.columns().get(outcomes.columns().size() - 1));
        assertEquals("s3://cleaned-b/outcomes/", outcomes.location(layout));
        assertEquals("s3://cleaned-b/leads/", CleanedTables.of(DeliveryKind.LEADS).location(layout));
        assertEquals(List.of("cleaned_outcomes", "cleaned_leads"), CleanedTables.all().stream().map(CatalogTable::name).toList());
    }

    @Test
    void theAnalystsTablesLiveWhereTheJobsWriteThemPartitionedAsTheFoldersAre() {
        assertEquals("s3://artifacts-b/predictions/scored/", OutputTables.SCORED_LEADS.location(layout));
        assertEquals(List.of("label", "batch_id"), OutputTables.SCORED_LEADS.partitionKeyNames());
        assertEquals("s3://artifacts-b/metrics/monitoring/history/", OutputTables.MONITORING_HISTORY.location(layout));
        assertEquals(List.of("label", "cycle_id"), OutputTables.MONITORING_HISTORY.partitionKeyNames());
        assertEquals("s3://artifacts-b/metrics/history/", OutputTables.METRICS_HISTORY.location(layout));
        assertEquals(List.of("label", "run_id"), OutputTables.METRICS_HISTORY.partitionKeyNames());
        assertEquals("array<struct<feature:string,value:string,contribution:double>>",
                OutputTables.SCORED_LEADS.columns().get(6).type());
        assertEquals("map<string,map<string,bigint>>", OutputTables.MONITORING_HISTORY.columns().stream()
                .filter(c -> c.name().equals("unseen")).findFirst().orElseThrow().type());
        assertEquals("s3://artifacts-b/models/versions/", OutputTables.MODEL_VERSIONS.location(layout));
        assertEquals(List.of(), OutputTables.MODEL_VERSIONS.partitionKeyNames());
        assertEquals(List.of("scored_leads", "monitoring_history", "metrics_history", "model_versions"),
                OutputTables.ALL.stream().map(CatalogTable::name).toList());
    }

    @Test
    void aColumnIsDeclaredOnceWithALegalName() {
        assertThrows(IllegalArgumentException.class, () -> CatalogTable.named("t", "d").column("a", GlueTypes.STRING)
                .column("a", GlueTypes.INT).at(StorageLayout::metrics));
        assertThrows(IllegalArgumentException.class, () -> CatalogTable.named("t", "d").column("a", GlueTypes.STRING)
                .partitionedBy("a").at(StorageLayout::metrics));
        assertThrows(IllegalArgumentException.class, () -> new CatalogColumn("Model Version", GlueTypes.STRING));
    }
}
