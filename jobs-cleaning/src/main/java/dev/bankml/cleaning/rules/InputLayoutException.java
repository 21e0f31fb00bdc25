package dev.bankml.cleaning.rules;

import dev.bankml.jobs.JobConfigurationException;

/** An input file whose header cannot be used: the job refuses it before writing anything. */
public class InputLayoutException extends JobConfigurationException {
    public InputLayoutException(String message) {
        super(message);
    }
}
