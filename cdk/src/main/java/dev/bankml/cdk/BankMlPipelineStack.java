package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.catalog.CatalogTable;
import dev.bankml.workflow.catalog.CleanedTables;
import dev.bankml.workflow.catalog.OutputTables;
import dev.bankml.workflow.settings.ApprovalSettings;
import dev.bankml.workflow.settings.InfrastructureSettings;
import dev.bankml.workflow.settings.RunSettings;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The whole pipeline on AWS: storage, catalog, crawlers and jobs for every step of
 * {@link WorkflowDefinition}, the tables an analyst queries, the workflow and its triggers (and the
 * EventBridge rules that start it), a crawler role and a job role, the cleaned table's data-quality
 * ruleset, failure alerts and monitoring.
 */
public class BankMlPipelineStack extends Stack {

    static final String S3_ACCESS_LOGS_BY_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

    /** Glue's temporary directory, beside the artifacts. */
    static final String GLUE_TEMP_FOLDER = StorageLayout.GLUE_TEMP_FOLDER;
    /** The sample file people upload first (relative to the repository root). */
    public static final String SAMPLE_FILE = "data/sample/bank.csv";

    /** Which Glue job publishes the metrics of which {@code MetricNames.JOB_*} value. */
    static final Map<String, String> METRIC_JOB_OF_STEP = Map.of(
            WorkflowDefinition.CLEAN, MetricNames.JOB_CLEANING,
            WorkflowDefinition.TRAIN, MetricNames.JOB_TRAINING,
            WorkflowDefinition.SCORE, MetricNames.JOB_INFERENCE,
            WorkflowDefinition.EVALUATE, MetricNames.JOB_MONITORING);

    private final WorkflowDefinition definition;
    private final DataStorage storage;
    private final WorkflowTriggers workflow;
    private final FailureAlerts alerts;
    private final PipelineMonitoring monitoring;
    private final CrawlerRole crawlerRole;
    private final JobRole jobRole;
    private final CleanedTableRuleset ruleset;
    private final JobCode code;
    private final DeliveryEvents events;
    private final CatalogTables tables;
    private final Map<String, WorkflowTriggers.Deployed> deployed = new LinkedHashMap<>();
    private final GlueJob approvalJob;
    private ApprovalRole approvalRole;

    public BankMlPipelineStack(Construct scope, String id, StackProps stackProps, PipelineConfig config) {
        super(scope, id, stackProps);
        // Server access logs need a bucket policy on the logs bucket (the legacy ACL conflicts with
        // BucketOwnerEnforced): set here so the stack does not depend on cdk.json having the flag.
        getNode().setContext(S3_ACCESS_LOGS_BY_POLICY, true);
        String prefix = config.namePrefix();

        this.storage = new DataStorage(this, "Storage", new DataStorage.Props(prefix));
        StorageLayout layout = storage.layout();
        String tempDir = layout.glueTempDir();
        this.definition = WorkflowDefinition.of(layout, config.settings());

        GlueCatalog catalog = new GlueCatalog(this, "Catalog",
                new GlueCatalog.Props(config.databaseName(), prefix, storage.key()));
        // Every table of the pipeline's data, declared before any crawler or job runs (workflow/.../catalog).
        List<CatalogTable> declared = new ArrayList<>(CleanedTables.all());
        declared.addAll(OutputTables.ALL);
        this.tables = new CatalogTables(this, "Tables", new CatalogTables.Props(catalog, layout, declared));

        List<Step.Job> jobs = definition.steps().stream().flatMap(s -> s.job().stream()).toList();
        Step approval = definition.approval();
        List<Step.Job> allJobs = new ArrayList<>(jobs);
        allJobs.add(approval.job().orElseThrow());
        this.code = new JobCode(this, "Code", new JobCode.Props(config.projectRoot(), allJobs));

        String jobLogGroupPrefix = GlueJob.logGroupPrefix(prefix);
        this.crawlerRole = new CrawlerRole(this, "Crawlers", new CrawlerRole.Props(storage, definition,
                catalog.securityConfigurationName()));
        this.jobRole = new JobRole(this, "Jobs", new JobRole.Props(storage, definition,
                catalog.securityConfigurationName(), jobLogGroupPrefix, code.of(jobs)));

        List<String> jobNames = new ArrayList<>();
        List<String> crawlerNames = new ArrayList<>();
        Map<String, String> glueJobOfMetricJob = new LinkedHashMap<>();
        for (Step step : definition.steps()) {
            String name = prefix + "-" + step.id();
            CfnResource resource;
            if (step.kind() == Step.Kind.CRAWLER) {
                Step.Crawler c = step.crawler().orElseThrow();
                GlueCrawler crawler = new GlueCrawler(this, "Crawler-" + step.id(), new GlueCrawler.Props(step, name,
                        crawlerRole.role().getRoleArn(), catalog.databaseName(), catalog.securityConfigurationName(),
                        GlueCrawler.tableLevel(c.targets(), List.of(layout.rawRoot(), layout.cleanedRoot()))));
                resource = crawler.resource();
                resource.addResourceDependency(catalog.database());
                // The tables it keeps partitioned exist before it does (it adds their partitions, never creates them).
                declared.stream().filter(t -> c.tableNames().contains(t.name()))
                        .forEach(t -> crawler.resource().addResourceDependency(tables.table(t.name())));
                dependOnTheRole(resource, crawlerRole);
                crawlerNames.add(name);
            } else {
                Step.Job job = step.job().orElseThrow();
                GlueJob glueJob = new GlueJob(this, "Job-" + step.id(), jobProps(step, name, jobRole, catalog,
                        jobLogGroupPrefix, tempDir)
                        .capacity(config.workerType(), config.numberOfWorkers(), config.jobTimeoutMinutes(),
                                config.executionClass(job.kind()))
                        .build());
                resource = glueJob.resource();
                dependOnTheRole(resource, jobRole);
                jobNames.add(name);
                String metricJob = METRIC_JOB_OF_STEP.get(step.id());
                if (metricJob != null) {
                    glueJobOfMetricJob.put(metricJob, name);
                }
            }
            // Named by string, so CloudFormation needs to be told what must exist first.
            resource.addResourceDependency(catalog.securityConfiguration());
            deployed.put(step.id(), new WorkflowTriggers.Deployed(name, resource));
        }

        this.approvalJob = approvalJob(approval, prefix + "-" + approval.id(), config, catalog, tempDir);

        this.workflow = new WorkflowTriggers(this, "Workflow", new WorkflowTriggers.Props(definition, deployed, prefix,
                config.startsOnDeliveries(), config.eventBatchSize(), config.eventBatchWindowSeconds()));
        // The ruleset checks the outcomes table: the labelled one the training step reads, declared above.
        String checkedTable = WorkflowDefinition.CLEANED_TABLE_PREFIX + DeliveryKind.OUTCOMES.id();
        this.ruleset = new CleanedTableRuleset(this, "CleanedTableQuality", new CleanedTableRuleset.Props(
                prefix + "-" + checkedTable, catalog.databaseName(), checkedTable, definition.cleanedTableChecks()));
        ruleset.resource().addResourceDependency(catalog.database());
        ruleset.resource().addResourceDependency(tables.table(checkedTable));
        this.alerts = new FailureAlerts(this, "Alerts", new FailureAlerts.Props(prefix, jobNames,
                crawlerNames, config.notificationEmail()));
        this.events = config.startsOnDeliveries()
                ? new DeliveryEvents(this, "Deliveries", new DeliveryEvents.Props(storage.raw(),
                        Arrays.stream(DeliveryKind.values()).map(k -> k.id() + "/").toList(),
                        workflow.workflowName(), prefix, config.catchUpDays(), alerts.topic()))
                : null;
        this.monitoring = new PipelineMonitoring(this, "Monitoring", new PipelineMonitoring.Props(prefix,
                config.environment(), config.label(), PipelineMonitoring.Thresholds.of(config), alerts.topic(),
                glueJobOfMetricJob, List.of(alerts.jobFailuresRuleName(), alerts.crawlerFailuresRuleName()),
                events().map(DeliveryEvents::alarms).orElse(List.of())));

        output("RawBucketName", storage.raw().getBucketName(), "Upload deliveries under outcomes/ (labelled) and leads/ "
                + "(to score): each upload starts (a batch of) a cycle");
        output("CleanedBucketName", storage.cleaned().getBucketName(), "The cleaned table and the quarantine");
        output("ArtifactsBucketName", storage.artifacts().getBucketName(),
                "Models, metrics, predictions, reports, Spark event logs");
        output("AccessLogsBucketName", storage.accessLogs().getBucketName(), "S3 server access logs of the other buckets");
        output("WorkflowName", workflow.workflowName(), "The Glue workflow to start");
        output("UploadSampleCommand", "aws s3 cp " + SAMPLE_FILE + " " + layout.deliveries(DeliveryKind.OUTCOMES)
                        + "bank.csv",
                "Run from the repository root to upload the sample");
        output("StartWorkflowCommand", "aws glue start-workflow-run --name " + workflow.workflowName(),
                "Starts a cycle by hand: crawl raw, clean the new deliveries, crawl cleaned, evaluate, train if due, score");
        output("ApproveCommand", "aws glue start-job-run --job-name " + approvalJob.name() + " --arguments '{\""
                        + RunSettings.MODEL_RUN.flag() + "\":\"RUN\",\"" + ApprovalSettings.BY.flag() + "\":\"NAME\",\""
                        + ApprovalSettings.REASON.flag() + "\":\"TEXT\"}'",
                "A person's approval of a model version (add \"" + ApprovalSettings.DECISION.flag() + "\":\""
                        + ApprovalSettings.REJECT + "\" to reject): docs/DEPLOY.md, Approving a model");
        output("DataKeyArn", storage.key().getKeyArn(),
                "Encrypts the data; retained on stack deletion (note it before destroying the stack)");
        output("CrawlerRoleArn", crawlerRole.role().getRoleArn(), "The role the crawlers run as");
        output("JobRoleArn", jobRole.role().getRoleArn(), "The role the jobs run as");
        output("DataQualityRulesetName", prefix + "-" + checkedTable,
                "The cleaned outcomes table's Glue Data Quality ruleset (the cleaning job's checks)");
        output("AnalystsDatabase", catalog.databaseName(), "The Glue database to query with Athena: cleaned_outcomes, "
                + "cleaned_leads, scored_leads, monitoring_history, metrics_history (docs/DEPLOY.md, Athena queries)");
        output("AlertsTopicArn", alerts.topic().getTopicArn(), "Failures and alarms are published here");
        output("DashboardName", monitoring.dashboard().getDashboardName(), "The CloudWatch dashboard");
    }

    /**
     * The approval job: started by a person (console or {@code aws glue start-job-run}), never by a trigger of the
     * workflow; it runs as its own role, which reaches the model store and the warehouse's lock only.
     */
    private GlueJob approvalJob(Step step, String name, PipelineConfig config, GlueCatalog catalog, String tempDir) {
        Step.Job job = step.job().orElseThrow();
        String logGroupPrefix = GlueJob.logGroupPrefix(name);
        this.approvalRole = new ApprovalRole(this, "Approval", new ApprovalRole.Props(storage,
                catalog.securityConfigurationName(), logGroupPrefix, code.of(List.of(job))));
        GlueJob glueJob = new GlueJob(this, "Job-" + step.id(), jobProps(step, name, approvalRole, catalog,
                logGroupPrefix, tempDir)
                // The deployment's workers, as the other jobs (a run of a minute or two); standard: a person waits.
                .capacity(config.workerType(), config.numberOfWorkers(), config.jobTimeoutMinutes(),
                        InfrastructureSettings.STANDARD)
                .build());
        dependOnTheRole(glueJob.resource(), approvalRole);
        glueJob.resource().addResourceDependency(catalog.securityConfiguration());
        return glueJob;
    }

    /** A job step's Glue job as {@code role}, its code, its logs and Glue's folders (the capacity is the caller's). */
    private GlueJob.Props.Builder jobProps(Step step, String name, GlueServiceRole role, GlueCatalog catalog,
                                           String logGroupPrefix, String tempDir) {
        Step.Job job = step.job().orElseThrow();
        return GlueJob.Props.builder()
                .job(step, name)
                .runsAs(role.role().getRoleArn())
                .encryptedBy(catalog.securityConfigurationName())
                .code(code.jar(job.module()).getS3ObjectUrl(), code.script(job.mainClass()).getS3ObjectUrl(),
                        JobCode.entryObjectOf(job.mainClass()))
                .outputs(logGroupPrefix, storage.layout().sparkEventLogs(), tempDir);
    }

    /** Named by string, so CloudFormation must be told that the role's policy and log groups exist first. */
    private static void dependOnTheRole(CfnResource resource, GlueServiceRole role) {
        resource.addResourceDependency((CfnResource) role.policy().getNode().getDefaultChild());
        for (LogGroup group : role.logGroups()) {
            resource.addResourceDependency((CfnResource) group.getNode().getDefaultChild());
        }
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }

    public WorkflowDefinition definition() {
        return definition;
    }

    public DataStorage storage() {
        return storage;
    }

    public WorkflowTriggers workflow() {
        return workflow;
    }

    public FailureAlerts alerts() {
        return alerts;
    }

    public PipelineMonitoring monitoring() {
        return monitoring;
    }

    /** The EventBridge rule that starts a cycle on deliveries, unless cycles start by hand. */
    public Optional<DeliveryEvents> events() {
        return Optional.ofNullable(events);
    }

    /** The pipeline's tables declared in the catalog (cleaned, scored leads, monitoring and metrics history). */
    public CatalogTables tables() {
        return tables;
    }

    public JobCode code() {
        return code;
    }

    public CrawlerRole crawlerRole() {
        return crawlerRole;
    }

    public JobRole jobRole() {
        return jobRole;
    }

    /** The approval job, outside the workflow: a person starts it. */
    public GlueJob approvalJob() {
        return approvalJob;
    }

    public ApprovalRole approvalRole() {
        return approvalRole;
    }

    public CleanedTableRuleset ruleset() {
        return ruleset;
    }

    /** The crawler or job deployed for each step id, in workflow order. */
    public Map<String, WorkflowTriggers.Deployed> deployed() {
        return deployed;
    }
}
