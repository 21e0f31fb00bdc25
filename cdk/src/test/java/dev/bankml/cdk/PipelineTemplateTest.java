package dev.bankml.cdk;

import static dev.bankml.cdk.SynthesizedPipeline.arnOf;
import static dev.bankml.cdk.SynthesizedPipeline.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.WiringSettings;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Assertions on the properties of the synthesized template that decide whether a deployment works and is safe. */
class PipelineTemplateTest {
    private static SynthesizedPipeline synth;
    private static Template template;
    private static Map<String, Object> keyArn;

    /** The Scala object each job's --class names: the entry point Glue runs. */
    static final Map<String, String> ENTRY_OBJECTS = Map.of(WorkflowDefinition.CLEAN, "CleaningJobEntry",
            WorkflowDefinition.EVALUATE, "MonitoringJobEntry", WorkflowDefinition.TRAIN, "TrainingJobEntry",
            WorkflowDefinition.SCORE, "InferenceJobEntry");
    /** Where CDK uploads file assets: the bootstrap bucket of the stack's account and region. */
    static final String ASSETS = "s3://cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}/";
    /** Glue's own arguments no run may change, and the stack's region. */
    static final Set<String> FIXED_GLUE_ARGUMENTS = Set.of("--job-language", "--class", "--extra-jars",
            "--enable-glue-datacatalog", "--spark-event-logs-path", "--custom-logGroup-prefix", "--TempDir",
            "--job-bookmark-option", WiringSettings.AWS_REGION.flag());

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        template = synth.template();
        keyArn = arnOf(synth.logicalIdOf(synth.stack().storage().key()));
    }

    private static List<Step> jobSteps() {
        return synth.stack().definition().steps().stream().filter(s -> s.kind() == Step.Kind.JOB).toList();
    }

    /** {@code s3://<bucket>/<key>} as the template writes a path over a bucket of this stack. */
    static Map<String, Object> s3(String bucketLogicalId, String key) {
        return Map.of("Fn::Join", List.of("", List.of("s3://", ref(bucketLogicalId), "/" + key)));
    }

    /**
     * Every argument a job step is given: Glue's own (spelled out here), the step's arguments as the
     * workflow definition spells them over this stack's buckets, and the stack's region; split into
     * what a run may override and what it may not: Glue's code, data, log and temp locations, the
     * step's wiring, the environment and whether metrics are published.
     *
     * @return {@code [DefaultArguments, NonOverridableArguments]}
     */
    private static List<Map<String, Object>> expectedArguments(Step step) {
        Step.Job j = step.job().orElseThrow();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("--job-language", "scala");
        all.put("--class", ENTRY_OBJECTS.get(step.id()));
        all.put("--extra-jars", Map.of("Fn::Sub", ASSETS + synth.stack().code().jar(j.module()).getAssetHash() + ".jar"));
        all.put("--enable-metrics", "");
        all.put("--enable-observability-metrics", "true");
        all.put("--enable-glue-datacatalog", "true");
        all.put("--enable-spark-ui", "true");
        all.put("--spark-event-logs-path", s3(synth.bucket("Artifacts"), "spark-events/"));
        // Glue 5.0: logs go to <prefix>/error and <prefix>/output; continuous logging is the 4.0 scheme.
        all.put("--custom-logGroup-prefix", "/aws-glue/jobs/bankml-dev");
        all.put("--job-bookmark-option", "job-bookmark-disable");
        all.put("--TempDir", s3(synth.bucket("Artifacts"), "glue-temp/"));
        j.arguments().forEach((k, v) -> all.put("--" + k, synth.cfn(v)));
        // The stack's own region, for the jobs' metrics: the pseudo-parameter, resolved by CloudFormation.
        all.put(WiringSettings.AWS_REGION.flag(), ref("AWS::Region"));
        Set<String> fixed = new TreeSet<>(FIXED_GLUE_ARGUMENTS);
        fixed.addAll(List.of(DeploymentSettings.ENVIRONMENT.flag(), DeploymentSettings.PUBLISH_METRICS.flag()));
        j.arguments().keySet().stream().filter(k -> Settings.named(k).orElseThrow().scope() == Setting.Scope.WIRING)
                .forEach(k -> fixed.add("--" + k));
        Map<String, Object> defaults = new LinkedHashMap<>();
        Map<String, Object> nonOverridable = new LinkedHashMap<>();
        all.forEach((k, v) -> (fixed.contains(k) ? nonOverridable : defaults).put(k, v));
        return List.of(defaults, nonOverridable);
    }

    @Test
    void everyJobStepIsAGlue5SparkJobRunningItsJavaClassFromItsJar() {
        assertEquals(4, jobSteps().size());
        template.resourceCountIs("AWS::Glue::Job", 5); // and the approval job, outside the workflow (ApprovalJobTemplateTest)
        Set<String> scripts = new TreeSet<>();
        for (Step step : jobSteps()) {
            // Glue compiles the ScriptLocation and runs the object named by --class: each job has its own
            // entry script (cdk/glue/<object>.scala), compiled by GlueEntryScriptsTest.
            Capture script = new Capture(Match.stringLikeRegexp(
                    "s3://cdk-hnb659fds-assets-\\$\\{AWS::AccountId}-\\$\\{AWS::Region}/[0-9a-f]{64}\\.scala"));
            List<Map<String, Object>> arguments = expectedArguments(step);
            template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.ofEntries(
                    Map.entry("Name", "bankml-dev-" + step.id()),
                    Map.entry("Command", Match.objectEquals(Map.of("Name", "glueetl", "ScriptLocation",
                            Map.of("Fn::Sub", script)))),
                    Map.entry("GlueVersion", "5.0"),
                    Map.entry("WorkerType", "G.1X"),
                    Map.entry("NumberOfWorkers", 2),
                    Map.entry("Timeout", 120),
                    // Flex is a deployment's choice for evaluate and train; STANDARD by default.
                    Map.entry("ExecutionClass", "STANDARD"),
                    Map.entry("MaxRetries", 0),
                    Map.entry("ExecutionProperty", Match.objectEquals(Map.of("MaxConcurrentRuns", 1))),
                    Map.entry("SecurityConfiguration", "bankml-dev-security"),
                    Map.entry("DefaultArguments", Match.objectEquals(arguments.get(0))),
                    Map.entry("NonOverridableArguments", Match.objectEquals(arguments.get(1))))));
            // The object uploaded there is this job's entry script, byte for byte.
            String hash = script.asString().replaceAll(".*/([0-9a-f]{64})\\.scala$", "$1");
            assertEquals(SynthesizedPipeline.read(SynthesizedPipeline.projectRoot().resolve(
                            "cdk/glue/" + ENTRY_OBJECTS.get(step.id()) + ".scala")),
                    SynthesizedPipeline.read(Path.of(synth.app().getOutdir(), "asset." + hash + ".scala")), step.id());
            scripts.add(hash);
        }
        // Training and scoring share the training module's jar; cleaning has its own. Each job has its own script.
        assertEquals(JobKind.TRAINING.module(),
                synth.stack().definition().step(WorkflowDefinition.SCORE).job().orElseThrow().module());
        assertEquals(4, scripts.size());
        // The guide's rules for the log prefix: at most 400 characters, matching [^:*]*, special characters _ - / only.
        assertTrue(GlueJob.logGroupPrefix("bankml-dev").matches("[A-Za-z0-9_/-]{1,400}"));
    }

    /** Glue only finds out at run time that --class is not in --extra-jars: check every job's jar now. */
    @Test
    void everyJarHoldsTheClassItsJobRuns() throws IOException {
        for (Step step : jobSteps()) {
            Step.Job job = step.job().orElseThrow();
            try (ZipFile jar = new ZipFile(JobCode.jarOf(SynthesizedPipeline.projectRoot(), job.module()).toFile())) {
                assertNotNull(jar.getEntry(job.mainClass().replace('.', '/') + ".class"),
                        job.mainClass() + " is not in the " + job.module() + " jar");
            }
        }
    }

    /**
     * A run's arguments replace a job's DefaultArguments: whoever may start a run could otherwise point
     * the job at other data, other code, other logs or another region. All of that is non-overridable;
     * what a person may sensibly change for one run stays a default.
     */
    @Test
    void aRunCannotRedirectTheJobsCodeDataLogsOrMetrics() {
        for (Step step : jobSteps()) {
            Map<String, Object> wiring = new LinkedHashMap<>();
            step.job().orElseThrow().arguments().forEach((k, v) -> {
                if (Settings.named(k).orElseThrow().scope() == Setting.Scope.WIRING) {
                    wiring.put("--" + k, synth.cfn(v));
                }
            });
            assertFalse(wiring.isEmpty(), step.id());
            Map<String, Object> notDefaults = new LinkedHashMap<>();
            wiring.keySet().forEach(k -> notDefaults.put(k, Match.absent()));
            FIXED_GLUE_ARGUMENTS.forEach(k -> notDefaults.put(k, Match.absent()));
            notDefaults.put(DeploymentSettings.LABEL.flag(), "deposit");
            template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of(
                    "Name", "bankml-dev-" + step.id(),
                    "NonOverridableArguments", Match.objectLike(wiring),
                    "DefaultArguments", Match.objectLike(notDefaults))));
        }
        template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-dev-clean",
                "DefaultArguments", Match.objectLike(Map.of(CleaningSettings.MAX_REJECTED_FRACTION.flag(), "0.05")))));
    }

    @Test
    void jobsPublishMetricsInThisEnvironmentWithTheConfiguredSettings() {
        for (String step : List.of(WorkflowDefinition.CLEAN, WorkflowDefinition.EVALUATE, WorkflowDefinition.TRAIN,
                WorkflowDefinition.SCORE)) {
            template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-dev-" + step,
                    "NonOverridableArguments", Match.objectLike(Map.of(DeploymentSettings.ENVIRONMENT.flag(), "dev",
                            DeploymentSettings.PUBLISH_METRICS.flag(), "true")))));
        }
        template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-dev-train",
                "DefaultArguments", Match.objectLike(Map.of(
                        DeploymentSettings.LABEL.flag(), "deposit",
                        TrainingSettings.TUNING.flag(), "standard",
                        TrainingSettings.PROMOTION_MARGIN.flag(), "0.01",
                        // No feature is excluded by default.
                        TrainingSettings.EXCLUDE_FEATURES.flag(), Match.absent())),
                "NonOverridableArguments", Match.objectLike(Map.of(
                        WiringSettings.SOURCE_TABLE.flag(), "bankml_dev.cleaned_outcomes",
                        TrainingSettings.EXCLUDE_FEATURES.flag(), Match.absent())))));
    }

    /** Each run can be priced: Glue bills workers x DPUs per worker x seconds, and tells a job neither. */
    @Test
    void everyJobIsToldItsWorkersAndTheirDpusForItsDpuSeconds() {
        template.allResourcesProperties("AWS::Glue::Job", Match.objectLike(Map.of("NonOverridableArguments",
                Match.objectLike(Map.of(WiringSettings.DPU_PER_WORKER.flag(), "1", WiringSettings.WORKER_COUNT.flag(), "2")))));
    }

    /**
     * The first deploy: a crawler or job is created only after what it names exists (its role's policy, its
     * log groups, the security configuration, the database), and whatever the stack keeps on deletion is
     * still removed if the first creation rolls back (RetainExceptOnCreate), so a redeploy starts clean.
     */
    @Test
    void crawlersAndJobsAreCreatedAfterEverythingTheyName() {
        String securityConfiguration = synth.idNamed("AWS::Glue::SecurityConfiguration", "bankml-dev-security");
        String database = synth.idOf("AWS::Glue::Database", Map.of("DatabaseInput", Match.objectLike(Map.of(
                "Name", "bankml_dev"))));
        for (GlueServiceRole role : List.<GlueServiceRole>of(synth.stack().crawlerRole(), synth.stack().jobRole(),
                synth.stack().approvalRole())) {
            String type = role == synth.stack().crawlerRole() ? "AWS::Glue::Crawler" : "AWS::Glue::Job";
            List<String> first = new ArrayList<>(List.of(synth.logicalIdOf(role.policy()), securityConfiguration));
            role.logGroups().forEach(g -> first.add(synth.logicalIdOf(g)));
            if (type.equals("AWS::Glue::Crawler")) {
                first.add(database);
            }
            List<String> names = role == synth.stack().approvalRole() ? List.of("bankml-dev-approve")
                    : role == synth.stack().jobRole() ? jobSteps().stream().map(s -> "bankml-dev-" + s.id()).toList()
                    : List.of();
            for (String id : first) {
                if (names.isEmpty()) {
                    template.allResources(type, Match.objectLike(Map.of("DependsOn", Match.arrayWith(List.of(id)))));
                }
                for (String name : names) {
                    template.hasResource(type, Match.objectLike(Map.of("DependsOn", Match.arrayWith(List.of(id)),
                            "Properties", Match.objectLike(Map.of("Name", name)))));
                }
            }
        }
        for (String type : List.of("AWS::Logs::LogGroup", "AWS::S3::Bucket", "AWS::KMS::Key")) {
            template.resourceCountIs(type, template.findResources(type, Match.objectLike(Map.of(
                    "DeletionPolicy", Match.stringLikeRegexp("^(RetainExceptOnCreate|Delete)$")))).size());
        }
    }

    @Test
    void crawlersTargetTheirStepFolderWithDeliberatePolicies() {
        WorkflowDefinition wf = synth.stack().definition();
        template.resourceCountIs("AWS::Glue::Crawler", 2);
        for (String id : List.of(WorkflowDefinition.CRAWL_RAW, WorkflowDefinition.CRAWL_CLEANED)) {
            Step.Crawler c = wf.step(id).crawler().orElseThrow();
            List<Object> targets = new ArrayList<>();
            for (String path : c.targets()) {
                targets.add(Match.objectEquals(c.exclusions().isEmpty() ? Map.of("Path", synth.cfn(path))
                        : Map.of("Path", synth.cfn(path), "Exclusions", c.exclusions())));
            }
            template.hasResourceProperties("AWS::Glue::Crawler", Match.objectLike(Map.of(
                    "Name", "bankml-dev-" + id,
                    "Targets", Match.objectEquals(Map.of("S3Targets", targets)),
                    "TablePrefix", c.tablePrefix(),
                    "DatabaseName", "bankml_dev",
                    // Incremental crawls require LOG on both.
                    "SchemaChangePolicy", Match.objectEquals(Map.of("UpdateBehavior", "LOG", "DeleteBehavior", "LOG")),
                    "RecrawlPolicy", Match.objectEquals(Map.of("RecrawlBehavior", "CRAWL_NEW_FOLDERS_ONLY")),
                    "CrawlerSecurityConfiguration", "bankml-dev-security",
                    // The table is the target folder (one level below the bucket), whatever partitions it holds.
                    "Configuration", Match.serializedJson(Match.objectEquals(Map.of("Version", 1.0,
                            "CrawlerOutput", Map.of("Partitions", Map.of("AddOrUpdateBehavior", "InheritFromTable")),
                            "Grouping", Map.of("TableGroupingPolicy", "CombineCompatibleSchemas",
                                    "TableLevelConfiguration", 1)))),
                    "Role", arnOf(synth.logicalIdOfCrawlerRole()))));
        }
        // The targets are the delivery folders and the cleaned tables, over this stack's buckets.
        assertEquals(List.of(s3(synth.bucket("Raw"), "outcomes/"), s3(synth.bucket("Raw"), "leads/")),
                wf.step(WorkflowDefinition.CRAWL_RAW).crawler().orElseThrow().targets().stream().map(synth::cfn).toList());
        assertEquals(List.of(s3(synth.bucket("Cleaned"), "outcomes/"), s3(synth.bucket("Cleaned"), "leads/")),
                wf.step(WorkflowDefinition.CRAWL_CLEANED).crawler().orElseThrow().targets().stream().map(synth::cfn).toList());
        assertEquals(List.of("_*", "_*/**", "**/_*", "**/_*/**"),
                wf.step(WorkflowDefinition.CRAWL_CLEANED).crawler().orElseThrow().exclusions());
    }

    @Test
    void glueEncryptsS3AndLogsWithTheKeyLeavesNoUnusedBookmarkEncryptionAndTheKeyRotates() {
        // Bookmarks are disabled and need Job.init, which the jobs never call: no bookmark encryption to grant for.
        template.resourceCountIs("AWS::Glue::SecurityConfiguration", 1);
        template.hasResourceProperties("AWS::Glue::SecurityConfiguration", Match.objectLike(Map.of(
                "Name", "bankml-dev-security",
                "EncryptionConfiguration", Match.objectEquals(Map.of(
                        "S3Encryptions", List.of(Map.of("S3EncryptionMode", "SSE-KMS", "KmsKeyArn", keyArn)),
                        "CloudWatchEncryption", Map.of("CloudWatchEncryptionMode", "SSE-KMS", "KmsKeyArn", keyArn))))));
        template.allResourcesProperties("AWS::Glue::Job", Match.objectLike(Map.of("NonOverridableArguments",
                Match.objectLike(Map.of("--job-bookmark-option", "job-bookmark-disable")))));
        SynthesizedPipeline.assertMatches(synth.resource("AWS::KMS::Key", synth.logicalIdOf(synth.stack().storage().key())),
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("EnableKeyRotation", true)),
                        "DeletionPolicy", "RetainExceptOnCreate", "UpdateReplacePolicy", "Retain")), "the data key");
    }

    @Test
    void theDataKeyLetsLogsUseItOnlyForGlueLogGroupsAndNoAlertPublisher() {
        Map<String, Object> dataKey = synth.resource("AWS::KMS::Key", synth.logicalIdOf(synth.stack().storage().key()));
        Map<String, Object> logsService = Map.of("Fn::Join", List.of("", List.of("logs.", ref("AWS::Region"), ".amazonaws.com")));
        Map<String, Object> glueLogGroups = Map.of("Fn::Join", List.of("", List.of("arn:", ref("AWS::Partition"), ":logs:",
                ref("AWS::Region"), ":", ref("AWS::AccountId"), ":log-group:/aws-glue/*")));
        SynthesizedPipeline.assertMatches(dataKey, keyPolicyWith(Map.of("Sid", "AllowCloudWatchLogsForGlueLogGroups",
                "Principal", Map.of("Service", logsService),
                "Condition", Match.objectEquals(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn", glueLogGroups))))),
                "the data key's policy");
        // The data key protects the data: the services that publish alerts get nothing of it.
        String policy = dataKey.toString();
        assertFalse(policy.contains("events.amazonaws.com"), policy);
        assertFalse(policy.contains("cloudwatch.amazonaws.com"), policy);
    }

    /**
     * The alerts topic has a key of its own (rotated); CloudWatch may use it only for this account's
     * alarms of this deployment, and the topic admits only those alarms and this deployment's two
     * failure rules, by ARN.
     */
    @Test
    void theAlertsTopicHasItsOwnKeyAndAdmitsOnlyOurAlarmsAndRules() {
        String alertsKey = synth.logicalIdOf(synth.stack().alerts().key());
        template.resourceCountIs("AWS::SNS::Topic", 1);
        template.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", arnOf(alertsKey))));
        Map<String, Object> account = ref("AWS::AccountId");
        Map<String, Object> alarms = Map.of("Fn::Join", List.of("", List.of("arn:", ref("AWS::Partition"), ":cloudwatch:",
                ref("AWS::Region"), ":", account, ":alarm:bankml-dev-*")));
        Map<String, Object> alertsKeyResource = synth.resource("AWS::KMS::Key", alertsKey);
        SynthesizedPipeline.assertMatches(alertsKeyResource, properties(Map.of("EnableKeyRotation", true)), "the alerts key");
        SynthesizedPipeline.assertMatches(alertsKeyResource, keyPolicyWith(Map.of(
                "Sid", "AllowOurAlarmsToPublishEncryptedAlerts",
                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                // SNS asks for either form of data key (the SNS guide's key policy names GenerateDataKey*).
                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                "Condition", Match.objectEquals(Map.of("StringEquals", Map.of("aws:SourceAccount", account),
                        "ArnLike", Map.of("aws:SourceArn", alarms))))), "the alerts key lets CloudWatch in");
        SynthesizedPipeline.assertMatches(alertsKeyResource, keyPolicyWith(Map.of(
                "Sid", "AllowEventBridgeToPublishEncryptedAlerts",
                "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                "Principal", Map.of("Service", "events.amazonaws.com"))), "the alerts key lets EventBridge in");

        // Exactly two Allow statements: alarms and rules, nothing unconditioned.
        Map<String, Object> ruleArns = Map.of("aws:SourceArn", List.of(ruleArn("bankml-dev-job-failures"),
                ruleArn("bankml-dev-crawler-failures")));
        template.resourceCountIs("AWS::SNS::TopicPolicy", 1);
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Match.objectLike(Map.of("PolicyDocument",
                Match.objectLike(Map.of("Statement", Match.arrayEquals(List.of(
                        Match.objectLike(Map.of("Effect", "Deny")),
                        Match.objectLike(Map.of("Effect", "Allow", "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                                "Condition", Match.objectEquals(Map.of("StringEquals", Map.of("aws:SourceAccount", account),
                                        "ArnLike", Map.of("aws:SourceArn", alarms))))),
                        Match.objectLike(Map.of("Effect", "Allow", "Principal", Map.of("Service", "events.amazonaws.com"),
                                "Condition", Match.objectEquals(Map.of("StringEquals", Map.of("aws:SourceAccount", account),
                                        "ArnEquals", ruleArns)))))))))));
        // The rules' names are the ones the ARNs above name.
        synth.idNamed("AWS::Events::Rule", "bankml-dev-job-failures");
        synth.idNamed("AWS::Events::Rule", "bankml-dev-crawler-failures");
    }

    private static Map<String, Object> ruleArn(String name) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", ref("AWS::Partition"), ":events:", ref("AWS::Region"), ":",
                ref("AWS::AccountId"), ":rule/" + name)));
    }

    @Test
    void bucketsBlockPublicAccessEncryptLogAndAreRetained() {
        template.resourceCountIs("AWS::S3::Bucket", 4);
        Map<String, Object> everyBucket = Map.of(
                "PublicAccessBlockConfiguration", Match.objectEquals(Map.of("BlockPublicAcls", true,
                        "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true)),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7)))))));
        template.allResources("AWS::S3::Bucket", Match.objectLike(Map.of("DeletionPolicy", "RetainExceptOnCreate",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(everyBucket))));
        String logs = synth.bucket("AccessLogs");
        // S3 delivers access logs only to SSE-S3 buckets.
        SynthesizedPipeline.assertMatches(synth.resource("AWS::S3::Bucket", logs), Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                                Map.of("ServerSideEncryptionByDefault", Match.objectEquals(Map.of("SSEAlgorithm", "AES256"))))),
                        "LoggingConfiguration", Match.absent())))), "the access logs bucket");
        for (String data : List.of("Raw", "Cleaned", "Artifacts")) {
            SynthesizedPipeline.assertMatches(synth.resource("AWS::S3::Bucket", synth.bucket(data)), Match.objectLike(Map.of(
                    "Properties", Match.objectLike(Map.of(
                            "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Match.objectEquals(Map.of(
                                    "BucketKeyEnabled", true, "ServerSideEncryptionByDefault", Match.objectEquals(Map.of(
                                            "SSEAlgorithm", "aws:kms", "KMSMasterKeyID", keyArn)))))),
                            "LoggingConfiguration", Match.objectLike(Map.of("DestinationBucketName", ref(logs))),
                            "VersioningConfiguration", Match.objectEquals(Map.of("Status", "Enabled")))))), data);
        }
    }

    @Test
    void everyBucketPolicyDeniesRequestsWithoutTlsOrWithTlsOlderThan12() {
        template.resourceCountIs("AWS::S3::BucketPolicy", 4);
        for (String b : List.of("AccessLogs", "Raw", "Cleaned", "Artifacts")) {
            String id = synth.bucket(b);
            List<Object> bucketAndObjects = List.of(arnOf(id), Map.of("Fn::Join", List.of("", List.of(arnOf(id), "/*"))));
            for (Map<String, ?> condition : List.<Map<String, ?>>of(Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                    Map.of("NumericLessThan", Map.of("s3:TlsVersion", 1.2)))) {
                template.hasResourceProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of("Bucket", ref(id),
                        "PolicyDocument", statements(Map.of("Effect", "Deny", "Action", "s3:*",
                                "Condition", Match.objectEquals(condition), "Resource", bucketAndObjects)))));
            }
        }
    }

    /** Glue's temp dir and the Spark event logs are scratch: expired, and their replaced versions too. */
    @Test
    void scratchFoldersOfTheArtifactsBucketExpire() {
        for (Map<String, Object> rule : List.of(
                Map.of("Id", "expire-glue-temp", "Prefix", "glue-temp/", "ExpirationInDays", 7,
                        "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 1), "Status", "Enabled"),
                Map.of("Id", "expire-spark-events", "Prefix", "spark-events/", "ExpirationInDays", 30,
                        "NoncurrentVersionExpiration", Map.of("NoncurrentDays", 1), "Status", "Enabled"))) {
            SynthesizedPipeline.assertMatches(synth.resource("AWS::S3::Bucket", synth.bucket("Artifacts")),
                    properties(Map.of("LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(
                            Match.objectEquals(rule)))))), "the artifacts bucket's lifecycle");
        }
        // The folders are the ones the jobs are given.
        template.hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-dev-train",
                "NonOverridableArguments", Match.objectLike(Map.of(
                        "--TempDir", s3(synth.bucket("Artifacts"), "glue-temp/"),
                        "--spark-event-logs-path", s3(synth.bucket("Artifacts"), "spark-events/"))))));
    }

    @Test
    void bothRolesAreAssumedByGlueOnlyWithNoManagedPolicyAndNoUnjustifiedWildcard() {
        // A crawler role, a job role, the approval job's role and the delivery rule's role (WorkflowGraphTest).
        template.resourceCountIs("AWS::IAM::Role", 4);
        for (GlueServiceRole glueRole : List.<GlueServiceRole>of(synth.stack().crawlerRole(), synth.stack().jobRole(),
                synth.stack().approvalRole())) {
            SynthesizedPipeline.assertMatches(synth.resource("AWS::IAM::Role", synth.logicalIdOf(glueRole.role())),
                    Match.objectLike(Map.of("Properties", Match.objectLike(Map.of(
                            "AssumeRolePolicyDocument", Match.objectLike(Map.of("Statement", List.of(Match.objectEquals(Map.of(
                                    "Action", "sts:AssumeRole", "Effect", "Allow",
                                    "Principal", Map.of("Service", "glue.amazonaws.com")))))),
                            "ManagedPolicyArns", Match.absent())))), glueRole.getNode().getId());
            // Exact actions only; '*' resources only for the two actions without resource-level permissions:
            // PutMetricData, only in our namespaces, and reading a security configuration (they have no ARN).
            Map<String, Object> policy = synth.resource("AWS::IAM::Policy", synth.logicalIdOf(glueRole.policy()));
            for (Object wildcard : List.of(Match.stringLikeRegexp("\\*"),
                    Match.arrayWith(List.of(Match.stringLikeRegexp("\\*"))))) {
                SynthesizedPipeline.assertMatches(policy, Match.not(statementWith(Map.of("Action", wildcard))),
                        glueRole.getNode().getId() + ": no wildcard action");
            }
            for (Object everything : List.of("*", Match.arrayWith(List.of("*")))) {
                SynthesizedPipeline.assertMatches(policy, Match.not(statementWith(Map.of("Resource", everything,
                        "Sid", Match.not(Match.stringLikeRegexp("^(PublishMetrics|ReadSecurityConfiguration)$"))))),
                        glueRole.getNode().getId() + ": '*' only where no resource-level permission exists");
            }
        }
        SynthesizedPipeline.assertMatches(synth.resource("AWS::IAM::Policy", synth.logicalIdOf(synth.stack().jobRole().policy())),
                statementWith(Map.of("Sid", "PublishMetrics", "Effect", "Allow", "Action", "cloudwatch:PutMetricData",
                        "Resource", "*", "Condition", Match.objectEquals(Map.of("StringEquals", Map.of("cloudwatch:namespace",
                                List.of(MetricNames.NAMESPACE, "Glue")))))), "the jobs' metrics");
        for (GlueServiceRole glueRole : List.<GlueServiceRole>of(synth.stack().crawlerRole(), synth.stack().jobRole())) {
            SynthesizedPipeline.assertMatches(synth.resource("AWS::IAM::Policy", synth.logicalIdOf(glueRole.policy())),
                    statementWith(Map.of("Sid", "ReadSecurityConfiguration", "Effect", "Allow",
                            "Action", "glue:GetSecurityConfiguration", "Resource", "*", "Condition", Match.absent())),
                    glueRole.getNode().getId() + " reads its security configuration");
        }
    }

    /** A resource whose Properties are like {@code like}. */
    static Object properties(Map<String, ?> like) {
        return Match.objectLike(Map.of("Properties", Match.objectLike(like)));
    }

    /** A policy document with a statement like {@code statement}. */
    static Object statements(Map<String, ?> statement) {
        return Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(statement)))));
    }

    /** A KMS key whose policy has a statement like {@code statement}. */
    static Object keyPolicyWith(Map<String, ?> statement) {
        return properties(Map.of("KeyPolicy", statements(statement)));
    }

    /** A policy resource with a statement like {@code statement}. */
    private static Object statementWith(Map<String, Object> statement) {
        return properties(Map.of("PolicyDocument", statements(statement)));
    }

    /** The resources of one statement of a role's policy (exactly as the template holds them). */
    private static void assertStatement(GlueServiceRole role, String sid, Object resources) {
        SynthesizedPipeline.assertMatches(synth.resource("AWS::IAM::Policy", synth.logicalIdOf(role.policy())),
                statementWith(Map.of("Sid", sid, "Resource", resources)), role.getNode().getId() + " " + sid);
    }

    private static Map<String, Object> objects(String bucket, String folder) {
        return Map.of("Fn::Join", List.of("", List.of(arnOf(synth.bucket(bucket)), "/" + folder + "*")));
    }

    private static Map<String, Object> glue(String resource) {
        return Map.of("Fn::Join", List.of("", List.of("arn:", ref("AWS::Partition"), ":glue:", ref("AWS::Region"), ":",
                ref("AWS::AccountId"), ":" + resource)));
    }

    @Test
    void theJobsWriteOnlyThePipelineFoldersAndNeverTheRawInput() {
        GlueServiceRole jobs = synth.stack().jobRole();
        assertStatement(jobs, "ReadRawInput", List.of(objects("Raw", "outcomes"), objects("Raw", "leads")));
        List<Object> writes = new ArrayList<>();
        for (String f : List.of("outcomes", "leads", "quarantine", "ledger")) {
            writes.add(objects("Cleaned", f));
        }
        for (String f : List.of("reports", "models", "metrics", "predictions", "spark-events", "glue-temp")) {
            writes.add(objects("Artifacts", f));
        }
        assertStatement(jobs, "ReadWritePipelineData", writes);
        assertStatement(jobs, "UseDataKey", keyArn);
        // The jobs read exactly the table they are given; they change no table, and add partitions only to the
        // analysts' tables they write.
        assertStatement(jobs, "ReadCatalog", List.of(glue("catalog"), glue("database/bankml_dev"),
                glue("table/bankml_dev/cleaned_outcomes")));
        assertStatement(jobs, "RegisterOutputPartitions", List.of(glue("catalog"), glue("database/bankml_dev"),
                glue("table/bankml_dev/metrics_history"), glue("table/bankml_dev/scored_leads"),
                glue("table/bankml_dev/monitoring_history")));
        SynthesizedPipeline.assertMatches(synth.resource("AWS::IAM::Policy", synth.logicalIdOf(jobs.policy())),
                statementWith(Map.of("Sid", "RegisterOutputPartitions", "Action", List.of("glue:GetTable",
                        "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition",
                        "glue:BatchCreatePartition"))), "partitions only: no table change, no deletion");
        // Exactly the six uploaded code objects: two jars, four entry scripts.
        Capture code = new Capture();
        assertStatement(jobs, "ReadJobCode", code);
        assertEquals(6, code.asArray().size());
        code.asArray().forEach(r -> assertTrue(SynthesizedPipeline.render(r).matches(
                "arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-\\$\\{AWS::AccountId}-\\$\\{AWS::Region}/[0-9a-f]{64}\\.(jar|scala)"),
                SynthesizedPipeline.render(r)));
    }

    @Test
    void theCrawlersOnlyReadTheFoldersTheyCrawlAndWriteOnlyTheirTables() {
        GlueServiceRole crawlers = synth.stack().crawlerRole();
        assertStatement(crawlers, "ReadCrawledData", List.of(objects("Raw", "outcomes"), objects("Raw", "leads"),
                objects("Cleaned", "outcomes"), objects("Cleaned", "leads")));
        assertStatement(crawlers, "WriteCrawledTables", List.of(glue("catalog"), glue("database/bankml_dev"),
                glue("table/bankml_dev/raw_*"), glue("table/bankml_dev/cleaned_*")));
        for (String forbidden : List.of("s3:PutObject", "s3:DeleteObject", "cloudwatch:PutMetricData", "kms:GenerateDataKey")) {
            for (Object action : List.of(forbidden, Match.arrayWith(List.of(forbidden)))) {
                SynthesizedPipeline.assertMatches(synth.resource("AWS::IAM::Policy", synth.logicalIdOf(crawlers.policy())),
                        Match.not(statementWith(Map.of("Action", action))), "the crawlers may not " + forbidden);
            }
        }
    }

    /**
     * The log groups Glue's documentation names are created by the stack, encrypted with the data key,
     * kept 90 days and retained when the stack is deleted: Glue 5.0's {@code <prefix>/error|output}, the
     * form reported under a security configuration, and the crawlers' group. Each role may write its
     * own groups only (the job role's grant covers every documented naming: PipelineRoleAuditTest).
     */
    @Test
    void glueLogsGoToLogGroupsTheStackCreatesEncryptedWithRetentionAndKeeps() {
        Map<String, Object> crawlerRole = ref(synth.logicalIdOfCrawlerRole());
        Map<String, Object> jobRole = ref(synth.logicalIdOfJobRole());
        Map<String, Object> approvalRole = ref(synth.logicalIdOf(synth.stack().approvalRole().role()));
        List<Object> names = List.of("/aws-glue/jobs/bankml-dev/error", "/aws-glue/jobs/bankml-dev/output",
                join("/aws-glue/jobs/bankml-dev/bankml-dev-security-role/", jobRole, "/error"),
                join("/aws-glue/jobs/bankml-dev/bankml-dev-security-role/", jobRole, "/output"),
                join("/aws-glue/crawlers-role/", crawlerRole, "-bankml-dev-security"),
                "/aws-glue/jobs/bankml-dev-approve/error", "/aws-glue/jobs/bankml-dev-approve/output",
                join("/aws-glue/jobs/bankml-dev-approve/bankml-dev-security-role/", approvalRole, "/error"),
                join("/aws-glue/jobs/bankml-dev-approve/bankml-dev-security-role/", approvalRole, "/output"));
        template.resourceCountIs("AWS::Logs::LogGroup", names.size());
        for (Object name : names) {
            template.hasResource("AWS::Logs::LogGroup", Match.objectLike(Map.of("DeletionPolicy", "RetainExceptOnCreate",
                    "UpdateReplacePolicy", "Retain",
                    "Properties", Match.objectEquals(Map.of("LogGroupName", name, "KmsKeyId", keyArn, "RetentionInDays", 90)))));
        }
        Map<String, Object> crawlerGroup = logGroupArn(join("/aws-glue/crawlers-role/", crawlerRole, "-bankml-dev-security"));
        assertStatement(synth.stack().crawlerRole(), "WriteCrawlerLogs", List.of(crawlerGroup, join(crawlerGroup, ":*")));
        assertStatement(synth.stack().jobRole(), "WriteJobLogs", List.of(logGroupArn("/aws-glue/jobs/bankml-dev/*"),
                logGroupArn("/aws-glue/jobs/bankml-dev-bankml-dev-security*"),
                logGroupArn(join("/aws-glue/jobs-", jobRole, "-bankml-dev-security*"))));
        assertStatement(synth.stack().approvalRole(), "WriteJobLogs", List.of(
                logGroupArn("/aws-glue/jobs/bankml-dev-approve/*"),
                logGroupArn("/aws-glue/jobs/bankml-dev-approve-bankml-dev-security*"),
                logGroupArn(join("/aws-glue/jobs-", approvalRole, "-bankml-dev-security*"))));
        // Nothing of Glue 4.0's continuous logging is left.
        assertFalse(synth.json().toString().contains("logs-v2"));
        assertFalse(synth.json().toString().contains("continuous-cloudwatch-log"));
        assertFalse(synth.json().toString().contains("continuous-log-logGroup"));
    }

    /** {@code Fn::Join ""} of the parts, flattened the way CloudFormation tokens are. */
    private static Object join(Object... parts) {
        List<Object> flat = new ArrayList<>();
        for (Object p : parts) {
            List<?> pieces = p instanceof Map<?, ?> m && m.containsKey("Fn::Join")
                    ? (List<?>) ((List<?>) m.get("Fn::Join")).get(1) : List.of(p);
            for (Object piece : pieces) {
                if (piece instanceof String s && !flat.isEmpty() && flat.get(flat.size() - 1) instanceof String last) {
                    flat.set(flat.size() - 1, last + s);
                } else {
                    flat.add(piece);
                }
            }
        }
        return flat.size() == 1 && flat.get(0) instanceof String s ? s : Map.of("Fn::Join", List.of("", flat));
    }

    private static Map<String, Object> logGroupArn(Object name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> arn = (Map<String, Object>) join("arn:", ref("AWS::Partition"), ":logs:", ref("AWS::Region"), ":",
                ref("AWS::AccountId"), ":log-group:", name);
        return arn;
    }

    @Test
    void failuresOfOurJobsAndCrawlersGoToTheEncryptedTopic() {
        String topic = synth.logicalIdOf(synth.stack().alerts().topic());
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("Name", "bankml-dev-job-failures",
                "EventPattern", Match.objectEquals(Map.of("source", List.of("aws.glue"),
                        "detail-type", List.of("Glue Job State Change"),
                        "detail", Map.of("jobName", List.of("bankml-dev-clean", "bankml-dev-evaluate", "bankml-dev-train",
                                        "bankml-dev-score"),
                                "state", List.of("FAILED", "TIMEOUT", "ERROR", "STOPPED")))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", ref(topic)))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("Name", "bankml-dev-crawler-failures",
                "EventPattern", Match.objectEquals(Map.of("source", List.of("aws.glue"),
                        "detail-type", List.of("Glue Crawler State Change"),
                        "detail", Map.of("crawlerName", List.of("bankml-dev-crawl-raw", "bankml-dev-crawl-cleaned"),
                                "state", List.of("Failed")))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", ref(topic)))))));
        // No e-mail unless configured.
        template.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void outputsGiveTheExactCommandsToUploadAndStart() {
        template.hasOutput("UploadSampleCommand", Map.of("Value", Map.of("Fn::Join", List.of("", List.of(
                "aws s3 cp data/sample/bank.csv s3://", ref(synth.bucket("Raw")), "/outcomes/bank.csv")))));
        template.hasOutput("StartWorkflowCommand", Map.of("Value", "aws glue start-workflow-run --name bankml-dev-pipeline"));
        template.hasOutput("WorkflowName", Map.of("Value", "bankml-dev-pipeline"));
        for (String b : List.of("Raw", "Cleaned", "Artifacts", "AccessLogs")) {
            template.hasOutput(b + "BucketName", Map.of("Value", ref(synth.bucket(b))));
        }
        template.hasOutput("DataKeyArn", Map.of("Value", keyArn));
        assertTrue(Files.isRegularFile(SynthesizedPipeline.projectRoot().resolve(BankMlPipelineStack.SAMPLE_FILE)));
    }
}
