package dev.bankml.jobs;

/** The outcome a job's run report states in its {@code status}. */
public final class RunStatus {
    private RunStatus() {
    }

    /** The run did its work and published it. */
    public static final String SUCCEEDED = "SUCCEEDED";
    /** The run's own checks refused to publish its output (what it read was not good enough). */
    public static final String FAILED_QUALITY_GATE = "FAILED_QUALITY_GATE";
    /** The run stopped on an error; nothing it would have published was. */
    public static final String FAILED = "FAILED";
}
