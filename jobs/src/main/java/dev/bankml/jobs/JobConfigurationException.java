package dev.bankml.jobs;

/** Bad job configuration: a missing or malformed argument. The message says what to do. */
public class JobConfigurationException extends IllegalArgumentException {
    public JobConfigurationException(String message) {
        super(message);
    }
}
