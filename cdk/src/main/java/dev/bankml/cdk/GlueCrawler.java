package dev.bankml.cdk;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.bankml.workflow.Step;
import software.amazon.awscdk.services.glue.CfnCrawler;
import software.constructs.Construct;

/**
 * A Glue crawler for one crawler step of the workflow: its S3 target, table prefix and exclusions
 * come from the step.
 *
 * <p>Policies, chosen for a pipeline that adds a delivery a month and never changes a schema:
 * <ul>
 * <li>Recrawl: {@code CRAWL_NEW_FOLDERS_ONLY}. Each cycle adds folders (a {@code batch_id=}
 * partition per delivery): a crawl reads those, not every delivery ever made, so its cost stays flat
 * as the history grows. A delivery replaced in place keeps its partition, whose location the table
 * already has. Glue requires both schema-change behaviours to be {@code LOG} for it.</li>
 * <li>Schema change: {@code LOG} and {@code LOG}. The first crawl creates the tables; later crawls
 * never rewrite them, and a folder that is briefly empty never deletes a table the next steps read.
 * A schema change is a release of this project, which redeploys the stack (docs/DEPLOY.md).</li>
 * <li>Partitions inherit the table's schema and compatible schemas are combined into one table, so a
 * partitioned folder yields exactly one table ({@code <prefix><folder>}), the name the jobs read.</li>
 * <li>Table level: the table is the target folder itself ({@code TableLevelConfiguration}, its depth in the
 * bucket). Without it, a first crawl that finds a single partition folder may take that folder for the
 * table and create {@code cleaned_batch_id_...} instead of {@code cleaned_outcomes}.</li>
 * </ul>
 */
public class GlueCrawler extends Construct {

    /**
     * @param step                      a {@link Step.Kind#CRAWLER} step
     * @param name                      the crawler name
     * @param roleArn                   the role it runs as
     * @param databaseName              the catalog database it writes to
     * @param securityConfigurationName encrypts its logs
     * @param tableLevel                the depth of its target folders in their bucket (1: a top-level folder)
     */
    public record Props(Step step, String name, String roleArn, String databaseName, String securityConfigurationName,
            int tableLevel) {
    }

    /** Crawler output configuration (JSON) for tables at {@code tableLevel}: see the class comment. */
    static String configuration(int tableLevel) {
        return "{\"Version\":1.0,"
                + "\"CrawlerOutput\":{\"Partitions\":{\"AddOrUpdateBehavior\":\"InheritFromTable\"}},"
                + "\"Grouping\":{\"TableGroupingPolicy\":\"CombineCompatibleSchemas\",\"TableLevelConfiguration\":"
                + tableLevel + "}}";
    }

    /**
     * The table level of crawl targets: how deep each target folder is below the root (a bucket) it is
     * in, which must be the same for all of them (Glue takes one level per crawler).
     *
     * @param targets the crawled folders
     * @param roots   the roots they may be under ({@code s3://<bucket>})
     */
    static int tableLevel(List<String> targets, List<String> roots) {
        Set<Integer> levels = new TreeSet<>();
        for (String target : targets) {
            String root = roots.stream().filter(r -> target.startsWith(r + "/")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(target + " is under none of " + roots));
            levels.add((int) Arrays.stream(target.substring(root.length()).split("/")).filter(p -> !p.isEmpty()).count());
        }
        if (levels.size() != 1) {
            throw new IllegalArgumentException("crawl targets at different depths " + levels + ": " + targets);
        }
        return levels.iterator().next();
    }

    /** Crawls read only the folders added since the last crawl (Glue requires LOG schema changes for it). */
    public static final String RECRAWL = "CRAWL_NEW_FOLDERS_ONLY";

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
                        .s3Targets(c.targets().stream().map(t -> CfnCrawler.S3TargetProperty.builder()
                                .path(t)
                                .exclusions(c.exclusions().isEmpty() ? null : c.exclusions())
                                .build()).toList())
                        .build())
                // Every cycle adds folders (a partition per delivery) and never changes a schema: a crawl
                // reads only the new folders, not every delivery ever made. That policy requires LOG on both.
                .schemaChangePolicy(CfnCrawler.SchemaChangePolicyProperty.builder()
                        .updateBehavior("LOG")
                        .deleteBehavior("LOG")
                        .build())
                .recrawlPolicy(CfnCrawler.RecrawlPolicyProperty.builder()
                        .recrawlBehavior(RECRAWL)
                        .build())
                .configuration(configuration(props.tableLevel()))
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
