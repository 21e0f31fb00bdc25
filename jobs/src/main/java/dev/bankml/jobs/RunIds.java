package dev.bankml.jobs;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

import dev.bankml.workflow.settings.RunSettings;

/**
 * Run identifiers: a UTC timestamp to the millisecond plus 24 bits ({@code 20261127T204512.345Z-5f3a9c}),
 * so ids sort by start time and two runs started in the same instant still get different ids (their
 * reports, staging folders and metrics never overwrite each other); unless the caller gives one with
 * {@code --run_id}. The 24 bits count up from a random start, so one process never repeats them (16
 * million ids) and two processes share them by chance only (one in 16 million, in the same millisecond).
 */
public final class RunIds {
    private RunIds() {
    }

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicInteger NEXT = new AtomicInteger(new SecureRandom().nextInt());

    public static String newRunId(Clock clock) {
        return FORMAT.format(clock.instant()) + "-" + String.format("%06x", NEXT.getAndIncrement() & 0xFFFFFF);
    }

    /** {@code --run_id} if given (validated), else a new id. */
    public static String fromArgs(GlueArgs args) {
        return args.find(RunSettings.RUN_ID).orElseGet(() -> newRunId(Clock.systemUTC()));
    }
}
