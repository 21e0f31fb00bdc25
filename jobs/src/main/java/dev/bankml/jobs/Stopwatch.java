package dev.bankml.jobs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The wall time of a job's stages, one lap per stage in the order they ran: what every job's run
 * report and log line give as its timings. Not thread-safe: the driver's one thread laps it.
 */
public final class Stopwatch {
    private final LongSupplier nanos;
    private final long start;
    private long last;
    private final Map<String, Long> lapNanos = new LinkedHashMap<>();

    private Stopwatch(LongSupplier nanos) {
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.last = start;
    }

    /** A stopwatch started now. */
    public static Stopwatch start() {
        return new Stopwatch(System::nanoTime);
    }

    /** A stopwatch on a clock of the caller's (tests). */
    static Stopwatch on(LongSupplier nanos) {
        return new Stopwatch(nanos);
    }

    /** Ends the stage that ran since the last lap (or the start); a stage lapped twice adds up. */
    public void lap(String stage) {
        long now = nanos.getAsLong();
        lapNanos.merge(stage, now - last, Long::sum);
        last = now;
    }

    /** Seconds since the start. */
    public double totalSeconds() {
        return (nanos.getAsLong() - start) / 1e9;
    }

    /** Each stage's seconds, in the order they ran. */
    public Map<String, Double> seconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        lapNanos.forEach((k, v) -> out.put(k, v / 1e9));
        return Collections.unmodifiableMap(out);
    }

    /** Each stage's milliseconds under {@code <stage>_ms}, then {@code total_ms}. */
    public Map<String, Long> millis() {
        Map<String, Long> out = new LinkedHashMap<>();
        lapNanos.forEach((k, v) -> out.put(k + "_ms", v / 1_000_000));
        out.put("total_ms", (nanos.getAsLong() - start) / 1_000_000);
        return Collections.unmodifiableMap(out);
    }

    /** "read and split 3.4 s, encode 0.8 s" */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        seconds().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k)
                .append(String.format(Locale.ROOT, " %.1f s", v)));
        return b.toString();
    }
}
