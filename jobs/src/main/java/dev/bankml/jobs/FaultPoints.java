package dev.bankml.jobs;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points in the code where a crash test may stop the process dead, as {@code kill -9} would:
 * {@code -Dbankml.fault=<point>:<n>} halts the JVM (exit status 137, no shutdown hooks, nothing
 * flushed) the {@code n}-th time the point is reached. Without the property, reaching a point costs a
 * map lookup. The crash tests use it to stop a cycle mid-publication, between a partition and its
 * ledger entry, or between a scored partition and its scoring record, then check that the next cycle
 * finds every delivery exactly once.
 */
public final class FaultPoints {
    /** The system property naming the point and the occurrence to halt at. */
    public static final String PROPERTY = "bankml.fault";

    private static final ConcurrentHashMap<String, AtomicInteger> REACHED = new ConcurrentHashMap<>();

    private FaultPoints() {
    }

    /** Marks one passage through {@code point}; halts when the property says this is the one. */
    public static void reached(String point) {
        String fault = System.getProperty(PROPERTY);
        if (fault == null || !fault.startsWith(point + ":")) {
            return;
        }
        int n = REACHED.computeIfAbsent(point, p -> new AtomicInteger()).incrementAndGet();
        if (n == Integer.parseInt(fault.substring(point.length() + 1).strip())) {
            System.err.println("bankml: halting at fault point " + point + " #" + n);
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
