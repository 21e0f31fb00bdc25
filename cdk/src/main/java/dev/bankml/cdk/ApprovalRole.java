package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.List;

import dev.bankml.workflow.StorageLayout;

import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The role the approval job runs as, a person's decision about a model version started by hand: the model
 * store (the champion pointers, the saved models' descriptors, the versions) and the warehouse's lock file
 * in the ledger's folder, nothing else of the data; its code, the data key, its logs, and Glue's own
 * metrics, Spark event logs and temporary folder. No catalog, no raw data, no cleaned table.
 */
public class ApprovalRole extends GlueServiceRole {

    /**
     * @param storage                   the buckets and the data key
     * @param securityConfigurationName the job's security configuration (it names some log groups)
     * @param logGroupPrefix            the job's {@code --custom-logGroup-prefix}
     * @param code                      the job jar and the approval job's entry script
     */
    public record Props(DataStorage storage, String securityConfigurationName, String logGroupPrefix,
                        List<Asset> code) {
    }

    public ApprovalRole(Construct scope, String id, Props props) {
        super(scope, id, "Runs the bank ML pipeline's approval job (a person's decision about a model version)");
        DataStorage s = props.storage();
        StorageLayout l = s.layout();
        allow("ListModelAndLedgerBuckets", List.of("s3:ListBucket", "s3:GetBucketLocation"),
                List.of(s.cleaned().getBucketArn(), s.artifacts().getBucketArn()));
        // Per top-level folder, as the job role's (models* also covers Hadoop's models_$folder$ marker); the ledger's
        // folder only for its lock file.
        List<String> objects = new ArrayList<>(objectPatterns(s.artifacts(), l.artifactsRoot(),
                List.of(l.models(), l.sparkEventLogs(), l.glueTempDir())));
        objects.add(s.cleaned().getBucketArn() + "/" + folder(l.cleanedRoot(), l.warehouseLock()) + "*");
        allow("ReadWriteModelsAndLock", List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject"), objects);
        readTheCode(props.code());
        allow("UseDataKey", List.of("kms:Decrypt", "kms:GenerateDataKey"), List.of(s.key().getKeyArn()));
        allowReadingTheSecurityConfiguration();
        List<String> logs = writeTheJobLogs(props.logGroupPrefix(), props.securityConfigurationName(), s.key());
        publishMetrics(List.of(GLUE_METRIC_NAMESPACE));
        excuse("The approval job reads and replaces the model store's small files (champion pointers, versions, "
                + "descriptors) under one folder, the warehouse's lock file (and the copy set aside when a stale lock "
                + "is taken over), and Glue's Spark event logs and temporary files, each under its own folder.",
                objects);
        excuse("Glue names the job's log groups by one of three documented schemes and their streams per run; each "
                + "pattern starts with the approval job's log prefix or its role's name, so no other job's logs match.",
                logs);
        excuse("Two actions without resource-level permissions: cloudwatch:PutMetricData, restricted to Glue's "
                + "namespace by the cloudwatch:namespace condition, and glue:GetSecurityConfiguration (read-only; "
                + "security configurations have no ARN), which every job with one calls.", List.of("*"));
        attachPolicy();
    }

    /** The key prefix of a folder of the layout, under its bucket's root ("models/"). */
    static String folder(String root, String location) {
        if (!location.startsWith(root + "/")) {
            throw new IllegalArgumentException(location + " is not under the bucket root " + root);
        }
        return location.substring(root.length() + 1);
    }
}
