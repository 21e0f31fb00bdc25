package dev.bankml.jobs;

/** What every job's configuration holds besides its own settings: the run's identity and connections. */
public interface JobConfig {
    RunContext context();
}
