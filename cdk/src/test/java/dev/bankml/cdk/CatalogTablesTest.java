package dev.bankml.cdk;

import static dev.bankml.cdk.PipelineTemplateTest.s3;
import static dev.bankml.cdk.SynthesizedPipeline.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.catalog.CatalogColumn;
import dev.bankml.workflow.catalog.CatalogTable;
import dev.bankml.workflow.catalog.CleanedTables;
import dev.bankml.workflow.catalog.OutputTables;
import dev.bankml.workflow.settings.WiringSettings;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The pipeline's tables exist at deploy, as workflow/.../catalog declares them: the cleaned tables
 * (so the data-quality ruleset's table is there before any crawl, and the first crawl only adds
 * partitions where the training job reads them) and the tables an analyst queries with Athena, each a
 * Parquet table in the pipeline's database, at the folder its job writes, partitioned as the folders are.
 */
class CatalogTablesTest {
    private static SynthesizedPipeline synth;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        template = synth.template();
    }

    private static List<Object> columns(List<CatalogColumn> columns) {
        return columns.stream().map(c -> (Object) Map.of("Name", c.name(), "Type", c.type())).toList();
    }

    /** The table as CloudFormation must declare it: a Parquet table like the ones Glue crawlers register. */
    private static Object declared(CatalogTable t, Object location) {
        return Match.objectEquals(Map.of(
                "CatalogId", ref("AWS::AccountId"),
                "DatabaseName", "bankml_dev",
                "TableInput", Match.objectEquals(Map.of(
                        "Name", t.name(),
                        "Description", t.description(),
                        "TableType", "EXTERNAL_TABLE",
                        // What a crawler sets on a Parquet table and compares on the next crawl.
                        "Parameters", Map.of("classification", "parquet", "compressionType", "none", "typeOfData", "file",
                                "EXTERNAL", "TRUE"),
                        "PartitionKeys", columns(t.partitionKeys()),
                        "StorageDescriptor", Match.objectEquals(Map.of(
                                "Location", location,
                                "Columns", columns(t.columns()),
                                "InputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
                                "OutputFormat", "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
                                "SerdeInfo", Map.of("SerializationLibrary",
                                        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                                        "Parameters", Map.of("serialization.format", "1"))))))));
    }

    @Test
    void theCleanedTablesAreDeclaredFromTheColumnContractPartitionedByDelivery() {
        // The two cleaned tables, and the four output tables (scored leads, monitoring, metrics, model versions).
        template.resourceCountIs("AWS::Glue::Table", 6);
        for (DeliveryKind kind : DeliveryKind.values()) {
            template.hasResourceProperties("AWS::Glue::Table", declared(CleanedTables.of(kind),
                    s3(synth.bucket("Cleaned"), kind.id() + "/")));
        }
        Capture cols = new Capture();
        template.hasResourceProperties("AWS::Glue::Table", Match.objectLike(Map.of("TableInput", Match.objectLike(Map.of(
                "Name", "cleaned_outcomes", "PartitionKeys", List.of(Map.of("Name", "batch_id", "Type", "string")),
                "StorageDescriptor", Match.objectLike(Map.of("Columns", cols)))))));
        // What the cleaning job writes: the row id, the 17 bank columns typed, the lineage.
        assertEquals(20, cols.asArray().size());
        assertEquals(Map.of("Name", "record_id", "Type", "string"), cols.asArray().get(0));
        assertEquals(Map.of("Name", "age", "Type", "int"), cols.asArray().get(1));
        assertEquals(Map.of("Name", "deposit", "Type", "boolean"), cols.asArray().get(17));
        assertEquals(Map.of("Name", "line_number", "Type", "bigint"), cols.asArray().get(19));
    }

    @Test
    void theRulesetsTableAndTheCrawledTablesExistBeforeWhatNamesThem() {
        String outcomes = synth.idOf("AWS::Glue::Table", Map.of("TableInput", Match.objectLike(Map.of("Name",
                "cleaned_outcomes"))));
        String leads = synth.idOf("AWS::Glue::Table", Map.of("TableInput", Match.objectLike(Map.of("Name",
                "cleaned_leads"))));
        template.hasResource("AWS::Glue::DataQualityRuleset", Match.objectLike(Map.of(
                "DependsOn", Match.arrayWith(List.of(outcomes)))));
        for (String table : List.of(outcomes, leads)) {
            template.hasResource("AWS::Glue::Crawler", Match.objectLike(Map.of(
                    "Properties", Match.objectLike(Map.of("Name", "bankml-dev-crawl-cleaned")),
                    "DependsOn", Match.arrayWith(List.of(table)))));
        }
        String database = synth.idOf("AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of(
                "Name", "bankml_dev"))));
        template.allResources("AWS::Glue::Table", Match.objectLike(Map.of("DependsOn", Match.arrayWith(List.of(database)))));
    }

    @Test
    void theAnalystsTablesAreWhereTheirJobsWriteAndTheJobsAreToldTheirNames() {
        template.hasResourceProperties("AWS::Glue::Table", declared(OutputTables.SCORED_LEADS,
                s3(synth.bucket("Artifacts"), "predictions/scored/")));
        template.hasResourceProperties("AWS::Glue::Table", declared(OutputTables.MONITORING_HISTORY,
                s3(synth.bucket("Artifacts"), "metrics/monitoring/history/")));
        template.hasResourceProperties("AWS::Glue::Table", declared(OutputTables.METRICS_HISTORY,
                s3(synth.bucket("Artifacts"), "metrics/history/")));
        template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-dev-score",
                "NonOverridableArguments", Match.objectLike(Map.of(
                        WiringSettings.SCORED_TABLE.flag(), "bankml_dev.scored_leads",
                        WiringSettings.MONITORING_TABLE.flag(), "bankml_dev.monitoring_history")))));
        template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-dev-train",
                "NonOverridableArguments", Match.objectLike(Map.of(
                        WiringSettings.METRICS_TABLE.flag(), "bankml_dev.metrics_history")))));
        template.hasOutput("AnalystsDatabase", Map.of("Value", "bankml_dev"));
    }
}
