package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.bankml.workflow.MetricNames;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The one IAM role the crawlers and jobs run as, with only what they need: these buckets' prefixes,
 * this key, this database's tables, their own log groups, the code objects, and metrics in our
 * namespace. No AWS-managed policy: {@code AWSGlueServiceRole} grants {@code glue:*} and
 * {@code s3:*} on every bucket named {@code aws-glue-*}, far more than a pipeline of five steps uses.
 */
public class PipelineRole extends Construct {

    /**
     * @param storage                   the buckets and the data key
     * @param definition                the steps: the S3 grants follow what they read and write
     * @param glueTempDir               the jobs' --TempDir
     * @param securityConfigurationName names the encrypted log groups Glue writes to
     * @param code                      the job jars and the placeholder script
     */
    public record Props(DataStorage storage, WorkflowDefinition definition, String glueTempDir,
            String securityConfigurationName, List<Asset> code) {
    }

    /** Days Glue's logs are kept (unbounded retention is the CloudWatch default, and it costs). */
    static final RetentionDays LOG_RETENTION = RetentionDays.THREE_MONTHS;
    /** The namespace of Glue's own job metrics ({@code --enable-metrics}, observability metrics). */
    public static final String GLUE_METRIC_NAMESPACE = "Glue";

    private final Role role;
    private final Policy policy;
    private final List<LogGroup> logGroups = new ArrayList<>();

    public PipelineRole(Construct scope, String id, Props props) {
        super(scope, id);
        this.role = new Role(this, "Role", RoleProps.builder()
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description("Runs the bank ML pipeline's Glue crawlers and jobs")
                .build());
        DataStorage s = props.storage();
        StorageLayout l = props.definition().layout();
        List<PolicyStatement> statements = new ArrayList<>();

        // S3, derived from the workflow: every location a step names (crawler targets, job arguments),
        // plus Glue's own Spark event logs and temp dir. The raw bucket is only ever read. Grants are
        // per top-level folder ("bank*" also covers Hadoop's "bank_$folder$" marker objects, which a
        // plain "bank/*" would refuse, failing the job).
        List<String> locations = new ArrayList<>();
        for (Step step : props.definition().steps()) {
            step.crawler().ifPresent(c -> locations.add(c.target()));
            step.job().ifPresent(j -> locations.addAll(j.arguments().values()));
        }
        locations.add(l.sparkEventLogs());
        locations.add(props.glueTempDir());
        statements.add(statement("ListDataBuckets",
                List.of("s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"),
                List.of(s.raw().getBucketArn(), s.cleaned().getBucketArn(), s.artifacts().getBucketArn())));
        statements.add(statement("ReadRawInput", List.of("s3:GetObject"),
                objectPatterns(s.raw(), l.rawRoot(), locations)));
        List<String> writable = new ArrayList<>(objectPatterns(s.cleaned(), l.cleanedRoot(), locations));
        writable.addAll(objectPatterns(s.artifacts(), l.artifactsRoot(), locations));
        statements.add(statement("ReadWritePipelineData",
                List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                        "s3:ListMultipartUploadParts"),
                writable));
        // Exactly the uploaded code objects in the CDK assets bucket.
        statements.add(statement("ReadJobCode", List.of("s3:GetObject"), props.code().stream()
                .map(a -> "arn:" + Aws.PARTITION + ":s3:::" + a.getS3BucketName() + "/" + a.getS3ObjectKey())
                .toList()));

        statements.add(statement("UseDataKey",
                List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
                List.of(s.key().getKeyArn())));

        // Glue Data Catalog: our database and the tables our crawlers create (their table prefixes).
        String catalog = glueArn("catalog");
        String databaseName = props.definition().settings().databaseName();
        String database = glueArn("database/" + databaseName);
        List<String> tables = props.definition().steps().stream().flatMap(st -> st.crawler().stream())
                .map(c -> glueArn("table/" + databaseName + "/" + c.tablePrefix() + "*")).distinct().toList();
        List<String> catalogResources = new ArrayList<>(List.of(catalog, database));
        catalogResources.addAll(tables);
        statements.add(statement("ReadCatalog",
                List.of("glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetTables",
                        "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition"),
                catalogResources));
        statements.add(statement("CrawlersWriteCatalog",
                List.of("glue:CreateTable", "glue:UpdateTable", "glue:CreatePartition", "glue:BatchCreatePartition",
                        "glue:UpdatePartition", "glue:BatchUpdatePartition", "glue:CreatePartitionIndex",
                        "glue:GetPartitionIndexes"),
                catalogResources));
        // Spark's Glue catalog client looks up (and creates when missing) the 'default' database at
        // start-up; without this every job using --enable-glue-datacatalog fails before reading anything.
        statements.add(statement("SparkDefaultDatabase", List.of("glue:GetDatabase", "glue:CreateDatabase"),
                List.of(catalog, glueArn("database/default"))));

        // Glue writes to log groups named after the security configuration and this role; they are
        // created here, with retention and the data key, instead of by Glue on first use.
        String sc = props.securityConfigurationName();
        String roleName = role.getRoleName();
        List<String> logGroupNames = List.of(
                "/aws-glue/jobs/" + sc + "-role/" + roleName + "/output",
                "/aws-glue/jobs/" + sc + "-role/" + roleName + "/error",
                "/aws-glue/jobs/logs-v2-" + sc,
                "/aws-glue/crawlers-role/" + roleName + "-" + sc);
        List<String> logResources = new ArrayList<>();
        String[] ids = {"JobOutputLogs", "JobErrorLogs", "JobContinuousLogs", "CrawlerLogs"};
        for (int i = 0; i < logGroupNames.size(); i++) {
            LogGroup group = new LogGroup(this, ids[i], LogGroupProps.builder()
                    .logGroupName(logGroupNames.get(i))
                    .encryptionKey(s.key())
                    .retention(LOG_RETENTION)
                    // Logs are not data: a redeploy must be able to recreate the same names.
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build());
            logGroups.add(group);
            String arn = "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:"
                    + logGroupNames.get(i);
            logResources.add(arn);
            logResources.add(arn + ":*");
        }
        statements.add(statement("WriteOwnLogs",
                List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"),
                logResources));

        // PutMetricData has no resource-level permissions: the namespace condition is the restriction.
        statements.add(PolicyStatement.Builder.create()
                .sid("PublishMetrics")
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace",
                        List.of(MetricNames.NAMESPACE, GLUE_METRIC_NAMESPACE))))
                .build());

        this.policy = new Policy(this, "Policy", PolicyProps.builder().statements(statements).build());
        role.attachInlinePolicy(policy);

        // Every wildcard above, excused one by one with its reason (cdk-nag AwsSolutions-IAM5).
        Stack stack = Stack.of(this);
        List<String> tableGlobs = new ArrayList<>();
        tables.forEach(t -> tableGlobs.add(NagFindings.resource(stack, t)));
        List<String> logStreams = new ArrayList<>();
        logResources.stream().filter(r -> r.endsWith(":*")).forEach(r -> logStreams.add(NagFindings.resource(stack, r)));
        List<String> objectGlobs = new ArrayList<>();
        statements.stream().filter(st -> st.getSid().equals("ReadRawInput") || st.getSid().equals("ReadWritePipelineData"))
                .flatMap(st -> st.getResources().stream())
                .forEach(r -> objectGlobs.add(NagFindings.resource(stack, r)));
        NagSuppressions.addResourceSuppressions(policy, List.of(
                suppression("The jobs write many objects (Spark part files, models, reports) under each folder of "
                        + "the storage layout; each grant is one top-level folder of one pipeline bucket.", objectGlobs),
                suppression("Crawlers create the tables at run time, named by their table prefix; the grant covers "
                        + "only tables with our crawlers' prefixes in our database.", tableGlobs),
                suppression("Log streams are created per job run and crawl with unpredictable names; the grant "
                        + "covers the streams of this role's own Glue log groups only.", logStreams),
                suppression("cloudwatch:PutMetricData supports no resource-level permission; the statement is "
                        + "restricted to our metric namespace and Glue's by the cloudwatch:namespace condition.",
                        List.of("Resource::*"))));
    }

    private static NagPackSuppression suppression(String reason, List<String> appliesTo) {
        return NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason)
                .appliesTo(new ArrayList<Object>(appliesTo)).build();
    }

    /**
     * {@code <bucket arn>/<top-level folder>*} for each location under the bucket root (others are
     * skipped: they belong to another bucket or are not paths), without duplicates, in order.
     */
    static List<String> objectPatterns(IBucket bucket, String root, List<String> locations) {
        Set<String> out = new LinkedHashSet<>();
        for (String location : locations) {
            if (!location.startsWith(root + "/")) {
                continue;
            }
            String key = location.substring(root.length() + 1);
            int slash = key.indexOf('/');
            String folder = slash < 0 ? key : key.substring(0, slash);
            out.add(bucket.getBucketArn() + "/" + folder + "*");
        }
        return List.copyOf(out);
    }

    private static String glueArn(String resource) {
        return "arn:" + Aws.PARTITION + ":glue:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":" + resource;
    }

    private static PolicyStatement statement(String sid, List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build();
    }

    public Role role() {
        return role;
    }

    public Policy policy() {
        return policy;
    }

    public List<LogGroup> logGroups() {
        return logGroups;
    }
}
