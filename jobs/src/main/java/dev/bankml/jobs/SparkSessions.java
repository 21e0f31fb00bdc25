package dev.bankml.jobs;

import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.workflow.Arg;

/**
 * Builds (or joins) the SparkSession of a job. On AWS Glue and under spark-submit the master and the
 * cluster settings come from outside; only when nothing sets {@code spark.master} does a job run on
 * {@code local[*]} with small-data settings.
 */
public final class SparkSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {
    }

    /**
     * The session for a job.
     *
     * @param appName shown in the Spark UI and logs
     * @param catalog whether the job reads catalog tables (Glue Data Catalog on AWS, Hive/Derby locally)
     * @param args    job arguments; {@code --s3_endpoint} points S3A at an S3-compatible server
     */
    public static SparkSession forJob(String appName, boolean catalog, GlueArgs args) {
        SparkConf defaults = new SparkConf();
        SparkSession.Builder b = SparkSession.builder().appName(appName);
        if (!defaults.contains("spark.master")) {
            b.master("local[*]");
            if (!defaults.contains("spark.sql.shuffle.partitions")) {
                b.config("spark.sql.shuffle.partitions", Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
            }
            if (!defaults.contains("spark.ui.enabled")) {
                b.config("spark.ui.enabled", false);
            }
        }
        if (catalog && hiveAvailable()) {
            b.enableHiveSupport();
        }
        SparkSession spark = b.getOrCreate();
        configureS3(spark.sparkContext().hadoopConfiguration(), args);
        return spark;
    }

    public static boolean hiveAvailable() {
        try {
            Class.forName("org.apache.hadoop.hive.conf.HiveConf", false, SparkSessions.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** {@code --s3_timeout_seconds}, checked. */
    public static int s3TimeoutSeconds(GlueArgs args) {
        long timeout = args.longValue(Arg.S3_TIMEOUT_SECONDS, S3Endpoint.DEFAULT_TIMEOUT_SECONDS);
        if (timeout < 1 || timeout > 600) {
            throw new JobConfigurationException("argument --" + Arg.S3_TIMEOUT_SECONDS + " is " + timeout
                    + ": expected 1 to 600 seconds");
        }
        return (int) timeout;
    }

    /** Points S3A at {@code --s3_endpoint} (an S3-compatible server), if given. */
    public static void configureS3(Configuration hadoop, GlueArgs args) {
        Optional<String> endpoint = args.optional(Arg.S3_ENDPOINT);
        if (endpoint.isEmpty()) {
            return;
        }
        String accessKey = args.string("s3_access_key", System.getenv("AWS_ACCESS_KEY_ID"));
        String secretKey = args.string("s3_secret_key", System.getenv("AWS_SECRET_ACCESS_KEY"));
        S3Endpoint.apply(hadoop, endpoint.get(), accessKey, secretKey, s3TimeoutSeconds(args));
        LOG.info("S3 paths go to the S3-compatible endpoint {} (a call gives up after at most {} s)", endpoint.get(),
                Math.round(S3Endpoint.worstCaseSeconds(hadoop)));
    }
}
