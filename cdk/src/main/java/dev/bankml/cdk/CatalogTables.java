package dev.bankml.cdk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.catalog.CatalogColumn;
import dev.bankml.workflow.catalog.CatalogTable;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.glue.CfnTable;
import software.constructs.Construct;

/**
 * The pipeline's Parquet tables declared in the Glue Data Catalog, from their one declaration in
 * {@code workflow/.../catalog}: the cleaned tables (so they exist at deploy, before any crawl: the
 * data-quality ruleset names one, and the cleaned crawler only adds their partitions) and the tables
 * an analyst queries with Athena (scored leads, monitoring history, metrics history, whose partitions
 * the jobs that write them register).
 *
 * <p>Each table carries the parameters a crawler writes for Parquet ({@code classification},
 * {@code compressionType}, {@code typeOfData}): a crawler compares them with what it reads and refuses
 * to touch a table where one differs (it reports "the parameter 'compressionType' has changed").
 */
public class CatalogTables extends Construct {

    /**
     * @param catalog the pipeline's database
     * @param layout  the storage the tables' locations are in
     * @param tables  the declarations
     */
    public record Props(GlueCatalog catalog, StorageLayout layout, List<CatalogTable> tables) {
        public Props {
            tables = List.copyOf(tables);
        }
    }

    /** Hive's Parquet formats and SerDe, as Glue crawlers and Athena register Parquet tables. */
    static final String PARQUET_INPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    static final String PARQUET_OUTPUT = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    /** The table parameters a crawler sets on a Parquet table (and checks on the next crawl). */
    static final Map<String, String> PARQUET_PARAMETERS = Map.of("classification", "parquet", "compressionType", "none",
            "typeOfData", "file", "EXTERNAL", "TRUE");

    private final Map<String, CfnTable> byName = new LinkedHashMap<>();

    public CatalogTables(Construct scope, String id, Props props) {
        super(scope, id);
        for (CatalogTable t : props.tables()) {
            CfnTable table = CfnTable.Builder.create(this, t.name())
                    .catalogId(Aws.ACCOUNT_ID)
                    .databaseName(props.catalog().databaseName())
                    .tableInput(CfnTable.TableInputProperty.builder()
                            .name(t.name())
                            .description(t.description())
                            .tableType("EXTERNAL_TABLE")
                            .parameters(PARQUET_PARAMETERS)
                            .partitionKeys(columns(t.partitionKeys()))
                            .storageDescriptor(CfnTable.StorageDescriptorProperty.builder()
                                    .location(t.location(props.layout()))
                                    .columns(columns(t.columns()))
                                    .inputFormat(PARQUET_INPUT)
                                    .outputFormat(PARQUET_OUTPUT)
                                    .serdeInfo(CfnTable.SerdeInfoProperty.builder()
                                            .serializationLibrary(PARQUET_SERDE)
                                            .parameters(Map.of("serialization.format", "1"))
                                            .build())
                                    .build())
                            .build())
                    .build();
            table.addResourceDependency(props.catalog().database());
            byName.put(t.name(), table);
        }
    }

    private static List<CfnTable.ColumnProperty> columns(List<CatalogColumn> columns) {
        return columns.stream().map(c -> CfnTable.ColumnProperty.builder().name(c.name()).type(c.type()).build()).toList();
    }

    /** The declared table of this name. */
    public CfnTable table(String name) {
        CfnTable t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no declared table " + name + " among " + byName.keySet());
        }
        return t;
    }

    /** Every declared table, in declaration order. */
    public List<CfnTable> all() {
        return List.copyOf(byName.values());
    }
}
