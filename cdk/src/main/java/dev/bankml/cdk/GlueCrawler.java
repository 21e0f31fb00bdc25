package dev.bankml.cdk;

import java.util.List;

import dev.bankml.workflow.Step;
import software.amazon.awscdk.services.glue.CfnCrawler;
import software.constructs.Construct;

/**
 * A Glue crawler for one crawler step of the workflow: its S3 target, table prefix and exclusions
 * come from the step.
 *
 * <p>Policies, chosen for a pipeline that rewrites the same folders on every run:
 * <ul>
 * <li>Schema change: {@code UPDATE_IN_DATABASE} so a new or retyped column reaches the table, and
 * {@code DeleteBehavior LOG} so a folder that is briefly empty (the cleaning job rewrites its output)
 * never deletes the table the next steps read.</li>
 * <li>Recrawl: {@code CRAWL_EVERYTHING}. {@code CRAWL_NEW_FOLDERS_ONLY} would miss the raw CSV being
 * replaced in place and the cleaned partitions being overwritten, and it requires both schema
 * behaviours to be LOG, which would freeze the schema.</li>
 * <li>Partitions inherit the table's schema and compatible schemas are combined into one table, so a
 * partitioned folder yields exactly one table ({@code <prefix><folder>}), the name the jobs read.</li>
 * </ul>
 */
public class GlueCrawler extends Construct {

    /**
     * @param step                      a {@link Step.Kind#CRAWLER} step
     * @param name                      the crawler name
     * @param roleArn                   the role it runs as
     * @param databaseName              the catalog database it writes to
     * @param securityConfigurationName encrypts its logs
     */
    public record Props(Step step, String name, String roleArn, String databaseName, String securityConfigurationName) {
    }

    /** Crawler output configuration (JSON): see the class comment. */
    static final String CONFIGURATION = "{\"Version\":1.0,"
            + "\"CrawlerOutput\":{\"Partitions\":{\"AddOrUpdateBehavior\":\"InheritFromTable\"}},"
            + "\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\"}}";

    private final CfnCrawler crawler;
    private final String name;

    public GlueCrawler(Construct scope, String id, Props props) {
        super(scope, id);
        Step.Crawler c = props.step().crawler().orElseThrow(
                () -> new IllegalArgumentException("step " + props.step().id() + " is not a crawler"));
        this.name = props.name();
        this.crawler = CfnCrawler.Builder.create(this, "Crawler")
                .name(name)
                .description(props.step().description())
                .role(props.roleArn())
                .databaseName(props.databaseName())
                .tablePrefix(c.tablePrefix())
                .targets(CfnCrawler.TargetsProperty.builder()
                        .s3Targets(List.of(CfnCrawler.S3TargetProperty.builder()
                                .path(c.target())
                                .exclusions(c.exclusions().isEmpty() ? null : c.exclusions())
                                .build()))
                        .build())
                .schemaChangePolicy(CfnCrawler.SchemaChangePolicyProperty.builder()
                        .updateBehavior("UPDATE_IN_DATABASE")
                        .deleteBehavior("LOG")
                        .build())
                .recrawlPolicy(CfnCrawler.RecrawlPolicyProperty.builder()
                        .recrawlBehavior("CRAWL_EVERYTHING")
                        .build())
                .configuration(CONFIGURATION)
                .crawlerSecurityConfiguration(props.securityConfigurationName())
                .build();
    }

    public CfnCrawler resource() {
        return crawler;
    }

    public String name() {
        return name;
    }
}
