package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.PolicyProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * What the crawler role and the job role share: a role only Glue may assume, one inline policy of
 * named statements (no AWS-managed policy: {@code AWSGlueServiceRole} grants {@code glue:*} and
 * {@code s3:*} on every bucket named {@code aws-glue-*}), the log groups the role writes, created
 * here with retention and the data key, and cdk-nag's AwsSolutions-IAM5 excuse for each wildcard,
 * each with its reason. docs/DEPLOY.md lists every grant with the call that needs it.
 */
abstract class GlueServiceRole extends Construct {

    /** The namespace of Glue's own job metrics ({@code --enable-metrics}, observability metrics). */
    public static final String GLUE_METRIC_NAMESPACE = "Glue";

    /** Days Glue's logs are kept (unbounded retention is the CloudWatch default, and it costs). */
    static final RetentionDays LOG_RETENTION = RetentionDays.THREE_MONTHS;

    private final Role role;
    private final List<PolicyStatement> statements = new ArrayList<>();
    private final List<NagPackSuppression> excuses = new ArrayList<>();
    private final List<LogGroup> logGroups = new ArrayList<>();
    private Policy policy;

    GlueServiceRole(Construct scope, String id, String description) {
        super(scope, id);
        this.role = new Role(this, "Role", RoleProps.builder()
                .assumedBy(new ServicePrincipal("glue.amazonaws.com"))
                .description(description)
                .build());
    }

    /** Grants {@code actions} on {@code resources} as the statement {@code sid}. */
    protected final void allow(String sid, List<String> actions, List<String> resources) {
        allow(PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).build());
    }

    protected final void allow(PolicyStatement statement) {
        statements.add(statement);
    }

    /** Excuses these wildcard resources of the policy (cdk-nag AwsSolutions-IAM5) with a reason. */
    protected final void excuse(String reason, List<String> wildcardResources) {
        Stack stack = Stack.of(this);
        List<Object> findings = new ArrayList<>();
        new LinkedHashSet<>(wildcardResources).forEach(r -> findings.add(r.equals("*") ? "Resource::*"
                : NagFindings.resource(stack, r)));
        excuses.add(NagPackSuppression.builder().id("AwsSolutions-IAM5").reason(reason).appliesTo(findings).build());
    }

    /**
     * A log group Glue writes, created here instead of by Glue on first use: with retention and the
     * data key, and kept when the stack is deleted (logs are the record of what ran).
     */
    protected final LogGroup logGroup(String id, String name, IKey key) {
        LogGroup group = new LogGroup(this, id, LogGroupProps.builder()
                .logGroupName(name)
                .encryptionKey(key)
                .retention(LOG_RETENTION)
                .removalPolicy(DataStorage.KEPT)
                .build());
        logGroups.add(group);
        return group;
    }

    /**
     * Glue writing its logs to the groups (and their streams) these patterns match. CreateLogGroup on a
     * group that exists is answered "already exists", not "access denied": granted so that Glue's own
     * create-if-missing step cannot fail the run. AssociateKmsKey: Glue associates the security
     * configuration's key with the group it writes to; without it logging is silently switched off.
     */
    protected final void allowLogs(String sid, List<String> logGroupPatterns) {
        allow(sid, List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"),
                logGroupPatterns);
    }

    /**
     * Every crawler and job with a security configuration reads it when it starts. Security
     * configurations have no ARN in IAM, so the action cannot be scoped to ours.
     */
    protected final void allowReadingTheSecurityConfiguration() {
        allow("ReadSecurityConfiguration", List.of("glue:GetSecurityConfiguration"), List.of("*"));
    }

    /** Exactly the uploaded code objects in the CDK assets bucket: Glue fetches ScriptLocation and --extra-jars as the role. */
    protected final void readTheCode(List<Asset> code) {
        allow("ReadJobCode", List.of("s3:GetObject"), code.stream()
                .map(a -> "arn:" + Aws.PARTITION + ":s3:::" + a.getS3BucketName() + "/" + a.getS3ObjectKey()).toList());
    }

    /**
     * Glue names a job's log groups in one of three ways the documentation gives: {@code <prefix>/error}
     * and {@code /output} (Glue 5.0 logging; also the {@code <prefix>/<security configuration>-role/<role>/...}
     * form reported for logs a security configuration encrypts), {@code <custom group>-<security
     * configuration>} (the 4.0 page with a security configuration), and {@code /aws-glue/jobs-<role>-<security
     * configuration>/} ({@code JobRun.LogGroupName}). The two {@code <prefix>} groups and the reported
     * form are created here; the grant is one pattern per scheme, streams included.
     *
     * @param prefix the jobs' {@code --custom-logGroup-prefix}
     * @param sc     the jobs' security configuration
     * @return the patterns granted (wildcards, excused by the caller)
     */
    protected final List<String> writeTheJobLogs(String prefix, String sc, IKey key) {
        Map<String, String> created = new LinkedHashMap<>();
        for (String suffix : GlueJob.LOG_GROUP_SUFFIXES) {
            created.put("Job" + capitalised(suffix) + "Logs", prefix + suffix);
        }
        for (String suffix : GlueJob.LOG_GROUP_SUFFIXES) {
            created.put("Job" + capitalised(suffix) + "LogsRoleScoped", prefix + "/" + sc + "-role/" + role.getRoleName()
                    + suffix);
        }
        created.forEach((id, name) -> logGroup(id, name, key));
        List<String> patterns = List.of(logGroupArn(prefix + "/*"), logGroupArn(prefix + "-" + sc + "*"),
                logGroupArn(GlueCatalog.GLUE_LOG_GROUP_PREFIX + "jobs-" + role.getRoleName() + "-" + sc + "*"));
        allowLogs("WriteJobLogs", patterns);
        return patterns;
    }

    /** PutMetricData has no resource-level permissions: the namespace condition is the restriction. */
    protected final void publishMetrics(List<String> namespaces) {
        allow(conditional("PublishMetrics", List.of("cloudwatch:PutMetricData"), List.of("*"),
                Map.of("StringEquals", Map.of("cloudwatch:namespace", namespaces))));
    }

    private static String capitalised(String suffix) {
        return Character.toUpperCase(suffix.charAt(1)) + suffix.substring(2);
    }

    /** Attaches the policy of every statement granted, with the excuses; call once, last. */
    protected final void attachPolicy() {
        this.policy = new Policy(this, "Policy", PolicyProps.builder().statements(statements).build());
        role.attachInlinePolicy(policy);
        if (!excuses.isEmpty()) {
            NagSuppressions.addResourceSuppressions(policy, new ArrayList<>(excuses));
        }
    }

    public final Role role() {
        return role;
    }

    public final Policy policy() {
        return policy;
    }

    /** The log groups this role writes that the stack creates. */
    public final List<LogGroup> logGroups() {
        return logGroups;
    }

    /** The resources of the statements with these sids (for the excuses of their wildcards). */
    protected final List<String> resourcesOf(String... sids) {
        Set<String> wanted = Set.of(sids);
        return statements.stream().filter(s -> wanted.contains(s.getSid())).flatMap(s -> s.getResources().stream())
                .toList();
    }

    /**
     * {@code <bucket arn>/<top-level folder>*} for each location under the bucket root (others are
     * skipped: they belong to another bucket or are not paths), without duplicates, in order. Grants
     * are per top-level folder: {@code bank*} also covers Hadoop's {@code bank_$folder$} marker
     * objects, which a plain {@code bank/*} would refuse, failing the job.
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

    static String glueArn(String resource) {
        return "arn:" + Aws.PARTITION + ":glue:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":" + resource;
    }

    static String logGroupArn(String logGroupName) {
        return "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:" + logGroupName;
    }

    /** A statement restricted by a condition. */
    static PolicyStatement conditional(String sid, List<String> actions, List<String> resources,
                                       Map<String, Object> conditions) {
        return PolicyStatement.Builder.create().sid(sid).actions(actions).resources(resources).conditions(conditions)
                .build();
    }
}
