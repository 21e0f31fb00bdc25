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
import dev.bankml.workflow.settings.Settings;

/** Assertions on the properties of the synthesized template that decide whether a deployment works and is safe. */
class PipelineTemplateTest {
    private static SynthesizedPipeline synth;
    private static String keyArn;

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        keyArn = "<" + theOnly("AWS::KMS::Key") + ".Arn>";
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

            Map<String, Object> args = map(p.get("DefaultArguments"));
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
            assertEquals(11 + j.arguments().size(), args.size(), "Glue settings + step arguments, nothing else");
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

    @Test
    void jobsPublishMetricsInThisEnvironmentWithTheConfiguredSettings() {
        for (String step : List.of(WorkflowDefinition.CLEAN, WorkflowDefinition.TRAIN, WorkflowDefinition.SCORE)) {
            Map<String, Object> args = map(synth.resourcesOfType("AWS::Glue::Job").get(
                    synth.logicalIdNamed("AWS::Glue::Job", "Name", "bankml-dev-" + step)).get("DefaultArguments"));
            assertEquals("dev", args.get(Settings.ENVIRONMENT.flag()), step);
            assertEquals("true", args.get(Settings.PUBLISH_METRICS.flag()), step);
        }
        Map<String, Object> clean = map(synth.resourcesOfType("AWS::Glue::Job").get(
                synth.logicalIdNamed("AWS::Glue::Job", "Name", "bankml-dev-clean")).get("DefaultArguments"));
        assertEquals("0.05", clean.get(Settings.MAX_REJECTED_FRACTION.flag()));
        Map<String, Object> train = map(synth.resourcesOfType("AWS::Glue::Job").get(
                synth.logicalIdNamed("AWS::Glue::Job", "Name", "bankml-dev-train")).get("DefaultArguments"));
        assertEquals("deposit", train.get(Settings.LABEL.flag()));
        assertEquals("standard", train.get(Settings.TUNING.flag()));
        assertEquals("0.01", train.get(Settings.PROMOTION_MARGIN.flag()));
        assertEquals("bankml_dev.cleaned_outcomes", train.get(Settings.SOURCE_TABLE.flag()));
        assertFalse(train.containsKey(Settings.EXCLUDE_FEATURES.flag()), "no feature excluded by default");
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
            assertEquals("<" + synth.logicalIdOfRole() + ".Arn>", SynthesizedPipeline.render(p.get("Role")));
        }
        assertEquals(List.of("_*", "**/_*"), expected.step(WorkflowDefinition.CRAWL_CLEANED).crawler().orElseThrow().exclusions());
    }

    @Test
    void glueEncryptsS3LogsAndBookmarksWithTheKeyAndTheKeyRotates() {
        Map<String, Object> sc = synth.resourcesOfType("AWS::Glue::SecurityConfiguration").values().iterator().next();
        Map<String, Object> enc = map(sc.get("EncryptionConfiguration"));
        Map<String, Object> s3 = map(list(enc.get("S3Encryptions")).get(0));
        assertEquals("SSE-KMS", s3.get("S3EncryptionMode"));
        assertEquals(keyArn, SynthesizedPipeline.render(s3.get("KmsKeyArn")));
        assertEquals("SSE-KMS", map(enc.get("CloudWatchEncryption")).get("CloudWatchEncryptionMode"));
        assertEquals(keyArn, SynthesizedPipeline.render(map(enc.get("CloudWatchEncryption")).get("KmsKeyArn")));
        assertEquals("CSE-KMS", map(enc.get("JobBookmarksEncryption")).get("JobBookmarksEncryptionMode"));
        assertEquals(keyArn, SynthesizedPipeline.render(map(enc.get("JobBookmarksEncryption")).get("KmsKeyArn")));

        String key = theOnly("AWS::KMS::Key");
        assertEquals(true, map(synth.resource(key).get("Properties")).get("EnableKeyRotation"));
        assertEquals("Retain", synth.resource(key).get("DeletionPolicy"));
    }

    @Test
    void keyPolicyLetsLogsUseItOnlyForGlueLogGroupsAndLetsAlertPublishersUseIt() {
        Map<String, Object> policy = map(map(synth.resource(theOnly("AWS::KMS::Key")).get("Properties")).get("KeyPolicy"));
        Map<String, Map<String, Object>> bySid = new LinkedHashMap<>();
        list(policy.get("Statement")).forEach(s -> bySid.put(String.valueOf(map(s).get("Sid")), map(s)));
        Map<String, Object> logs = bySid.get("AllowCloudWatchLogsForGlueLogGroups");
        assertEquals("logs.<AWS::Region>.amazonaws.com", SynthesizedPipeline.render(map(logs.get("Principal")).get("Service")));
        assertEquals("arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws-glue/*",
                SynthesizedPipeline.render(map(map(logs.get("Condition")).get("ArnLike")).get("kms:EncryptionContext:aws:logs:arn")));
        Map<String, Object> alerts = bySid.get("AllowEventBridgeAndCloudWatchToPublishEncryptedAlerts");
        assertEquals(Set.of("events.amazonaws.com", "cloudwatch.amazonaws.com"),
                Set.copyOf(list(map(alerts.get("Principal")).get("Service"))));
        assertEquals(Set.of("kms:Decrypt", "kms:GenerateDataKey"), Set.copyOf(list(alerts.get("Action"))));
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
        for (String versioned : List.of("Cleaned", "Artifacts")) {
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
            covered.add(bucketId);
        }
        assertEquals(new TreeSet<>(synth.resourcesOfType("AWS::S3::Bucket").keySet()), covered);
    }

    @Test
    void roleIsAssumedByGlueOnlyWithNoManagedPolicyAndNoUnjustifiedWildcard() {
        Map<String, Object> role = synth.resource(synth.logicalIdOfRole());
        role = map(role.get("Properties"));
        assertEquals(2, synth.resourcesOfType("AWS::IAM::Role").size(), "the Glue role and the delivery rule's role");
        Map<String, Object> trust = map(list(map(role.get("AssumeRolePolicyDocument")).get("Statement")).get(0));
        assertEquals(Map.of("Service", "glue.amazonaws.com"), trust.get("Principal"));
        assertFalse(role.containsKey("ManagedPolicyArns"));

        List<Map<String, Object>> statements = roleStatements();
        for (Map<String, Object> s : statements) {
            for (Object action : list(s.get("Action"))) {
                assertFalse(action.toString().contains("*"), "wildcard action " + action);
            }
            List<String> resources = list(s.get("Resource")).stream().map(SynthesizedPipeline::render).toList();
            if (resources.contains("*")) {
                // Only two actions without resource-level permissions: PutMetricData, only in our namespaces,
                // and reading a security configuration (they have no ARN).
                if (s.get("Sid").equals("PublishMetrics")) {
                    assertEquals("cloudwatch:PutMetricData", s.get("Action"));
                    assertEquals(Map.of("StringEquals", Map.of("cloudwatch:namespace", List.of(MetricNames.NAMESPACE, "Glue"))),
                            s.get("Condition"));
                } else {
                    assertEquals("ReadSecurityConfiguration", s.get("Sid"));
                    assertEquals("glue:GetSecurityConfiguration", s.get("Action"));
                    assertEquals(List.of("*"), resources);
                }
            }
        }
    }

    @Test
    void roleWritesOnlyThePipelineFoldersAndNeverTheRawInput() {
        Map<String, List<String>> bySid = new LinkedHashMap<>();
        roleStatements().forEach(s -> bySid.put((String) s.get("Sid"),
                list(s.get("Resource")).stream().map(SynthesizedPipeline::render).toList()));
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
        assertEquals(List.of("arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:catalog",
                "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:database/bankml_dev",
                "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/bankml_dev/raw_*",
                "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:table/bankml_dev/cleaned_*"),
                bySid.get("CrawlersWriteCatalog"));
        // Exactly the six uploaded code objects: two jars, four entry scripts.
        assertEquals(6, bySid.get("ReadJobCode").size());
        bySid.get("ReadJobCode").forEach(r -> assertTrue(
                r.matches("arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-\\$\\{AWS::AccountId}-\\$\\{AWS::Region}/[0-9a-f]{64}\\.(jar|scala)")
                        || r.matches("arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/[0-9a-f]{64}\\.(jar|scala)"),
                r));
        // Log groups: the four this stack creates, by name.
        Set<String> logGroups = new TreeSet<>();
        synth.resourcesOfType("AWS::Logs::LogGroup").values().forEach(g -> {
            logGroups.add("arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:" + SynthesizedPipeline.render(g.get("LogGroupName")));
            logGroups.add("arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:" + SynthesizedPipeline.render(g.get("LogGroupName")) + ":*");
            assertEquals(keyArn, SynthesizedPipeline.render(g.get("KmsKeyId")));
            assertEquals(90, g.get("RetentionInDays"));
        });
        assertEquals(logGroups, new TreeSet<>(bySid.get("WriteOwnLogs")));
    }

    /**
     * Glue 5.0 job logs go to {@code <--custom-logGroup-prefix>/error} and {@code /output} (Glue guide,
     * "Logging for AWS Glue jobs"); crawlers with a security configuration log to
     * {@code /aws-glue/crawlers-role/<role>-<security configuration>}. The stack creates exactly these,
     * encrypted with the data key and kept 90 days, and the role may write nothing else.
     */
    @Test
    void glueLogsGoToLogGroupsTheStackCreatesEncryptedWithRetention() {
        String role = "<" + synth.logicalIdOfRole() + ">";
        Set<String> names = new TreeSet<>();
        synth.resourcesOfType("AWS::Logs::LogGroup").values().forEach(g -> {
            names.add(SynthesizedPipeline.render(g.get("LogGroupName")));
            assertEquals(keyArn, SynthesizedPipeline.render(g.get("KmsKeyId")));
            assertEquals(90, g.get("RetentionInDays"));
        });
        assertEquals(new TreeSet<>(List.of(
                "/aws-glue/jobs/bankml-dev/error",
                "/aws-glue/jobs/bankml-dev/output",
                // the form public deployments report for logs a security configuration encrypts (PipelineRole)
                "/aws-glue/jobs/bankml-dev/bankml-dev-security-role/" + role + "/error",
                "/aws-glue/jobs/bankml-dev/bankml-dev-security-role/" + role + "/output",
                "/aws-glue/crawlers-role/" + role + "-bankml-dev-security")), names);
        Set<String> granted = new TreeSet<>();
        for (Map<String, Object> s : roleStatements()) {
            for (Object action : list(s.get("Action"))) {
                if (action.toString().startsWith("logs:")) {
                    list(s.get("Resource")).forEach(r -> granted.add(SynthesizedPipeline.render(r)));
                }
            }
        }
        Set<String> expected = new TreeSet<>();
        names.forEach(n -> {
            expected.add("arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:" + n);
            expected.add("arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:" + n + ":*");
        });
        assertEquals(expected, granted);
        // Nothing of Glue 4.0's continuous logging is left.
        assertFalse(synth.json().toString().contains("logs-v2"));
        assertFalse(synth.json().toString().contains("continuous-cloudwatch-log"));
    }

    @Test
    void failuresOfOurJobsAndCrawlersGoToTheEncryptedTopic() {
        Map<String, Object> topic = synth.resourcesOfType("AWS::SNS::Topic").values().iterator().next();
        assertEquals(keyArn, SynthesizedPipeline.render(topic.get("KmsMasterKeyId")));
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

    private static List<Map<String, Object>> roleStatements() {
        Map<String, Object> policy = synth.policyOfRole(synth.logicalIdOfRole());
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
