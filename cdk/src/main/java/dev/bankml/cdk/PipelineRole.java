package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
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
 * this key, this database's tables, their security configuration, their own log groups, the code
 * objects, and metrics in our namespace (docs/DEPLOY.md lists each grant with the call that needs it). No AWS-managed policy: {@code AWSGlueServiceRole} grants {@code glue:*} and
 * {@code s3:*} on every bucket named {@code aws-glue-*}, far more than a pipeline of five steps uses.
 */
public class PipelineRole extends Construct {

    /**
     * @param storage                   the buckets and the data key
     * @param definition                the steps: the S3 grants follow what they read and write
     * @param glueTempDir               the jobs' --TempDir
     * @param securityConfigurationName the crawlers' and jobs' security configuration (it names some log groups)
     * @param jobLogGroupPrefix         the jobs' {@code --custom-logGroup-prefix}
     * @param code                      the job jars and entry scripts
     */
    public record Props(DataStorage storage, WorkflowDefinition definition, String glueTempDir,
            String securityConfigurationName, String jobLogGroupPrefix, List<Asset> code) {
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
            step.crawler().ifPresent(c -> locations.addAll(c.targets()));
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

        // Decrypt to read and GenerateDataKey to write SSE-KMS objects; Encrypt and DescribeKey for the
        // security configuration's client-side (CSE-KMS) bookmark encryption, which Glue applies to each run.
        statements.add(statement("UseDataKey",
                List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"),
                List.of(s.key().getKeyArn())));

        // Glue Data Catalog: our database and the tables our crawlers create (their table prefixes).
        String catalog = glueArn("catalog");
        String databaseName = props.definition().databaseName();
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

        // A crawler or job with a security configuration reads it when it starts. Security configurations
        // have no ARN in IAM (only Data Catalog objects, jobs, crawlers, triggers and the like do), so
        // the action cannot be scoped to ours.
        statements.add(statement("ReadSecurityConfiguration", List.of("glue:GetSecurityConfiguration"), List.of("*")));

        // Spark looks up a function name that is not built in through the catalog: the Glue client asks
        // for it in the current database ('default') or the one named (GetUserDefinedFunction(s)).
        statements.add(statement("ReadUserDefinedFunctions",
                List.of("glue:GetUserDefinedFunction", "glue:GetUserDefinedFunctions"),
                List.of(catalog, database, glueArn("database/default"), functionsOf(databaseName), functionsOf("default"))));

        // Where Glue writes logs: created here, with retention and the data key, instead of by Glue on first
        // use; the role may write exactly these. CloudWatch Logs encrypts them with the key because the
        // security configuration says so (the key policy lets the Logs service use it for /aws-glue/*).
        String sc = props.securityConfigurationName();
        String roleName = role.getRoleName();
        Map<String, String> logGroupNames = new LinkedHashMap<>();
        for (String suffix : GlueJob.LOG_GROUP_SUFFIXES) {
            // Glue 5.0 jobs: <--custom-logGroup-prefix>/error and /output (Glue guide, "Logging for AWS Glue jobs").
            logGroupNames.put("Job" + capitalised(suffix) + "Logs", props.jobLogGroupPrefix() + suffix);
        }
        for (String suffix : GlueJob.LOG_GROUP_SUFFIXES) {
            // Not in the Glue guide, but reported by public deployments: when the security configuration
            // encrypts CloudWatch logs, Glue 5.0 inserts "/<security configuration>-role/<role name>" before
            // /error and /output, as Glue 4.0 did. Both forms exist until a first run shows which Glue uses
            // (docs/DEPLOY.md, first run).
            logGroupNames.put("Job" + capitalised(suffix) + "LogsRoleScoped",
                    props.jobLogGroupPrefix() + "/" + sc + "-role/" + roleName + suffix);
        }
        // Crawlers with a security configuration log to /aws-glue/crawlers-role/<role name>-<security configuration>.
        logGroupNames.put("CrawlerLogs", GlueCatalog.GLUE_LOG_GROUP_PREFIX + "crawlers-role/" + roleName + "-" + sc);
        List<String> logResources = new ArrayList<>();
        logGroupNames.forEach((groupId, name) -> {
            LogGroup group = new LogGroup(this, groupId, LogGroupProps.builder()
                    .logGroupName(name)
                    .encryptionKey(s.key())
                    .retention(LOG_RETENTION)
                    // Logs are not data: a redeploy must be able to recreate the same names.
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .build());
            logGroups.add(group);
            String arn = "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:" + name;
            logResources.add(arn);
            logResources.add(arn + ":*");
        });
        // CreateLogGroup on a group that exists is answered "already exists", not "access denied": granted
        // so that Glue's own create-if-missing step cannot fail the run. AssociateKmsKey: Glue associates
        // the security configuration's key with the group it writes to.
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
        List<String> functionGlobs = List.of(NagFindings.resource(stack, functionsOf(databaseName)),
                NagFindings.resource(stack, functionsOf("default")));
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
                suppression("Spark's catalog client looks up by name any function a query uses that is not built in, "
                        + "in the current database (default) or ours; read-only, and only functions of these two databases.",
                        functionGlobs),
                suppression("Log streams are created per job run and crawl with unpredictable names; the grant "
                        + "covers the streams of this role's own Glue log groups only.", logStreams),
                suppression("Two actions without resource-level permissions: cloudwatch:PutMetricData, restricted to our "
                        + "metric namespace and Glue's by the cloudwatch:namespace condition, and glue:GetSecurityConfiguration "
                        + "(read-only; security configurations have no ARN), which every crawler and job with one calls.",
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

    private static String functionsOf(String databaseName) {
        return glueArn("userDefinedFunction/" + databaseName + "/*");
    }

    private static String capitalised(String suffix) {
        return Character.toUpperCase(suffix.charAt(1)) + suffix.substring(2);
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
