package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.List;

import dev.bankml.workflow.Step;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import software.constructs.Construct;

/**
 * The role the crawlers run as: read the folders they crawl, create and update the tables (and
 * partitions) of their prefixes in our database, read their security configuration, and write
 * their log group. Nothing else: no S3 write, no other table, no metrics.
 */
public class CrawlerRole extends GlueServiceRole {

    /**
     * @param storage                   the buckets and the data key
     * @param definition                the steps: the grants follow the crawlers' targets and table prefixes
     * @param securityConfigurationName the crawlers' security configuration (it names their log group)
     */
    public record Props(DataStorage storage, WorkflowDefinition definition, String securityConfigurationName) {
    }

    private final String logGroupName;

    public CrawlerRole(Construct scope, String id, Props props) {
        super(scope, id, "Runs the bank ML pipeline's Glue crawlers");
        DataStorage s = props.storage();
        StorageLayout l = props.definition().layout();
        List<Step.Crawler> crawlers = props.definition().steps().stream().flatMap(st -> st.crawler().stream()).toList();
        readTheCrawledFolders(s, l, crawlers);
        List<String> tables = writeTheCrawledTables(props.definition().databaseName(), crawlers);
        allowReadingTheSecurityConfiguration();
        // Crawlers with a security configuration log to /aws-glue/crawlers-role/<role name>-<security configuration>.
        this.logGroupName = GlueCatalog.GLUE_LOG_GROUP_PREFIX + "crawlers-role/" + role().getRoleName() + "-"
                + props.securityConfigurationName();
        logGroup("Logs", logGroupName, s.key());
        String group = logGroupArn(logGroupName);
        allowLogs("WriteCrawlerLogs", List.of(group, group + ":*"));

        excuse("Crawlers read every file under the folder they crawl; each grant is one top-level folder of one "
                + "pipeline bucket, read-only.", resourcesOf("ReadCrawledData"));
        excuse("Crawlers create the tables at run time, named by their table prefix; the grant covers only tables "
                + "with our crawlers' prefixes in our database.", tables);
        excuse("Log streams are created per crawl with names Glue chooses; the grant covers the streams of the "
                + "crawlers' own log group only.", List.of(group + ":*"));
        excuse("glue:GetSecurityConfiguration has no resource-level permissions (security configurations have no "
                + "ARN); read-only, and every crawler with one calls it.", List.of("*"));
        attachPolicy();
    }

    /** The crawlers list their target folders and read the files (SSE-KMS with the data key) to infer the schema. */
    private void readTheCrawledFolders(DataStorage s, StorageLayout l, List<Step.Crawler> crawlers) {
        List<String> targets = crawlers.stream().flatMap(c -> c.targets().stream()).toList();
        List<String> buckets = new ArrayList<>();
        List<String> objects = new ArrayList<>();
        if (!objectPatterns(s.raw(), l.rawRoot(), targets).isEmpty()) {
            buckets.add(s.raw().getBucketArn());
            objects.addAll(objectPatterns(s.raw(), l.rawRoot(), targets));
        }
        if (!objectPatterns(s.cleaned(), l.cleanedRoot(), targets).isEmpty()) {
            buckets.add(s.cleaned().getBucketArn());
            objects.addAll(objectPatterns(s.cleaned(), l.cleanedRoot(), targets));
        }
        allow("ListCrawledBuckets", List.of("s3:ListBucket", "s3:GetBucketLocation"), buckets);
        allow("ReadCrawledData", List.of("s3:GetObject"), objects);
        allow("DecryptCrawledData", List.of("kms:Decrypt"), List.of(s.key().getKeyArn()));
    }

    /**
     * Our database and the tables our crawlers create (their table prefixes): what a crawl compares
     * with (the tables and partitions it made before) and what it creates or updates.
     *
     * @return the table patterns (wildcards, excused by the caller)
     */
    private List<String> writeTheCrawledTables(String databaseName, List<Step.Crawler> crawlers) {
        List<String> tables = crawlers.stream().map(c -> glueArn("table/" + databaseName + "/" + c.tablePrefix() + "*"))
                .distinct().toList();
        List<String> resources = new ArrayList<>(List.of(glueArn("catalog"), glueArn("database/" + databaseName)));
        resources.addAll(tables);
        allow("ReadCrawledTables", List.of("glue:GetDatabase", "glue:GetTables", "glue:GetTable", "glue:GetPartition",
                "glue:GetPartitions", "glue:BatchGetPartition", "glue:GetPartitionIndexes"), resources);
        allow("WriteCrawledTables", List.of("glue:CreateTable", "glue:UpdateTable", "glue:CreatePartition",
                "glue:BatchCreatePartition", "glue:UpdatePartition", "glue:BatchUpdatePartition",
                "glue:CreatePartitionIndex"), resources);
        return tables;
    }

    /** {@code /aws-glue/crawlers-role/<role name>-<security configuration>}: where both crawlers log. */
    public String logGroupName() {
        return logGroupName;
    }
}
