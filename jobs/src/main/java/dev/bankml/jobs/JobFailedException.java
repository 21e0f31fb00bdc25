package dev.bankml.jobs;

/**
 * A run that refused to publish for a data reason (quality gate, leakage guard...). The message says
 * what was found and where the report is; it is not a bug, so no stack trace is needed.
 */
public class JobFailedException extends RuntimeException {
    public JobFailedException(String message) {
        super(message);
    }
}
