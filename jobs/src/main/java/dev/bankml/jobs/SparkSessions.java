package dev.bankml.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds (or joins) the SparkSession of a job. On AWS Glue and under spark-submit the master and the
 * cluster settings come from outside; only when nothing sets {@code spark.master} does a job run on
 * {@code local[*]} with small-data settings.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * The session for a job.
     *
     * @param appName shown in the Spark UI and logs
     * @param catalog whether the job reads catalog tables (Glue Data Catalog on AWS, Hive/Derby locally)
     * @param context the run's context; its S3 endpoint, if any, is applied to the session
     */
    public static SparkSession forJob(String appName, boolean catalog, RunContext context) {
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
        context.applyTo(spark);
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
}
