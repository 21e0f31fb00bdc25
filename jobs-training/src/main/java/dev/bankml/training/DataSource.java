package dev.bankml.training;

import java.util.Optional;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.workflow.Arg;

/**
 * Where a training or scoring job reads cleaned data: a Parquet path or a catalog table, exactly one.
 *
 * @param path  {@code --source_path}
 * @param table {@code --source_table} ({@code database.table})
 */
public record DataSource(Optional<String> path, Optional<String> table) {

    public static DataSource from(GlueArgs args) {
        Optional<String> path = args.optional(Arg.SOURCE_PATH);
        Optional<String> table = args.optional(Arg.SOURCE_TABLE);
        if (path.isPresent() == table.isPresent()) {
            throw new JobConfigurationException("give exactly one of --source_path (cleaned Parquet) or --source_table "
                    + "(catalog table db.table)");
        }
        table.ifPresent(t -> {
            if (!t.matches("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*")) {
                throw new JobConfigurationException("argument --source_table is '" + t + "': expected database.table");
            }
        });
        return new DataSource(path, table);
    }

    /** The source as given, for messages. */
    public String describe() {
        return table.orElseGet(() -> path.orElse(""));
    }
}
