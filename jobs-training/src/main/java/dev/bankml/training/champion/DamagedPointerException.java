package dev.bankml.training.champion;

import dev.bankml.jobs.JobFailedException;

/** The champion pointer exists but cannot be read as a model descriptor; the message says how to restore it. */
public class DamagedPointerException extends JobFailedException {
    public DamagedPointerException(String message) {
        super(message);
    }
}
