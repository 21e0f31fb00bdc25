package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.Step;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.WiringSettings;

import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The role the three jobs run as: read the raw input, read and write the folders their steps name,
 * read their code, use the data key, read the cleaned table through Spark's Glue catalog client,
 * write their logs and publish metrics in our namespace. No catalog write beyond what that client
 * does at start (the {@code default} database when it is missing).
 */
public class JobRole extends GlueServiceRole {

    /**
     * @param storage                   the buckets and the data key
     * @param definition                the steps: the S3 and catalog grants follow what the jobs read and write
     * @param securityConfigurationName the jobs' security configuration (it names some log groups)
     * @param logGroupPrefix            the jobs' {@code --custom-logGroup-prefix}
     * @param code                      the job jars and entry scripts
     */
    public record Props(DataStorage storage, WorkflowDefinition definition, String securityConfigurationName,
                        String logGroupPrefix, List<Asset> code) {
    }

    /** Spark's database of global temporary views: a table lookup asks the catalog whether it exists. */
    public static final String SPARK_GLOBAL_TEMP_DATABASE = "global_temp";

    public JobRole(Construct scope, String id, Props props) {
        super(scope, id, "Runs the bank ML pipeline's Glue jobs");
        List<Step.Job> jobs = props.definition().steps().stream().flatMap(s -> s.job().stream()).toList();
        readAndWriteTheStepFolders(props.storage(), props.definition().layout(), jobs);
        readTheCode(props.code());
        allow("UseDataKey", List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(props.storage().key().getKeyArn()));
        List<String> functions = readTheCatalog(props.definition().databaseName(), jobs);
        registerTheOutputPartitions(props.definition().databaseName(), jobs);
        allowReadingTheSecurityConfiguration();
        List<String> logGroupPatterns = writeTheJobLogs(props.logGroupPrefix(), props.securityConfigurationName(),
                props.storage().key());
        publishMetrics(List.of(MetricNames.NAMESPACE, GLUE_METRIC_NAMESPACE));

        excuse("The jobs read and write many objects (Spark part files, models, reports) under each folder of the "
                + "storage layout; each grant is one top-level folder of one pipeline bucket.",
                resourcesOf("ReadRawInput", "ReadWritePipelineData"));
        excuse("Spark's catalog client looks up by name any function a query uses that is not built in, in the "
                + "current database (default) or ours; read-only, and only functions of these two databases.", functions);
        excuse("Glue names the jobs' log groups by one of three documented schemes and their streams per run; each "
                + "pattern starts with this deployment's log prefix or its job role's name, so no other job's logs match.",
                logGroupPatterns);
        excuse("Two actions without resource-level permissions: cloudwatch:PutMetricData, restricted to our metric "
                + "namespace and Glue's by the cloudwatch:namespace condition, and glue:GetSecurityConfiguration "
                + "(read-only; security configurations have no ARN), which every job with one calls.", List.of("*"));
        attachPolicy();
    }

    /**
     * S3, derived from the workflow: every location a job step names, plus Glue's Spark event logs
     * and temp dir. The raw bucket is only ever read. Decrypt reads SSE-KMS objects (and completes
     * multipart uploads), GenerateDataKey writes them: the buckets' default encryption.
     */
    private void readAndWriteTheStepFolders(DataStorage s, StorageLayout l, List<Step.Job> jobs) {
        List<String> locations = new ArrayList<>();
        jobs.forEach(j -> locations.addAll(j.arguments().values()));
        locations.add(l.sparkEventLogs());
        locations.add(l.glueTempDir());
        allow("ListDataBuckets", List.of("s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"),
                List.of(s.raw().getBucketArn(), s.cleaned().getBucketArn(), s.artifacts().getBucketArn()));
        allow("ReadRawInput", List.of("s3:GetObject"), objectPatterns(s.raw(), l.rawRoot(), locations));
        List<String> writable = new ArrayList<>(objectPatterns(s.cleaned(), l.cleanedRoot(), locations));
        writable.addAll(objectPatterns(s.artifacts(), l.artifactsRoot(), locations));
        allow("ReadWritePipelineData", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"), writable);
    }

    /**
     * Spark's Hive support on Glue (the AWS Glue Data Catalog client): the tables the jobs read (their
     * {@code --source_table}), the {@code default} database it checks for and creates when missing at
     * start-up, {@code global_temp} (a table lookup first asks whether that database exists, and Hive's
     * client treats only "not found" as absent, so a refusal fails the job), and functions by name.
     *
     * @return the function patterns (wildcards, excused by the caller)
     */
    private List<String> readTheCatalog(String databaseName, List<Step.Job> jobs) {
        String catalog = glueArn("catalog");
        String database = glueArn("database/" + databaseName);
        List<String> resources = new ArrayList<>(List.of(catalog, database));
        jobs.stream().map(j -> j.arguments().get(WiringSettings.SOURCE_TABLE.name())).filter(t -> t != null)
                .map(t -> glueArn("table/" + t.replace('.', '/'))).distinct().forEach(resources::add);
        allow("ReadCatalog", List.of("glue:GetDatabase", "glue:GetDatabases", "glue:GetTable", "glue:GetPartition",
                "glue:GetPartitions", "glue:BatchGetPartition"), resources);
        allow("SparkDefaultDatabase", List.of("glue:GetDatabase", "glue:CreateDatabase"),
                List.of(catalog, glueArn("database/default")));
        allow("SparkGlobalTempDatabase", List.of("glue:GetDatabase"),
                List.of(catalog, glueArn("database/" + SPARK_GLOBAL_TEMP_DATABASE)));
        List<String> functions = List.of(glueArn("userDefinedFunction/" + databaseName + "/*"),
                glueArn("userDefinedFunction/default/*"));
        List<String> udfResources = new ArrayList<>(List.of(catalog, database, glueArn("database/default")));
        udfResources.addAll(functions);
        allow("ReadUserDefinedFunctions", List.of("glue:GetUserDefinedFunction", "glue:GetUserDefinedFunctions"),
                udfResources);
        return functions;
    }

    /**
     * The analysts' tables ({@code workflow/.../catalog/OutputTables}): a job that writes one registers
     * the partitions it wrote (through Spark's catalog client: {@code ALTER TABLE ... ADD IF NOT EXISTS
     * PARTITION}, which reads the table and its partitions and creates the new ones). Only the tables the
     * steps name in their {@code *_table} arguments; the jobs change no table itself.
     */
    private void registerTheOutputPartitions(String databaseName, List<Step.Job> jobs) {
        List<String> tables = jobs.stream().flatMap(j -> WiringSettings.OUTPUT_TABLES.stream()
                        .map(t -> j.arguments().get(t.name())))
                .filter(Objects::nonNull).distinct().map(t -> glueArn("table/" + t.replace('.', '/'))).toList();
        if (tables.isEmpty()) {
            return;
        }
        List<String> resources = new ArrayList<>(List.of(glueArn("catalog"), glueArn("database/" + databaseName)));
        resources.addAll(tables);
        allow("RegisterOutputPartitions", List.of("glue:GetTable", "glue:GetPartition", "glue:GetPartitions",
                "glue:BatchGetPartition", "glue:CreatePartition", "glue:BatchCreatePartition"), resources);
    }
}
