package dev.bankml.cdk;

import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnSecurityConfiguration;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The Glue Data Catalog database of the crawled tables and the security configuration every crawler
 * and job uses: CloudWatch Logs SSE-KMS and S3 SSE-KMS with the data key. Job bookmarks are not
 * encrypted because there are none: the jobs disable them and never call {@code Job.init}, which both
 * bookmarks and the configuration's S3 setting need; objects are encrypted by the buckets' default
 * SSE-KMS with the data key whatever writes them (see {@link SecureBucket}).
 */
public class GlueCatalog extends Construct {

    /**
     * @param databaseName the catalog database
     * @param namePrefix   prefix of the security configuration name
     * @param key          the data key
     */
    public record Props(String databaseName, String namePrefix, IKey key) {
    }

    /** Glue's log groups all live under this prefix (with or without a security configuration). */
    public static final String GLUE_LOG_GROUP_PREFIX = "/aws-glue/";

    private final CfnDatabase database;
    private final CfnSecurityConfiguration securityConfiguration;
    private final String securityConfigurationName;
    private final String databaseName;

    public GlueCatalog(Construct scope, String id, Props props) {
        super(scope, id);
        this.databaseName = props.databaseName();
        this.database = CfnDatabase.Builder.create(this, "Database")
                .catalogId(Aws.ACCOUNT_ID)
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder()
                        .name(props.databaseName())
                        .description("Bank marketing tables registered by the pipeline's crawlers")
                        .build())
                .build();

        this.securityConfigurationName = props.namePrefix() + "-security";
        String keyArn = props.key().getKeyArn();
        this.securityConfiguration = CfnSecurityConfiguration.Builder.create(this, "SecurityConfiguration")
                .name(securityConfigurationName)
                .encryptionConfiguration(CfnSecurityConfiguration.EncryptionConfigurationProperty.builder()
                        .s3Encryptions(List.of(CfnSecurityConfiguration.S3EncryptionProperty.builder()
                                .s3EncryptionMode("SSE-KMS").kmsKeyArn(keyArn).build()))
                        .cloudWatchEncryption(CfnSecurityConfiguration.CloudWatchEncryptionProperty.builder()
                                .cloudWatchEncryptionMode("SSE-KMS").kmsKeyArn(keyArn).build())
                        .build())
                .build();

        // CloudWatch Logs encrypts Glue's log groups with the key itself, so the key policy (not the job
        // role) must let the regional Logs service use it, and only for Glue's log groups of this account.
        props.key().addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchLogsForGlueLogGroups")
                .effect(Effect.ALLOW)
                .principals(List.of(new ServicePrincipal("logs." + Aws.REGION + ".amazonaws.com")))
                .actions(List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo",
                        "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"))
                .resources(List.of("*"))
                .conditions(Map.of("ArnLike", Map.of("kms:EncryptionContext:aws:logs:arn",
                        "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":log-group:"
                                + GLUE_LOG_GROUP_PREFIX + "*")))
                .build());
    }

    public String databaseName() {
        return databaseName;
    }

    public CfnDatabase database() {
        return database;
    }

    public CfnSecurityConfiguration securityConfiguration() {
        return securityConfiguration;
    }

    public String securityConfigurationName() {
        return securityConfigurationName;
    }
}
