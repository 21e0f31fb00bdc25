package dev.bankml.local;

import org.apache.spark.sql.SparkSession;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.settings.DeploymentSettings;

/** {@code bin/pipeline history}: the runs x models table of a warehouse, then its monitoring history. */
final class HistoryCommand {
    private HistoryCommand() {
    }

    static int run(Command.Console console, Invocation in) {
        GlueArgs given = in.options();
        StorageLayout layout = StorageLayout.underOneRoot(RunnerPaths.warehouse(given).toString());
        SparkSession spark = LocalSession.create(RunnerPaths.catalog(given));
        String label = given.get(DeploymentSettings.LABEL);
        int status = MetricsHistory.print(console.out(), spark, layout.metrics(), label,
                given.get(RunnerSettings.HISTORY_METRIC));
        MonitoringLog.print(console.out(), new Storage(spark.sparkContext().hadoopConfiguration()),
                layout.monitoring(), label);
        return status;
    }
}
