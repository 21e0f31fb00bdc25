package dev.bankml.jobs;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.bankml.workflow.settings.LocalSettings;

/**
 * One readable line for a failure, whatever threw it: the messages along its cause chain, first
 * lines only (Spark's task-failure messages carry whole stack traces), without repeats, and without
 * wrapper noise. Stack traces belong in the log file, not on a person's terminal.
 */
public final class Failures {
    private static final int MAX_LENGTH = 600;

    private Failures() {
    }

    public static String summary(Throwable t) {
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && !seen.containsKey(c); c = c.getCause()) {
            seen.put(c, true);
            String m = firstLine(c.getMessage()).replaceFirst(QUALIFIED_TYPE_PREFIX, "");
            if (m.isEmpty() || m.startsWith("Job aborted due to stage failure")) {
                continue;
            }
            if (parts.stream().noneMatch(p -> p.contains(m))) {
                parts.removeIf(m::contains);
                parts.add(c.getCause() == null && !(c instanceof JobFailedException) ? describe(c, m) : m);
            }
        }
        if (parts.isEmpty()) {
            return t.getClass().getSimpleName();
        }
        String s = String.join(": ", parts);
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 3) + "...";
    }

    /**
     * {@link #summary(Throwable)}, plus what to check when the failure is an S3-compatible endpoint
     * ({@code --s3_endpoint}) that did not answer.
     */
    public static String summary(Throwable t, String s3Endpoint) {
        String s = summary(t);
        if (s3Endpoint != null && !s3Endpoint.isBlank() && isUnanswered(t)) {
            return "the S3 endpoint " + s3Endpoint + " did not answer in time (" + s + "). Check that it runs and is "
                    + "reachable, or raise " + LocalSettings.S3_TIMEOUT_SECONDS.flag() + ".";
        }
        return s;
    }

    /** Whether the failure is a connection refused or timed out, somewhere along the cause chain. */
    public static boolean isUnanswered(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && !seen.containsKey(c); c = c.getCause()) {
            seen.put(c, true);
            String m = c.getMessage() == null ? "" : c.getMessage();
            if (c instanceof SocketTimeoutException || c instanceof ConnectException
                    || c instanceof NoRouteToHostException || m.contains("Read timed out")
                    || m.contains("Unable to execute HTTP request") || m.contains("timed out")
                    || m.contains("Connection refused")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause. */
    public static Throwable rootCause(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Throwable c = t;
        while (c.getCause() != null && !seen.containsKey(c.getCause())) {
            seen.put(c, true);
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable root, String message) {
        String type = root.getClass().getSimpleName();
        boolean plain = root instanceof JobConfigurationException || root instanceof IllegalStateException
                || root instanceof UncheckedIOException;
        return plain || message.startsWith(type) ? message : type + ": " + message;
    }

    /** "java.io.IOException: " at the start of a message that wraps its cause's {@code toString()}. */
    private static final String QUALIFIED_TYPE_PREFIX = "^(?:[a-zA-Z_$][\\w$]*\\.)+[\\w$]*(?:Exception|Error): ";

    private static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
