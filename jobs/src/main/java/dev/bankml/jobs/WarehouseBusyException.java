package dev.bankml.jobs;

/**
 * Another cycle holds the warehouse ({@link WarehouseLock}): nothing was touched. Off Glue a job's main
 * and {@code bin/pipeline} exit with status {@value #EXIT_STATUS}.
 */
public class WarehouseBusyException extends RuntimeException {
    /** The exit status of a job or a command refused because another cycle holds the warehouse. */
    public static final int EXIT_STATUS = 4;

    public WarehouseBusyException(String message) {
        super(message);
    }
}
