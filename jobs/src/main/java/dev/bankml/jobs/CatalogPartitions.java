package dev.bankml.jobs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * Makes the partitions a job wrote visible in the analysts' catalog tables ({@code --scored_table},
 * {@code --monitoring_table}, {@code --metrics_table}): one {@code ALTER TABLE ... ADD IF NOT EXISTS
 * PARTITION ... LOCATION ...} statement per table and run, through the session's catalog (the Glue Data
 * Catalog on AWS). Registering is idempotent (a rerun adds nothing) and never breaks the data path: the
 * files are published before it runs, so a failure is a warning that names the statement that catches up
 * ({@code MSCK REPAIR TABLE}). A session without a catalog (the local runner: {@code bin/pipeline sql}
 * reads the folders) registers nothing and says so.
 */
public final class CatalogPartitions {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogPartitions.class);

    private final Map<Setting<String>, String> tables;

    private CatalogPartitions(Map<Setting<String>, String> tables) {
        this.tables = Map.copyOf(tables);
    }

    /** The output tables the job is given (of those it reads: {@link Setting#readBy}). */
    public static CatalogPartitions from(GlueArgs args, JobKind job) {
        Map<Setting<String>, String> tables = new LinkedHashMap<>();
        for (Setting<String> s : WiringSettings.OUTPUT_TABLES) {
            if (s.readBy(job)) {
                args.find(s).ifPresent(t -> tables.put(s, t));
            }
        }
        return new CatalogPartitions(tables);
    }

    /** Whether the job registers partitions anywhere (its session then needs the catalog, on Glue). */
    public boolean any() {
        return !tables.isEmpty();
    }

    /** The table given for {@code setting}, if any. */
    public Optional<String> table(Setting<String> setting) {
        return Optional.ofNullable(tables.get(setting));
    }

    /**
     * Registers {@code <root>/<key>=<value>/<subKey>=<v>/} for each {@code v} in {@code subValues} in the table
     * given for {@code setting}.
     *
     * @return the partitions the statement named (0 when there is no table, no catalog, or it failed)
     */
    public int add(SparkSession spark, Setting<String> setting, String root, String key, String value, String subKey,
                   Collection<String> subValues) {
        Optional<String> table = table(setting);
        if (table.isEmpty() || subValues.isEmpty()) {
            return 0;
        }
        if (!"hive".equals(spark.conf().get("spark.sql.catalogImplementation", "in-memory"))) {
            LOG.debug("Partitions of {} not registered: this session has no catalog (locally, bin/pipeline sql reads "
                    + "the folders)", table.get());
            return 0;
        }
        String statement = statement(table.get(), root, key, value, subKey, subValues);
        try {
            if (!spark.catalog().tableExists(table.get())) {
                LOG.warn("Partitions of {} not registered: the table is not in the catalog ({} {} names it). The files "
                        + "are published; create the table (cdk deploy declares it), then run MSCK REPAIR TABLE {}",
                        table.get(), setting.flag(), table.get(), table.get());
                return 0;
            }
            spark.sql(statement);
            LOG.info("Registered {} partition(s) of {} ({}={}/{}=...) in the catalog", subValues.size(), table.get(),
                    key, value, subKey);
            return subValues.size();
        } catch (RuntimeException e) {
            LOG.warn("Could not register the partitions of {} ({}). The files are published; to make them visible, "
                    + "run MSCK REPAIR TABLE {} (or: {})", table.get(), e.getMessage(), table.get(), statement);
            return 0;
        }
    }

    /** The statement (pure): one {@code PARTITION (...) LOCATION '...'} per value, s3a:// locations as s3://. */
    static String statement(String table, String root, String key, String value, String subKey,
                            Collection<String> subValues) {
        List<String> parts = new ArrayList<>();
        for (String v : subValues) {
            String location = Storage.join(Storage.join(root.replaceFirst("^s3a://", "s3://"), key + "=" + value),
                    subKey + "=" + v);
            parts.add(String.format(Locale.ROOT, "PARTITION (%s = %s, %s = %s) LOCATION %s", key, quote(value),
                    subKey, quote(v), quote(location)));
        }
        return "ALTER TABLE " + table + " ADD IF NOT EXISTS " + String.join(" ", parts);
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
