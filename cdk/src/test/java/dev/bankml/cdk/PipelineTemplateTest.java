package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.WiringSettings;

/** Assertions on the properties of the synthesized template that decide whether a deployment works and is safe. */
class PipelineTemplateTest {
    private static SynthesizedPipeline synth;
    private static String keyArn;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        keyArn = "<" + synth.logicalIdOf(synth.stack().storage().key()) + ".Arn>";
    }

    private static String theOnly(String type) {
        Set<String> ids = synth.resourcesOfType(type).keySet();
        assertEquals(1, ids.size(), "one " + type);
        return ids.iterator().next();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of(o);
    }

    /** The Scala object each job's --class names: the entry point Glue runs. */
    static final Map<String, String> ENTRY_OBJECTS = Map.of(WorkflowDefinition.CLEAN, "CleaningJobEntry",
            WorkflowDefinition.EVALUATE, "MonitoringJobEntry", WorkflowDefinition.TRAIN, "TrainingJobEntry",
            WorkflowDefinition.SCORE, "InferenceJobEntry");

    @Test
    void everyJobStepIsAGlue5SparkJobRunningItsJavaClassFromItsJar() {
        WorkflowDefinition wf = synth.stack().definition();
        Set<String> scripts = new TreeSet<>();
        List<Step> jobs = wf.steps().stream().filter(s -> s.kind() == Step.Kind.JOB).toList();
        assertEquals(4, jobs.size());
        assertEquals(4, synth.resourcesOfType("AWS::Glue::Job").size());
        for (Step step : jobs) {
            Step.Job j = step.job().orElseThrow();
            Map<String, Object> p = synth.resourcesOfType("AWS::Glue::Job").get(
                    synth.logicalIdNamed("AWS::Glue::Job", "Name", "bankml-dev-" + step.id()));
            assertEquals("glueetl", map(p.get("Command")).get("Name"));
            assertEquals("5.0", p.get("GlueVersion"));
            assertEquals("G.1X", p.get("WorkerType"));
            assertEquals(2, p.get("NumberOfWorkers"));
            assertEquals(120, p.get("Timeout"));
            assertEquals(0, p.get("MaxRetries"));
            assertEquals(Map.of("MaxConcurrentRuns", 1), p.get("ExecutionProperty"));
            assertEquals("bankml-dev-security", p.get("SecurityConfiguration"));
            // Glue compiles the ScriptLocation and runs the object named by --class: each job has its own
            // entry script (cdk/glue/<object>.scala), compiled by GlueEntryScriptsTest.
            String script = SynthesizedPipeline.render(map(p.get("Command")).get("ScriptLocation"));
            Matcher asset = Pattern.compile(
                    "s3://cdk-hnb659fds-assets-\\$\\{AWS::AccountId}-\\$\\{AWS::Region}/([0-9a-f]{64})\\.scala").matcher(script);
            assertTrue(asset.matches(), script);
            // The object uploaded there is this job's entry script, byte for byte.
            assertEquals(SynthesizedPipeline.read(SynthesizedPipeline.projectRoot().resolve(
                            "cdk/glue/" + ENTRY_OBJECTS.get(step.id()) + ".scala")),
                    SynthesizedPipeline.read(Path.of(synth.app().getOutdir(), "asset." + asset.group(1) + ".scala")),
                    step.id());
            scripts.add(script);

            Map<String, Object> args = synth.jobArguments("bankml-dev-" + step.id());
            assertEquals("scala", args.get("--job-language"));
            assertEquals(ENTRY_OBJECTS.get(step.id()), args.get("--class"));
            String jar = SynthesizedPipeline.render(args.get("--extra-jars"));
            assertEquals("s3://cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}/"
                    + synth.stack().code().jar(j.module()).getAssetHash() + ".jar", jar);
            assertEquals("", args.get("--enable-metrics"));
            assertEquals("true", args.get("--enable-observability-metrics"));
            assertEquals("true", args.get("--enable-glue-datacatalog"));
            assertEquals("true", args.get("--enable-spark-ui"));
            // Glue 5.0: logs go to <prefix>/error and <prefix>/output; continuous logging is the 4.0 scheme.
            assertEquals("/aws-glue/jobs/bankml-dev", args.get("--custom-logGroup-prefix"));
            // The guide's rules for the prefix: at most 400 characters, matching [^:*]*, special characters _ - / only.
            assertTrue(((String) args.get("--custom-logGroup-prefix")).matches("[A-Za-z0-9_/-]{1,400}"));
            assertFalse(args.containsKey("--enable-continuous-cloudwatch-log"));
            assertFalse(args.containsKey("--continuous-log-logGroup"));
            assertEquals("job-bookmark-disable", args.get("--job-bookmark-option"));
            String artifacts = "<" + bucket("Artifacts") + ">";
            assertEquals("s3://" + artifacts + "/spark-events/", SynthesizedPipeline.render(args.get("--spark-event-logs-path")));
            assertEquals("s3://" + artifacts + "/glue-temp/", SynthesizedPipeline.render(args.get("--TempDir")));
            // Every argument of the step, as the workflow definition spells it, over this stack's buckets.
            Map<String, String> ours = new LinkedHashMap<>();
            args.forEach((k, v) -> {
                if (j.arguments().containsKey(k.substring(2))) {
                    ours.put(k.substring(2), SynthesizedPipeline.render(v));
                }
            });
            assertEquals(GraphExpectations.definitionOverLogicalIds(synth).step(step.id()).job().orElseThrow().arguments(),
                    ours);
            // The stack's own region, for the jobs' metrics: the pseudo-parameter, resolved by CloudFormation.
            assertEquals("<AWS::Region>", SynthesizedPipeline.render(args.get(WiringSettings.AWS_REGION.flag())));
            assertEquals(12 + j.arguments().size(), args.size(), "Glue settings + step arguments + region, nothing else");
        }
        // Training and scoring share the training module's jar; cleaning has its own. Each job has its own script.
        assertEquals(dev.bankml.workflow.settings.JobKind.TRAINING.module(), wf.step(WorkflowDefinition.SCORE).job().orElseThrow().module());
        assertEquals(4, scripts.size());
    }

    /** Glue only finds out at run time that --class is not in --extra-jars: check every job's jar now. */
    @Test
    void everyJarHoldsTheClassItsJobRuns() throws java.io.IOException {
        for (Step step : synth.stack().definition().steps()) {
            if (step.job().isEmpty()) {
                continue;
            }
            Step.Job job = step.job().get();
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(
                    JobCode.jarOf(SynthesizedPipeline.projectRoot(), job.module()).toFile())) {
                assertTrue(jar.getEntry(job.mainClass().replace('.', '/') + ".class") != null,
                        job.mainClass() + " is not in the " + job.module() + " jar");
            }
        }
    }

    /**
     * A run's arguments replace a job's DefaultArguments: whoever may start a run could otherwise point
     * the job at other data, other code, other logs or another region. All of that is non-overridable.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aRunCannotRedirectTheJobsCodeDataLogsOrMetrics() {
        WorkflowDefinition wf = synth.stack().definition();
        for (Step step : wf.steps().stream().filter(s -> s.kind() == Step.Kind.JOB).toList()) {
            Map<String, Object> job = synth.resourcesOfType("AWS::Glue::Job").get(
                    synth.logicalIdNamed("AWS::Glue::Job", "Name", "bankml-dev-" + step.id()));
            Set<String> fixed = new TreeSet<>(((Map<String, Object>) job.get("NonOverridableArguments")).keySet());
            Set<String> expected = new TreeSet<>(List.of("--job-language", "--class", "--extra-jars",
                    "--enable-glue-datacatalog", "--spark-event-logs-path", "--custom-logGroup-prefix", "--TempDir",
                    "--job-bookmark-option",
                    WiringSettings.AWS_REGION.flag(), DeploymentSettings.ENVIRONMENT.flag(), DeploymentSettings.PUBLISH_METRICS.flag()));
            // Every path and table of the step.
            step.job().orElseThrow().arguments().keySet().stream()
                    .filter(k -> Settings.named(k).orElseThrow().scope() == dev.bankml.workflow.settings.Setting.Scope.WIRING)
                    .forEach(k -> expected.add("--" + k));
            assertEquals(expected, fixed, step.id());
            Map<String, Object> defaults = (Map<String, Object>) job.get("DefaultArguments");
            // What a person may change for one run stays a default.
            assertTrue(defaults.keySet().stream().noneMatch(fixed::contains), step.id());
            assertTrue(defaults.containsKey(DeploymentSettings.LABEL.flag()), step.id() + ": " + defaults.keySet());
        }
        Map<String, Object> clean = (Map<String, Object>) synth.resourcesOfType("AWS::Glue::Job").get(
                synth.logicalIdNamed("AWS::Glue::Job", "Name", "bankml-dev-clean")).get("DefaultArguments");
        assertEquals("0.05", clean.get(CleaningSettings.MAX_REJECTED_FRACTION.flag()), "a run may change the rejection limit");
    }

    @Test
    void jobsPublishMetricsInThisEnvironmentWithTheConfiguredSettings() {
        for (String step : List.of(WorkflowDefinition.CLEAN, WorkflowDefinition.TRAIN, WorkflowDefinition.SCORE)) {
            Map<String, Object> args = synth.jobArguments("bankml-dev-" + step);
            assertEquals("dev", args.get(DeploymentSettings.ENVIRONMENT.flag()), step);
            assertEquals("true", args.get(DeploymentSettings.PUBLISH_METRICS.flag()), step);
        }
        Map<String, Object> clean = synth.jobArguments("bankml-dev-clean");
        assertEquals("0.05", clean.get(CleaningSettings.MAX_REJECTED_FRACTION.flag()));
        Map<String, Object> train = synth.jobArguments("bankml-dev-train");
        assertEquals("deposit", train.get(DeploymentSettings.LABEL.flag()));
        assertEquals("standard", train.get(TrainingSettings.TUNING.flag()));
        assertEquals("0.01", train.get(TrainingSettings.PROMOTION_MARGIN.flag()));
        assertEquals("bankml_dev.cleaned_outcomes", train.get(WiringSettings.SOURCE_TABLE.flag()));
        assertFalse(train.containsKey(TrainingSettings.EXCLUDE_FEATURES.flag()), "no feature excluded by default");
    }

    @Test
    void crawlersTargetTheirStepFolderWithDeliberatePolicies() {
        WorkflowDefinition expected = GraphExpectations.definitionOverLogicalIds(synth);
        for (String id : List.of(WorkflowDefinition.CRAWL_RAW, WorkflowDefinition.CRAWL_CLEANED)) {
            Step.Crawler c = expected.step(id).crawler().orElseThrow();
            Map<String, Object> p = synth.resourcesOfType("AWS::Glue::Crawler").get(
                    synth.logicalIdNamed("AWS::Glue::Crawler", "Name", "bankml-dev-" + id));
            List<Object> targets = list(map(p.get("Targets")).get("S3Targets"));
            assertEquals(c.targets().size(), targets.size(), id);
            for (int i = 0; i < targets.size(); i++) {
                Map<String, Object> target = map(targets.get(i));
                assertEquals(c.targets().get(i), SynthesizedPipeline.render(target.get("Path")));
                assertEquals(c.exclusions(), target.getOrDefault("Exclusions", List.of()));
            }
            assertEquals(c.tablePrefix(), p.get("TablePrefix"));
            assertEquals("bankml_dev", p.get("DatabaseName"));
            assertEquals(Map.of("UpdateBehavior", "LOG", "DeleteBehavior", "LOG"), p.get("SchemaChangePolicy"),
                    "incremental crawls require LOG on both");
            assertEquals(Map.of("RecrawlBehavior", "CRAWL_NEW_FOLDERS_ONLY"), p.get("RecrawlPolicy"));
            assertEquals("bankml-dev-security", p.get("CrawlerSecurityConfiguration"));
            assertEquals("<" + synth.logicalIdOfCrawlerRole() + ".Arn>", SynthesizedPipeline.render(p.get("Role")));
        }
        assertEquals(List.of("_*", "**/_*"), expected.step(WorkflowDefinition.CRAWL_CLEANED).crawler().orElseThrow().exclusions());
    }

    @Test
    void glueEncryptsS3AndLogsWithTheKeyLeavesNoUnusedBookmarkEncryptionAndTheKeyRotates() {
        Map<String, Object> sc = synth.resourcesOfType("AWS::Glue::SecurityConfiguration").values().iterator().next();
        Map<String, Object> enc = map(sc.get("EncryptionConfiguration"));
        Map<String, Object> s3 = map(list(enc.get("S3Encryptions")).get(0));
        assertEquals("SSE-KMS", s3.get("S3EncryptionMode"));
        assertEquals(keyArn, SynthesizedPipeline.render(s3.get("KmsKeyArn")));
        assertEquals("SSE-KMS", map(enc.get("CloudWatchEncryption")).get("CloudWatchEncryptionMode"));
        assertEquals(keyArn, SynthesizedPipeline.render(map(enc.get("CloudWatchEncryption")).get("KmsKeyArn")));
        // Bookmarks are disabled and need Job.init, which the jobs never call: no client-side encryption to grant for.
        assertFalse(enc.containsKey("JobBookmarksEncryption"), enc.toString());
        for (String step : List.of(WorkflowDefinition.CLEAN, WorkflowDefinition.TRAIN, WorkflowDefinition.SCORE)) {
            assertEquals("job-bookmark-disable", synth.jobArguments("bankml-dev-" + step).get("--job-bookmark-option"));
        }

        String key = synth.logicalIdOf(synth.stack().storage().key());
        assertEquals(true, map(synth.resource(key).get("Properties")).get("EnableKeyRotation"));
        assertEquals("Retain", synth.resource(key).get("DeletionPolicy"));
    }

    private static Map<String, Map<String, Object>> keyPolicyBySid(String keyLogicalId) {
        Map<String, Object> policy = map(map(synth.resource(keyLogicalId).get("Properties")).get("KeyPolicy"));
        Map<String, Map<String, Object>> bySid = new LinkedHashMap<>();
        list(policy.get("Statement")).forEach(s -> bySid.put(String.valueOf(map(s).get("Sid")), map(s)));
        return bySid;
    }

    @Test
    void theDataKeyLetsLogsUseItOnlyForGlueLogGroupsAndNoAlertPublisher() {
        Map<String, Map<String, Object>> bySid = keyPolicyBySid(synth.logicalIdOf(synth.stack().storage().key()));
        Map<String, Object> logs = bySid.get("AllowCloudWatchLogsForGlueLogGroups");
        assertEquals("logs.<AWS::Region>.amazonaws.com", SynthesizedPipeline.render(map(logs.get("Principal")).get("Service")));
        assertEquals("arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws-glue/*",
                SynthesizedPipeline.render(map(map(logs.get("Condition")).get("ArnLike")).get("kms:EncryptionContext:aws:logs:arn")));
        // The data key protects the data: the services that publish alerts get nothing of it.
        String policy = synth.resource(synth.logicalIdOf(synth.stack().storage().key())).toString();
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
        Map<String, Object> topic = synth.resourcesOfType("AWS::SNS::Topic").values().iterator().next();
        assertEquals("<" + alertsKey + ".Arn>", SynthesizedPipeline.render(topic.get("KmsMasterKeyId")));
        assertEquals(true, map(synth.resource(alertsKey).get("Properties")).get("EnableKeyRotation"));
        String account = "<AWS::AccountId>";
        String alarms = "arn:<AWS::Partition>:cloudwatch:<AWS::Region>:" + account + ":alarm:bankml-dev-*";
        Map<String, Map<String, Object>> keySids = keyPolicyBySid(alertsKey);
        Map<String, Object> cloudWatch = keySids.get("AllowOurAlarmsToPublishEncryptedAlerts");
        assertEquals("cloudwatch.amazonaws.com", map(cloudWatch.get("Principal")).get("Service"));
        assertEquals(account, SynthesizedPipeline.render(map(map(cloudWatch.get("Condition")).get("StringEquals"))
                .get("aws:SourceAccount")));
        assertEquals(alarms, SynthesizedPipeline.render(map(map(cloudWatch.get("Condition")).get("ArnLike"))
                .get("aws:SourceArn")));
        assertEquals("events.amazonaws.com", map(keySids.get("AllowEventBridgeToPublishEncryptedAlerts")
                .get("Principal")).get("Service"));

        Map<String, Object> topicPolicy = synth.resourcesOfType("AWS::SNS::TopicPolicy").values().iterator().next();
        List<Map<String, Object>> allows = list(map(topicPolicy.get("PolicyDocument")).get("Statement")).stream()
                .map(PipelineTemplateTest::map).filter(st -> "Allow".equals(st.get("Effect"))).toList();
        assertEquals(2, allows.size(), "alarms and rules, nothing unconditioned: " + allows);
        for (Map<String, Object> st : allows) {
            Map<String, Object> condition = map(st.get("Condition"));
            assertEquals(account, SynthesizedPipeline.render(map(condition.get("StringEquals")).get("aws:SourceAccount")));
            if ("events.amazonaws.com".equals(map(st.get("Principal")).get("Service"))) {
                assertEquals(List.of("arn:<AWS::Partition>:events:<AWS::Region>:" + account + ":rule/bankml-dev-job-failures",
                        "arn:<AWS::Partition>:events:<AWS::Region>:" + account + ":rule/bankml-dev-crawler-failures"),
                        list(map(condition.get("ArnEquals")).get("aws:SourceArn")).stream()
                                .map(SynthesizedPipeline::render).toList());
            } else {
                assertEquals(alarms, SynthesizedPipeline.render(map(condition.get("ArnLike")).get("aws:SourceArn")));
            }
        }
        // The rules' names are the ones the ARNs above name.
        synth.logicalIdNamed("AWS::Events::Rule", "Name", "bankml-dev-job-failures");
        synth.logicalIdNamed("AWS::Events::Rule", "Name", "bankml-dev-crawler-failures");
    }

    @Test
    void bucketsBlockPublicAccessEncryptLogAndAreRetained() {
        Map<String, Map<String, Object>> buckets = synth.resourcesOfType("AWS::S3::Bucket");
        assertEquals(4, buckets.size());
        String logs = bucket("AccessLogs");
        for (Map.Entry<String, Map<String, Object>> e : buckets.entrySet()) {
            Map<String, Object> p = e.getValue();
            assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                    "RestrictPublicBuckets", true), p.get("PublicAccessBlockConfiguration"), e.getKey());
            assertEquals("Retain", synth.resource(e.getKey()).get("DeletionPolicy"), e.getKey());
            Map<String, Object> sse = map(list(map(p.get("BucketEncryption")).get("ServerSideEncryptionConfiguration")).get(0));
            Map<String, Object> rule = map(sse.get("ServerSideEncryptionByDefault"));
            List<Object> lifecycle = list(map(p.get("LifecycleConfiguration")).get("Rules"));
            assertTrue(lifecycle.stream().anyMatch(r -> Map.of("DaysAfterInitiation", 7)
                    .equals(map(r).get("AbortIncompleteMultipartUpload"))), e.getKey());
            if (e.getKey().equals(logs)) {
                assertEquals("AES256", rule.get("SSEAlgorithm"), "S3 delivers access logs only to SSE-S3 buckets");
                assertFalse(p.containsKey("LoggingConfiguration"));
            } else {
                assertEquals("aws:kms", rule.get("SSEAlgorithm"), e.getKey());
                assertEquals(keyArn, SynthesizedPipeline.render(rule.get("KMSMasterKeyID")));
                assertEquals(true, sse.get("BucketKeyEnabled"));
                assertEquals("<" + logs + ">", SynthesizedPipeline.render(
                        map(p.get("LoggingConfiguration")).get("DestinationBucketName")), e.getKey());
            }
        }
        for (String versioned : List.of("Raw", "Cleaned", "Artifacts")) {
            assertEquals(Map.of("Status", "Enabled"), buckets.get(bucket(versioned)).get("VersioningConfiguration"), versioned);
        }
    }

    @Test
    void everyBucketPolicyDeniesRequestsWithoutTls() {
        Map<String, Map<String, Object>> policies = synth.resourcesOfType("AWS::S3::BucketPolicy");
        assertEquals(4, policies.size());
        Set<String> covered = new TreeSet<>();
        for (Map<String, Object> p : policies.values()) {
            String bucketRef = SynthesizedPipeline.render(p.get("Bucket"));
            String bucketId = bucketRef.substring(1, bucketRef.length() - 1);
            boolean denies = list(map(p.get("PolicyDocument")).get("Statement")).stream().map(s -> map(s)).anyMatch(s ->
                    "Deny".equals(s.get("Effect")) && "s3:*".equals(s.get("Action"))
                            && Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(s.get("Condition"))
                            && list(s.get("Resource")).stream().map(SynthesizedPipeline::render).toList()
                                    .equals(List.of("<" + bucketId + ".Arn>", "<" + bucketId + ".Arn>/*")));
            assertTrue(denies, "TLS-only policy on " + bucketId);
            boolean deniesOldTls = list(map(p.get("PolicyDocument")).get("Statement")).stream().map(s -> map(s)).anyMatch(s ->
                    "Deny".equals(s.get("Effect")) && "s3:*".equals(s.get("Action"))
                            && Map.of("NumericLessThan", Map.of("s3:TlsVersion", 1.2)).equals(s.get("Condition")));
            assertTrue(deniesOldTls, "TLS below 1.2 refused on " + bucketId);
            covered.add(bucketId);
        }
        assertEquals(new TreeSet<>(synth.resourcesOfType("AWS::S3::Bucket").keySet()), covered);
    }

    /** Glue's temp dir and the Spark event logs are scratch: expired, and their replaced versions too. */
    @Test
    void scratchFoldersOfTheArtifactsBucketExpire() {
        List<Object> rules = list(map(synth.resourcesOfType("AWS::S3::Bucket").get(bucket("Artifacts"))
                .get("LifecycleConfiguration")).get("Rules"));
        Map<String, Map<String, Object>> byPrefix = new LinkedHashMap<>();
        rules.stream().map(PipelineTemplateTest::map).filter(r -> r.containsKey("Prefix"))
                .forEach(r -> byPrefix.put((String) r.get("Prefix"), r));
        assertEquals(Set.of("glue-temp/", "spark-events/"), byPrefix.keySet());
        assertEquals(7, byPrefix.get("glue-temp/").get("ExpirationInDays"));
        assertEquals(30, byPrefix.get("spark-events/").get("ExpirationInDays"));
        byPrefix.values().forEach(r -> {
            assertEquals("Enabled", r.get("Status"));
            assertEquals(1, r.get("NoncurrentVersionExpiration") instanceof Map<?, ?> m ? m.get("NoncurrentDays")
                    : r.get("NoncurrentVersionExpirationInDays"));
        });
        // The folders are the ones the jobs are given.
        Map<String, Object> train = synth.jobArguments("bankml-dev-train");
        assertTrue(SynthesizedPipeline.render(train.get("--TempDir")).endsWith("/glue-temp/"));
        assertTrue(SynthesizedPipeline.render(train.get("--spark-event-logs-path")).endsWith("/spark-events/"));
    }

    @Test
    void bothRolesAreAssumedByGlueOnlyWithNoManagedPolicyAndNoUnjustifiedWildcard() {
        assertEquals(3, synth.resourcesOfType("AWS::IAM::Role").size(),
                "a crawler role, a job role and the delivery rule's role (WorkflowGraphTest)");
        for (GlueServiceRole glueRole : List.<GlueServiceRole>of(synth.stack().crawlerRole(), synth.stack().jobRole())) {
            Map<String, Object> role = synth.resourcesOfType("AWS::IAM::Role").get(synth.logicalIdOf(glueRole.role()));
            Map<String, Object> trust = map(list(map(role.get("AssumeRolePolicyDocument")).get("Statement")).get(0));
            assertEquals(Map.of("Service", "glue.amazonaws.com"), trust.get("Principal"));
            assertFalse(role.containsKey("ManagedPolicyArns"));
        }
        for (GlueServiceRole role : List.<GlueServiceRole>of(synth.stack().crawlerRole(), synth.stack().jobRole())) {
            for (Map<String, Object> s : roleStatements(role)) {
                for (Object action : list(s.get("Action"))) {
                    assertFalse(action.toString().contains("*"), "wildcard action " + action);
                }
                List<String> resources = list(s.get("Resource")).stream().map(SynthesizedPipeline::render).toList();
                if (resources.contains("*")) {
                    // Only two actions without resource-level permissions: PutMetricData, only in our namespaces,
                    // and reading a security configuration (they have no ARN).
                    if (s.get("Sid").equals("PublishMetrics")) {
                        assertEquals("cloudwatch:PutMetricData", s.get("Action"));
                        assertEquals(Map.of("StringEquals", Map.of("cloudwatch:namespace",
                                List.of(MetricNames.NAMESPACE, "Glue"))), s.get("Condition"));
                    } else {
                        assertEquals("ReadSecurityConfiguration", s.get("Sid"));
                        assertEquals("glue:GetSecurityConfiguration", s.get("Action"));
                        assertEquals(List.of("*"), resources);
                    }
                }
            }
        }
    }

    private static Map<String, List<String>> resourcesBySid(GlueServiceRole role) {
        Map<String, List<String>> bySid = new LinkedHashMap<>();
        roleStatements(role).forEach(s -> bySid.put((String) s.get("Sid"),
                list(s.get("Resource")).stream().map(SynthesizedPipeline::render).toList()));
        return bySid;
    }

    @Test
    void theJobsWriteOnlyThePipelineFoldersAndNeverTheRawInput() {
        Map<String, List<String>> bySid = resourcesBySid(synth.stack().jobRole());
        String raw = bucket("Raw");
        String cleaned = bucket("Cleaned");
        String artifacts = bucket("Artifacts");
        assertEquals(List.of("<" + raw + ".Arn>/outcomes*", "<" + raw + ".Arn>/leads*"), bySid.get("ReadRawInput"));
        List<String> writes = new ArrayList<>();
        for (String f : List.of("outcomes", "leads", "quarantine", "ledger")) {
            writes.add("<" + cleaned + ".Arn>/" + f + "*");
        }
        for (String f : List.of("reports", "models", "metrics", "predictions", "spark-events", "glue-temp")) {
            writes.add("<" + artifacts + ".Arn>/" + f + "*");
        }
        assertEquals(writes, bySid.get("ReadWritePipelineData"));
        assertEquals(List.of(keyArn), bySid.get("UseDataKey"));
        // The jobs read exactly the table they are given; they write no table.
        assertEquals(List.of("arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:catalog",
                "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:database/bankml_dev",
                "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/bankml_dev/cleaned_outcomes"),
                bySid.get("ReadCatalog"));
        // Exactly the six uploaded code objects: two jars, four entry scripts.
        assertEquals(6, bySid.get("ReadJobCode").size());
        bySid.get("ReadJobCode").forEach(r -> assertTrue(
                r.matches("arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-\\$\\{AWS::AccountId}-\\$\\{AWS::Region}/[0-9a-f]{64}\\.(jar|scala)")
                        || r.matches("arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/[0-9a-f]{64}\\.(jar|scala)"),
                r));
    }

    @Test
    void theCrawlersOnlyReadTheFoldersTheyCrawlAndWriteOnlyTheirTables() {
        Map<String, List<String>> bySid = resourcesBySid(synth.stack().crawlerRole());
        assertEquals(List.of("<" + bucket("Raw") + ".Arn>/outcomes*", "<" + bucket("Raw") + ".Arn>/leads*",
                "<" + bucket("Cleaned") + ".Arn>/outcomes*", "<" + bucket("Cleaned") + ".Arn>/leads*"),
                bySid.get("ReadCrawledData"));
        assertEquals(List.of("arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:catalog",
                "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:database/bankml_dev",
                "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/bankml_dev/raw_*",
                "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/bankml_dev/cleaned_*"),
                bySid.get("WriteCrawledTables"));
        Set<String> actions = new TreeSet<>();
        roleStatements(synth.stack().crawlerRole()).forEach(s -> list(s.get("Action")).forEach(a -> actions.add((String) a)));
        assertTrue(actions.stream().noneMatch(a -> a.equals("s3:PutObject") || a.equals("s3:DeleteObject")
                || a.startsWith("cloudwatch:") || a.equals("kms:GenerateDataKey")), actions.toString());
    }

    /**
     * The log groups Glue's documentation names are created by the stack, encrypted with the data key,
     * kept 90 days and retained when the stack is deleted: Glue 5.0's {@code <prefix>/error|output}, the
     * form reported under a security configuration, and the crawlers' group. Each role may write its
     * own groups only (the job role's grant covers every documented naming: PipelineRoleAuditTest).
     */
    @Test
    void glueLogsGoToLogGroupsTheStackCreatesEncryptedWithRetentionAndKeeps() {
        String crawlerRole = "<" + synth.logicalIdOfCrawlerRole() + ">";
        String jobRole = "<" + synth.logicalIdOfJobRole() + ">";
        Set<String> names = new TreeSet<>();
        synth.resourcesOfType("AWS::Logs::LogGroup").forEach((id, g) -> {
            names.add(SynthesizedPipeline.render(g.get("LogGroupName")));
            assertEquals(keyArn, SynthesizedPipeline.render(g.get("KmsKeyId")));
            assertEquals(90, g.get("RetentionInDays"));
            assertEquals("Retain", synth.resource(id).get("DeletionPolicy"), id);
        });
        assertEquals(new TreeSet<>(List.of(
                "/aws-glue/jobs/bankml-dev/error",
                "/aws-glue/jobs/bankml-dev/output",
                "/aws-glue/jobs/bankml-dev/bankml-dev-security-role/" + jobRole + "/error",
                "/aws-glue/jobs/bankml-dev/bankml-dev-security-role/" + jobRole + "/output",
                "/aws-glue/crawlers-role/" + crawlerRole + "-bankml-dev-security")), names);
        String logs = "arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:";
        assertEquals(List.of(logs + "/aws-glue/crawlers-role/" + crawlerRole + "-bankml-dev-security",
                logs + "/aws-glue/crawlers-role/" + crawlerRole + "-bankml-dev-security:*"),
                resourcesBySid(synth.stack().crawlerRole()).get("WriteCrawlerLogs"));
        assertEquals(List.of(logs + "/aws-glue/jobs/bankml-dev/*", logs + "/aws-glue/jobs/bankml-dev-bankml-dev-security*",
                logs + "/aws-glue/jobs-" + jobRole + "-bankml-dev-security*"),
                resourcesBySid(synth.stack().jobRole()).get("WriteJobLogs"));
        // Nothing of Glue 4.0's continuous logging is left.
        assertFalse(synth.json().toString().contains("logs-v2"));
        assertFalse(synth.json().toString().contains("continuous-cloudwatch-log"));
    }

    @Test
    void failuresOfOurJobsAndCrawlersGoToTheEncryptedTopic() {
        String topicId = theOnly("AWS::SNS::Topic");
        Map<String, Object> jobs = synth.resourcesOfType("AWS::Events::Rule").get(
                synth.logicalIdNamed("AWS::Events::Rule", "Name", "bankml-dev-job-failures"));
        Map<String, Object> pattern = map(jobs.get("EventPattern"));
        assertEquals(List.of("aws.glue"), pattern.get("source"));
        assertEquals(List.of("Glue Job State Change"), pattern.get("detail-type"));
        assertEquals(List.of("bankml-dev-clean", "bankml-dev-evaluate", "bankml-dev-train", "bankml-dev-score"),
                map(pattern.get("detail")).get("jobName"));
        assertEquals(List.of("FAILED", "TIMEOUT", "ERROR", "STOPPED"), map(pattern.get("detail")).get("state"));
        assertEquals("<" + topicId + ">", SynthesizedPipeline.render(map(list(jobs.get("Targets")).get(0)).get("Arn")));

        Map<String, Object> crawlers = synth.resourcesOfType("AWS::Events::Rule").get(
                synth.logicalIdNamed("AWS::Events::Rule", "Name", "bankml-dev-crawler-failures"));
        Map<String, Object> cp = map(crawlers.get("EventPattern"));
        assertEquals(List.of("Glue Crawler State Change"), cp.get("detail-type"));
        assertEquals(List.of("bankml-dev-crawl-raw", "bankml-dev-crawl-cleaned"), map(cp.get("detail")).get("crawlerName"));
        assertEquals(List.of("Failed"), map(cp.get("detail")).get("state"));
        assertEquals("<" + topicId + ">", SynthesizedPipeline.render(map(list(crawlers.get("Targets")).get(0)).get("Arn")));
        // No e-mail unless configured.
        assertTrue(synth.resourcesOfType("AWS::SNS::Subscription").isEmpty());
    }

    @Test
    void outputsGiveTheExactCommandsToUploadAndStart() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> outputs = (Map<String, Map<String, Object>>) (Object) synth.json().get("Outputs");
        assertEquals("aws s3 cp data/sample/bank.csv s3://<" + bucket("Raw") + ">/outcomes/bank.csv",
                SynthesizedPipeline.render(outputs.get("UploadSampleCommand").get("Value")));
        assertEquals("aws glue start-workflow-run --name bankml-dev-pipeline",
                SynthesizedPipeline.render(outputs.get("StartWorkflowCommand").get("Value")));
        assertEquals("bankml-dev-pipeline", SynthesizedPipeline.render(outputs.get("WorkflowName").get("Value")));
        for (String b : List.of("Raw", "Cleaned", "Artifacts", "AccessLogs")) {
            assertEquals("<" + bucket(b) + ">", SynthesizedPipeline.render(outputs.get(b + "BucketName").get("Value")));
        }
        assertEquals(keyArn, SynthesizedPipeline.render(outputs.get("DataKeyArn").get("Value")));
        assertTrue(java.nio.file.Files.isRegularFile(SynthesizedPipeline.projectRoot().resolve(BankMlPipelineStack.SAMPLE_FILE)));
    }

    private static List<Map<String, Object>> roleStatements(GlueServiceRole role) {
        Map<String, Object> policy = synth.resourcesOfType("AWS::IAM::Policy").get(synth.logicalIdOf(role.policy()));
        return list(map(policy.get("PolicyDocument")).get("Statement")).stream().map(PipelineTemplateTest::map).toList();
    }

    /** Logical id of the bucket of construct {@code Storage/<id>/Bucket}. */
    static String bucket(String id) {
        return bucketOf(synth, id);
    }

    static String bucketOf(SynthesizedPipeline s, String id) {
        return s.logicalIdOf(s.stack().storage().getNode().findChild(id).getNode().findChild("Bucket"));
    }
}
