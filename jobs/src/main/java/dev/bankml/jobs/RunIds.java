package dev.bankml.jobs;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.bankml.workflow.Arg;

/** Run identifiers: sortable UTC timestamps, unless the caller gives one with {@code --run_id}. */
public final class RunIds {
    private RunIds() {
    }

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public static String newRunId(Clock clock) {
        return FORMAT.format(clock.instant());
    }

    /** {@code --run_id} if given (validated), else a new timestamp id. */
    public static String fromArgs(GlueArgs args) {
        String id = args.string(Arg.RUN_ID, null);
        if (id == null) {
            return newRunId(Clock.systemUTC());
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new JobConfigurationException("argument --run_id is '" + id
                    + "': use up to 64 letters, digits, '_', '.' or '-'");
        }
        return id;
    }
}
