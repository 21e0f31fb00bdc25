package dev.bankml.jobs;

import java.util.function.Supplier;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
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

    /**
     * Runs {@code work} with the Spark jobs it starts named {@code description} (Spark's UI and event log),
     * then clears the name, so that later jobs of the same JVM (a local cycle's next steps) are not given it.
     * The name is the calling thread's: threads that start jobs side by side each name their own.
     */
    public static <T> T described(SparkContext sc, String description, Supplier<T> work) {
        sc.setJobDescription(description);
        try {
            return work.get();
        } finally {
            sc.setJobDescription(null);
        }
    }
}
