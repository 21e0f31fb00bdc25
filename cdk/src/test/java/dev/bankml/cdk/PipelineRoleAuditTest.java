package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;

/**
 * The crawler role and the job role audited call by call against their synthesized policies. Each
 * {@link Call} is a request one of the two crawlers or three jobs makes (or Glue makes for them as
 * their role), written the way IAM evaluates it: an action, every resource ARN it is authorized
 * against (Data Catalog calls are checked against the catalog, the database and the table: Glue guide,
 * "Specifying AWS Glue resource ARNs"), and its condition keys. Every call must be allowed by its
 * role, every grant of a role must serve a call of that role (least privilege), and docs/DEPLOY.md
 * must list every granted action per role. The policies have only Allow statements and exact actions
 * (PipelineTemplateTest checks it), so the small evaluator below is enough.
 */
class PipelineRoleAuditTest {
    private static SynthesizedPipeline synth;
    /** The policy of each role: {@link #CRAWLERS} and {@link #JOBS}. */
    private static Map<String, List<Statement>> policies;
    private static List<Call> calls;
    static final String CRAWLERS = "crawler";
    static final String JOBS = "job";
    static final String APPROVAL = "approval";

    /** A request as IAM sees it: who needs it, its action, the resources it is authorized against, its context. */
    record Call(String by, String action, List<String> resources, Map<String, String> context) {
        /**
         * The role that makes it: {@link #CRAWLERS} for a crawler's call, {@link #APPROVAL} for the approval job's,
         * {@link #JOBS} for a cycle job's.
         */
        String role() {
            return by.startsWith(CRAWLERS + " ") ? CRAWLERS : by.startsWith(APPROVAL + " ") ? APPROVAL : JOBS;
        }
    }

    /** An Allow statement of the policy, resources rendered as in {@link SynthesizedPipeline#render}. */
    record Statement(String sid, List<String> actions, List<String> resources, Map<String, Object> condition) {

        boolean allows(String action, String resource, Map<String, String> context) {
            return actions.contains(action) && resources.stream().anyMatch(r -> glob(r).matcher(resource).matches())
                    && conditionHolds(context);
        }

        @SuppressWarnings("unchecked")
        private boolean conditionHolds(Map<String, String> context) {
            for (Map.Entry<String, Object> operator : condition.entrySet()) {
                if (!operator.getKey().equals("StringEquals")) {
                    throw new IllegalStateException("the test evaluator knows StringEquals only, not " + operator.getKey());
                }
                for (Map.Entry<String, Object> key : ((Map<String, Object>) operator.getValue()).entrySet()) {
                    List<Object> values = key.getValue() instanceof List<?> l ? (List<Object>) l : List.of(key.getValue());
                    if (!values.contains(context.get(key.getKey()))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** IAM resource matching: '*' any run of characters, '?' one character, everything else literal. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("[*?]|[^*?]+").matcher(pattern);
        while (m.find()) {
            String part = m.group();
            regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    @BeforeAll
    static void synthesize() {
        synth = SynthesizedPipeline.defaults();
        // One policy per role: crawlers, cycle jobs, the approval job, and the delivery rule's (WorkflowGraphTest).
        synth.template().resourceCountIs("AWS::IAM::Policy", 4);
        policies = Map.of(CRAWLERS, statementsOf(synth.logicalIdOf(synth.stack().crawlerRole().policy())),
                JOBS, statementsOf(synth.logicalIdOf(synth.stack().jobRole().policy())),
                APPROVAL, statementsOf(synth.logicalIdOf(synth.stack().approvalRole().policy())));
        calls = new Audit().calls;
    }

    @SuppressWarnings("unchecked")
    private static List<Statement> statementsOf(String policyLogicalId) {
        Map<String, Object> doc = (Map<String, Object>) ((Map<String, Object>) synth.resource("AWS::IAM::Policy",
                policyLogicalId).get("Properties")).get("PolicyDocument");
        List<Statement> out = new ArrayList<>();
        for (Object o : (List<Object>) doc.get("Statement")) {
            Map<String, Object> s = (Map<String, Object>) o;
            assertEquals("Allow", s.get("Effect"));
            out.add(new Statement((String) s.get("Sid"), strings(s.get("Action")),
                    strings(s.get("Resource")).stream().map(SynthesizedPipeline::render).toList(),
                    (Map<String, Object>) s.getOrDefault("Condition", Map.of())));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object o) {
        List<Object> l = o instanceof List<?> list ? (List<Object>) list : List.of(o);
        return l.stream().map(x -> x instanceof String s ? s : SynthesizedPipeline.render(x)).toList();
    }

    /** The calls, built from the workflow over this template's logical ids. */
    private static final class Audit {
        final List<Call> calls = new ArrayList<>();
        final WorkflowDefinition wf = GraphExpectations.definitionOverLogicalIds(synth);
        final StorageLayout l = wf.layout();
        final String db = wf.databaseName();
        final String key = "<" + synth.logicalIdOf(synth.stack().storage().key()) + ".Arn>";
        final String crawlerRole = "<" + synth.logicalIdOfCrawlerRole() + ">";
        final String jobRole = "<" + synth.logicalIdOfJobRole() + ">";
        final String approvalRole = "<" + synth.logicalIdOf(synth.stack().approvalRole().role()) + ">";
        final String securityConfiguration = "bankml-dev-security";
        final String jobLogs = "/aws-glue/jobs/bankml-dev";

        Audit() {
            everyCrawlerAndJob();
            crawler(WorkflowDefinition.CRAWL_RAW, "2026-01.csv");
            crawler(WorkflowDefinition.CRAWL_CLEANED, "batch_id=2026_01_csv-9019a6e9/part-00000-1.c000.snappy.parquet");
            for (Step step : wf.steps()) {
                step.job().ifPresent(j -> everyJob(step.id()));
            }
            for (Step step : wf.steps()) {
                step.job().ifPresent(j -> sparkCatalogStartup("job " + step.id()));
            }
            cleaningJob();
            monitoringJob();
            sparkCatalogTable("job " + WorkflowDefinition.TRAIN, WorkflowDefinition.CLEANED_TABLE_PREFIX + DeliveryKind.OUTCOMES.id());
            trainingJob();
            scoringJob();
            approvalJob();
        }

        private void call(String by, String action, List<String> resources) {
            calls.add(new Call(by, action, resources, Map.of()));
        }

        private void call(String by, String action, String... resources) {
            call(by, action, List.of(resources));
        }

        private void everyCrawlerAndJob() {
            // ENVIRONMENT.md / Glue guide: a crawler or job with a security configuration reads it.
            for (Step step : wf.steps()) {
                call(step.kind().name().toLowerCase() + " " + step.id(), "glue:GetSecurityConfiguration", "*");
            }
        }

        private void crawler(String stepId, String sampleFile) {
            String by = "crawler " + stepId;
            Step.Crawler c = wf.step(stepId).crawler().orElseThrow();
            for (int i = 0; i < c.targets().size(); i++) {
                String target = c.targets().get(i);
                String table = glue("table/" + db + "/" + c.tableNames().get(i));
                // The data store: list each target folder, read the files (SSE-KMS with the data key).
                call(by, "s3:ListBucket", bucketOf(target));
                call(by, "s3:GetBucketLocation", bucketOf(target));
                call(by, "s3:GetObject", object(target + sampleFile));
                call(by, "kms:Decrypt", key);
                catalogWriter(by, table);
            }
            // Crawler logs with a security configuration: /aws-glue/crawlers-role/<role>-<security configuration>,
            // one stream per crawler, the key associated with the group.
            String group = "/aws-glue/crawlers-role/" + crawlerRole + "-" + securityConfiguration;
            logWriter(by, group, "bankml-dev-" + stepId);
        }

        private void catalogWriter(String by, String table) {
            // The catalog: the database, its tables, the crawled table and its partitions (and partition indexes,
            // which crawlers create on partitioned tables).
            call(by, "glue:GetDatabase", glue("catalog"), glue("database/" + db));
            call(by, "glue:GetTables", glue("catalog"), glue("database/" + db), table);
            for (String action : List.of("glue:GetTable", "glue:CreateTable", "glue:UpdateTable", "glue:GetPartition",
                    "glue:GetPartitions", "glue:BatchGetPartition", "glue:CreatePartition", "glue:BatchCreatePartition",
                    "glue:UpdatePartition", "glue:BatchUpdatePartition", "glue:CreatePartitionIndex",
                    "glue:GetPartitionIndexes")) {
                call(by, action, glue("catalog"), glue("database/" + db), table);
            }
        }

        private void logWriter(String by, String group, String stream) {
            call(by, "logs:CreateLogGroup", logs(group));
            call(by, "logs:AssociateKmsKey", logs(group));
            call(by, "logs:CreateLogStream", logs(group + ":log-stream:" + stream));
            call(by, "logs:PutLogEvents", logs(group + ":log-stream:" + stream));
        }

        @SuppressWarnings("unchecked")
        private void everyJob(String stepId) {
            String by = "job " + stepId;
            codeAndLogs(by, stepId, jobLogGroups());
            // Spark UI event logs and --TempDir, on S3 through EMRFS, SSE-KMS with the data key.
            writer(by, l.sparkEventLogs() + "spark-application-1700000000000.inprogress");
            writer(by, l.artifactsRoot() + "/" + BankMlPipelineStack.GLUE_TEMP_FOLDER + "checkpoints/rdd-1/part-00000");
            // Glue's job metrics (--enable-metrics, observability metrics) and ours (PipelineMetrics).
            for (String namespace : List.of("Glue", MetricNames.NAMESPACE)) {
                calls.add(new Call(by, "cloudwatch:PutMetricData", List.of("*"), Map.of("cloudwatch:namespace", namespace)));
            }
        }

        /** Glue downloads the script (ScriptLocation) and the jars (--extra-jars) as the role, and writes the logs. */
        @SuppressWarnings("unchecked")
        private void codeAndLogs(String by, String stepId, List<String> logGroups) {
            Map<String, Object> job = (Map<String, Object>) synth.resource("AWS::Glue::Job",
                    synth.idNamed("AWS::Glue::Job", "bankml-dev-" + stepId)).get("Properties");
            Map<String, Object> args = (Map<String, Object>) job.get("NonOverridableArguments");
            call(by, "s3:GetObject", codeObject(((Map<String, Object>) job.get("Command")).get("ScriptLocation")));
            call(by, "s3:GetObject", codeObject(args.get("--extra-jars")));
            // Glue's job log groups, by each naming the documentation gives (see JobRole), streams named after the run.
            for (String group : logGroups) {
                logWriter(by, group, "jr_0123456789abcdef-driver");
            }
        }

        /**
         * The approval job (started by a person): the model store's pointer, descriptors and versions, the
         * warehouse's lock (and the copy set aside when a stale one is taken over), Spark's event logs and
         * --TempDir; Glue's metrics only.
         */
        private void approvalJob() {
            String by = APPROVAL + " " + WorkflowDefinition.APPROVE;
            call(by, "glue:GetSecurityConfiguration", "*");
            codeAndLogs(by, WorkflowDefinition.APPROVE, jobLogGroups(jobLogs + "-" + WorkflowDefinition.APPROVE,
                    approvalRole));
            for (String file : List.of(l.models() + "deposit/champion.json", l.modelVersions()
                    + "deposit-20260101T000000Z.json", l.models() + "deposit/runs/20260101T000000Z/xgboost/model.json",
                    l.warehouseLock(), l.warehouseLock() + ".stale-a1", l.sparkEventLogs() + "spark-application-1.inprogress",
                    l.artifactsRoot() + "/" + BankMlPipelineStack.GLUE_TEMP_FOLDER + "x")) {
                call(by, "s3:ListBucket", bucketOf(file));
                call(by, "s3:GetBucketLocation", bucketOf(file));
                for (String action : List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject")) {
                    call(by, action, object(file));
                }
                call(by, "kms:GenerateDataKey", key);
                call(by, "kms:Decrypt", key);
            }
            calls.add(new Call(by, "cloudwatch:PutMetricData", List.of("*"), Map.of("cloudwatch:namespace", "Glue")));
        }

        /**
         * A job's log groups in each scheme AWS documents: Glue 5.0's {@code <prefix>/error|output}; the
         * form reported for logs a security configuration encrypts ({@code <prefix>/<sc>-role/<role>/...});
         * Glue 4.0's {@code <custom group>-<security configuration>}; {@code JobRun.LogGroupName}'s
         * {@code /aws-glue/jobs-<role>-<security configuration>/}.
         */
        List<String> jobLogGroups() {
            return jobLogGroups(jobLogs, jobRole);
        }

        /** {@link #jobLogGroups()} of a job with this log prefix, running as this role. */
        List<String> jobLogGroups(String jobLogs, String jobRole) {
            List<String> out = new ArrayList<>();
            for (String suffix : List.of("/error", "/output")) {
                out.add(jobLogs + suffix);
                out.add(jobLogs + "/" + securityConfiguration + "-role/" + jobRole + suffix);
                out.add("/aws-glue/jobs-" + jobRole + "-" + securityConfiguration + suffix);
            }
            out.add(jobLogs + "-" + securityConfiguration);
            out.add(jobLogs + "/error-" + securityConfiguration);
            out.add("/aws-glue/jobs-" + jobRole + "-" + securityConfiguration);
            return out;
        }

        /** Reading and writing objects under a folder: EMRFS writes with multipart uploads and commits by copy + delete. */
        private void writer(String by, String path) {
            call(by, "s3:ListBucket", bucketOf(path));
            call(by, "s3:GetBucketLocation", bucketOf(path));
            call(by, "s3:ListBucketMultipartUploads", bucketOf(path));
            for (String action : List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                    "s3:ListMultipartUploadParts")) {
                call(by, action, object(path));
            }
            call(by, "kms:GenerateDataKey", key);
            call(by, "kms:Decrypt", key);
        }

        private void reader(String by, String path) {
            call(by, "s3:ListBucket", bucketOf(path));
            call(by, "s3:GetObject", object(path));
            call(by, "kms:Decrypt", key);
        }

        private void cleaningJob() {
            String by = "job " + WorkflowDefinition.CLEAN;
            for (DeliveryKind kind : DeliveryKind.values()) {
                String batch = "batch_id=2026_01_csv-9019a6e9/";
                reader(by, l.deliveries(kind) + "2026-01.csv");
                writer(by, l.cleaned(kind) + batch + "part-00000-1.c000.snappy.parquet");
                // Staging beside the published partitions, moved into place by the publication.
                writer(by, l.cleaned(kind) + "_staging/20260101T000000Z/" + batch + "part-00000.snappy.parquet");
                // Hadoop's folder marker objects (outcomes_$folder$) sit beside the folder, not in it.
                writer(by, l.cleanedRoot() + "/" + kind.id() + "_$folder$");
            }
            writer(by, l.quarantine() + "batch_id=2026_01_csv-9019a6e9/part-00000-1.c000.snappy.parquet");
            writer(by, l.ledger() + "batch_id=2026_01_csv-9019a6e9/delivery.json");
            writer(by, l.ledger() + "_staging/20260101T000000Z/batch_id=2026_01_csv-9019a6e9/delivery.json");
            writer(by, l.cleaningReports() + "cleaning-20260101T000000Z.json");
            writer(by, l.latestCleaningReport());
        }

        /** The evaluate step: the ledger's new outcomes, the champion and its reference profile; records out. */
        private void monitoringJob() {
            String by = "job " + WorkflowDefinition.EVALUATE;
            reader(by, l.ledger() + "batch_id=2026_02_csv-1a2b3c4d/delivery.json");
            reader(by, l.cleaned(DeliveryKind.OUTCOMES) + "batch_id=2026_02_csv-1a2b3c4d/part-00000-1.c000.snappy.parquet");
            reader(by, l.models() + "deposit/champion.json");
            reader(by, l.models() + "deposit/runs/20260101T000000Z/reference-profile.json");
            reader(by, l.models() + "deposit/runs/20260101T000000Z/random_forest/stages/0_x/data/part-00000");
            writer(by, l.monitoring() + "deposit/records/20260201T000000Z-evaluation.json");
        }

        /**
         * Spark's Hive support on Glue (--enable-glue-datacatalog) uses the AWS Glue Data Catalog client
         * (awslabs/aws-glue-data-catalog-client-for-apache-hive-metastore, AWSCatalogMetastoreClient): at start it
         * gets (and creates, when missing) the 'default' database; reading db.table gets the database, the table
         * and its partitions; a function name that is not built in is looked up in the catalog.
         */
        private void sparkCatalogStartup(String by) {
            call(by, "glue:GetDatabase", glue("catalog"), glue("database/default"));
            call(by, "glue:CreateDatabase", glue("catalog"), glue("database/default"));
            // Resolving db.table, Spark first asks whether the global temp view database exists
            // (SharedState.globalTempViewManager); Hive's client treats only "not found" as absent.
            call(by, "glue:GetDatabase", glue("catalog"), glue("database/global_temp"));
            call(by, "glue:GetDatabases", glue("catalog"));
            call(by, "glue:GetUserDefinedFunction", glue("catalog"), glue("database/default"),
                    glue("userDefinedFunction/default/some_function"));
            call(by, "glue:GetUserDefinedFunctions", glue("catalog"), glue("database/default"),
                    glue("userDefinedFunction/default/*"));
            call(by, "glue:GetUserDefinedFunctions", glue("catalog"), glue("database/" + db),
                    glue("userDefinedFunction/" + db + "/*"));
        }

        /** Reading db.table through the catalog client: the database, the table, its partitions and files. */
        private void sparkCatalogTable(String by, String tableName) {
            String table = glue("table/" + db + "/" + tableName);
            call(by, "glue:GetDatabase", glue("catalog"), glue("database/" + db));
            for (String action : List.of("glue:GetTable", "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition")) {
                call(by, action, glue("catalog"), glue("database/" + db), table);
            }
            reader(by, l.cleaned(DeliveryKind.OUTCOMES) + "batch_id=2026_01_csv-9019a6e9/part-00000-1.c000.snappy.parquet");
        }

        private void trainingJob() {
            String by = "job " + WorkflowDefinition.TRAIN;
            reader(by, l.latestCleaningReport());
            // The retraining policy: the ledger's outcomes since the champion, the cycle's evaluation record.
            reader(by, l.ledger() + "batch_id=2026_02_csv-1a2b3c4d/delivery.json");
            reader(by, l.monitoring() + "deposit/records/20260201T000000Z-evaluation.json");
            writer(by, l.monitoring() + "deposit/records/20260201T000000Z-training.json");
            writer(by, l.models() + "deposit/runs/20260201T000000Z/reference-profile.json");
            writer(by, l.models() + "deposit/champion.json");
            writer(by, l.models() + "deposit/runs/20260101T000000Z/random_forest/metadata/part-00000");
            writer(by, l.metrics() + "deposit/runs/20260101T000000Z/report.html");
            writer(by, l.metrics() + "history/label=deposit/run_id=20260101T000000Z/part-00000.snappy.parquet");
            writer(by, l.testPredictions() + "label=deposit/run_id=20260101T000000Z/part-00000.snappy.parquet");
            partitionRegistrar(by, WorkflowDefinition.METRICS_HISTORY_TABLE);
        }

        /**
         * Registering the partitions a job wrote in its output table: Spark's {@code ALTER TABLE ... ADD IF
         * NOT EXISTS PARTITION} through the catalog client reads the database, the table and the partitions
         * it adds (to skip those that exist), then creates the new ones, in one batch or one by one.
         */
        private void partitionRegistrar(String by, String tableName) {
            String table = glue("table/" + db + "/" + tableName);
            call(by, "glue:GetDatabase", glue("catalog"), glue("database/" + db));
            for (String action : List.of("glue:GetTable", "glue:GetPartition", "glue:GetPartitions",
                    "glue:BatchGetPartition", "glue:CreatePartition", "glue:BatchCreatePartition")) {
                call(by, action, glue("catalog"), glue("database/" + db), table);
            }
        }

        private void scoringJob() {
            String by = "job " + WorkflowDefinition.SCORE;
            reader(by, l.models() + "deposit/champion.json");
            reader(by, l.models() + "deposit/runs/20260101T000000Z/random_forest/stages/0_x/data/part-00000");
            reader(by, l.models() + "deposit/runs/20260101T000000Z/reference-profile.json");
            // The new lead deliveries: the ledger names them, the scoring ledger says which are scored.
            reader(by, l.ledger() + "batch_id=2026_03_csv-5e6f7a8b/delivery.json");
            reader(by, l.cleaned(DeliveryKind.LEADS) + "batch_id=2026_03_csv-5e6f7a8b/part-00000-1.c000.snappy.parquet");
            writer(by, l.scoredPredictions() + "_ledger/label=deposit/2026_03_csv-5e6f7a8b.json");
            writer(by, l.scoredPredictions() + "label=deposit/batch_id=2026_03_csv-5e6f7a8b/part-00000.snappy.parquet");
            writer(by, l.scoringRejected() + "label=deposit/batch_id=2026_03_csv-5e6f7a8b/part-00000.snappy.parquet");
            // The cycle's record, the Parquet history and its report.
            writer(by, l.monitoring() + "deposit/records/20260301T000000Z-scoring.json");
            writer(by, l.monitoring() + "history/label=deposit/cycle_id=20260301T000000Z/part-00000.snappy.parquet");
            writer(by, l.monitoring() + "deposit/report.html");
            partitionRegistrar(by, WorkflowDefinition.SCORED_LEADS_TABLE);
            partitionRegistrar(by, WorkflowDefinition.MONITORING_HISTORY_TABLE);
        }

        /** s3://<Bucket>/key (the definition over logical ids) → the object's ARN as the policy renders it. */
        private static String object(String s3Url) {
            Matcher m = Pattern.compile("s3://<([^>]+)>/(.*)").matcher(s3Url);
            assertTrue(m.matches(), s3Url);
            return "<" + m.group(1) + ".Arn>/" + m.group(2);
        }

        private static String bucketOf(String s3Url) {
            Matcher m = Pattern.compile("s3://<([^>]+)>/.*").matcher(s3Url);
            assertTrue(m.matches(), s3Url);
            return "<" + m.group(1) + ".Arn>";
        }

        private static String codeObject(Object s3Url) {
            String url = SynthesizedPipeline.render(s3Url);
            assertTrue(url.startsWith("s3://"), url);
            return "arn:<AWS::Partition>:s3:::" + url.substring("s3://".length());
        }

        private static String glue(String resource) {
            return "arn:<AWS::Partition>:glue:<AWS::Region>:<AWS::AccountId>:" + resource;
        }

        private static String logs(String logGroupAndStream) {
            return "arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:" + logGroupAndStream;
        }
    }

    private static boolean allowed(Call c) {
        return c.resources().stream().allMatch(r -> policies.get(c.role()).stream()
                .anyMatch(s -> s.allows(c.action(), r, c.context())));
    }

    @Test
    void everyCallOfTheCrawlersAndJobsIsAllowed() {
        List<String> denied = calls.stream().filter(c -> !allowed(c))
                .map(c -> c.by() + ": " + c.action() + " on " + c.resources() + " " + c.context()).toList();
        assertEquals(List.of(), denied);
    }

    @Test
    void everyGrantServesACallOfItsRole() {
        List<String> unused = new ArrayList<>();
        policies.forEach((role, policy) -> {
            List<Call> ofRole = calls.stream().filter(c -> c.role().equals(role)).toList();
            for (Statement s : policy) {
                for (String action : s.actions()) {
                    boolean used = ofRole.stream().anyMatch(c -> c.action().equals(action)
                            && c.resources().stream().anyMatch(r -> s.allows(action, r, c.context())));
                    if (!used) {
                        unused.add(role + " " + s.sid() + ": " + action);
                    }
                }
                for (String resource : s.resources()) {
                    Pattern p = glob(resource);
                    boolean used = ofRole.stream().anyMatch(c -> s.actions().contains(c.action())
                            && c.resources().stream().anyMatch(r -> p.matcher(r).matches()));
                    if (!used) {
                        unused.add(role + " " + s.sid() + ": " + resource);
                    }
                }
            }
        });
        assertEquals(List.of(), unused, "granted, but no crawler or job of that role needs it");
    }

    /** Each scheme by which AWS documents a job's log group names, streams included, is writable by the job role. */
    @Test
    void theJobsMayWriteTheirLogsUnderEveryDocumentedNaming() {
        Audit a = new Audit();
        for (String group : a.jobLogGroups()) {
            for (String action : List.of("logs:CreateLogGroup", "logs:AssociateKmsKey")) {
                assertTrue(allowed(new Call("job any", action, List.of(Audit.logs(group)), Map.of())), action + " " + group);
            }
            for (String action : List.of("logs:CreateLogStream", "logs:PutLogEvents")) {
                assertTrue(allowed(new Call("job any", action, List.of(Audit.logs(group + ":log-stream:jr_1-driver")),
                        Map.of())), action + " " + group);
            }
        }
    }

    @Test
    void theRolesCannotDoWhatNoStepNeeds() {
        String key = "<" + synth.logicalIdOf(synth.stack().storage().key()) + ".Arn>";
        String raw = "<" + synth.bucket("Raw") + ".Arn>";
        String cleaned = "<" + synth.bucket("Cleaned") + ".Arn>";
        String artifacts = "<" + synth.bucket("Artifacts") + ".Arn>";
        List<String> cleanedTable = List.of(Audit.glue("catalog"), Audit.glue("database/bankml_dev"),
                Audit.glue("table/bankml_dev/cleaned_outcomes"));
        List<Call> forbidden = List.of(
                new Call("job: overwrite the uploaded input", "s3:PutObject", List.of(raw + "/outcomes/2026-01.csv"), Map.of()),
                new Call("job: touch another table", "glue:UpdateTable", List.of(Audit.glue("catalog"),
                        Audit.glue("database/bankml_dev"), Audit.glue("table/bankml_dev/customers")), Map.of()),
                new Call("job: write the table the crawler owns", "glue:UpdateTable", cleanedTable, Map.of()),
                new Call("job: create a partition of the cleaned table", "glue:CreatePartition", cleanedTable, Map.of()),
                new Call("job: change an output table", "glue:UpdateTable", List.of(Audit.glue("catalog"),
                        Audit.glue("database/bankml_dev"), Audit.glue("table/bankml_dev/scored_leads")), Map.of()),
                new Call("job: delete an output table's partitions", "glue:BatchDeletePartition", List.of(
                        Audit.glue("catalog"), Audit.glue("database/bankml_dev"), Audit.glue("table/bankml_dev/scored_leads")),
                        Map.of()),
                new Call("job: delete the table it reads", "glue:DeleteTable", cleanedTable, Map.of()),
                new Call("job: create the global temp database", "glue:CreateDatabase",
                        List.of(Audit.glue("catalog"), Audit.glue("database/global_temp")), Map.of()),
                new Call("job: write the account's shared Glue job log group", "logs:PutLogEvents",
                        List.of(Audit.logs("/aws-glue/jobs/error:log-stream:jr_1-driver")), Map.of()),
                new Call("job: write the logs of another deployment", "logs:PutLogEvents",
                        List.of(Audit.logs("/aws-glue/jobs/bankml-dev2/error:log-stream:jr_1-driver")), Map.of()),
                new Call("job: publish into another namespace", "cloudwatch:PutMetricData", List.of("*"),
                        Map.of("cloudwatch:namespace", "AWS/Billing")),
                new Call("job: encrypt with the key (no client-side encryption is left)", "kms:Encrypt", List.of(key),
                        Map.of()),
                new Call("job: use the key for something else", "kms:CreateGrant", List.of(key), Map.of()),
                new Call("crawler: write the table it crawls", "s3:PutObject",
                        List.of(cleaned + "/outcomes/batch_id=x/part-0.parquet"), Map.of()),
                new Call("crawler: delete the raw input", "s3:DeleteObject", List.of(raw + "/outcomes/2026-01.csv"), Map.of()),
                new Call("crawler: read the models", "s3:GetObject", List.of(artifacts + "/models/deposit/champion.json"),
                        Map.of()),
                new Call("crawler: delete the table the jobs read", "glue:DeleteTable", cleanedTable, Map.of()),
                new Call("crawler: write the data with the key", "kms:GenerateDataKey", List.of(key), Map.of()),
                new Call("crawler: publish metrics", "cloudwatch:PutMetricData", List.of("*"),
                        Map.of("cloudwatch:namespace", "Glue")),
                new Call("crawler: write the jobs' logs", "logs:PutLogEvents",
                        List.of(Audit.logs("/aws-glue/jobs/bankml-dev/error:log-stream:jr_1-driver")), Map.of()),
                new Call("approval: read the raw input", "s3:GetObject", List.of(raw + "/outcomes/2026-01.csv"), Map.of()),
                new Call("approval: read the cleaned data", "s3:GetObject",
                        List.of(cleaned + "/outcomes/batch_id=x/part-0.parquet"), Map.of()),
                new Call("approval: change the ledger", "s3:PutObject",
                        List.of(cleaned + "/ledger/batch_id=x/delivery.json"), Map.of()),
                new Call("approval: write the contact list", "s3:PutObject",
                        List.of(artifacts + "/predictions/scored/label=deposit/batch_id=x/part-0.parquet"), Map.of()),
                new Call("approval: read the catalog", "glue:GetTable", cleanedTable, Map.of()),
                new Call("approval: publish the pipeline's metrics", "cloudwatch:PutMetricData", List.of("*"),
                        Map.of("cloudwatch:namespace", MetricNames.NAMESPACE)),
                new Call("approval: write the cycle jobs' logs", "logs:PutLogEvents",
                        List.of(Audit.logs("/aws-glue/jobs/bankml-dev/error:log-stream:jr_1-driver")), Map.of()));
        for (Call c : forbidden) {
            String role = c.by().substring(0, c.by().indexOf(':'));
            assertFalse(allowed(new Call(role + " x", c.action(), c.resources(), c.context())), c.by());
        }
    }

    /** docs/DEPLOY.md's table of each role's permissions names exactly the actions its policy grants. */
    @Test
    void theDeployGuideListsEveryPermissionOfEachRole() {
        String guide = SynthesizedPipeline.read(SynthesizedPipeline.projectRoot().resolve("docs/DEPLOY.md"));
        Map<String, String> headings = Map.of(CRAWLERS, "### The crawler role", JOBS, "### The job role",
                APPROVAL, "### The approval role");
        headings.forEach((role, heading) -> {
            int start = guide.indexOf(heading);
            assertTrue(start >= 0, "docs/DEPLOY.md has no section \"" + heading + "\"");
            int end = guide.indexOf("\n#", start + 1);
            String section = guide.substring(start, end < 0 ? guide.length() : end);
            Set<String> documented = new TreeSet<>();
            for (String line : section.lines().filter(x -> x.startsWith("|")).toList()) {
                Matcher m = Pattern.compile("`([a-z0-9]+:[A-Za-z]+)`").matcher(line);
                while (m.find()) {
                    documented.add(m.group(1));
                }
            }
            Set<String> granted = new TreeSet<>();
            policies.get(role).forEach(s -> granted.addAll(s.actions()));
            assertEquals(granted, documented, heading);
        });
    }
}
