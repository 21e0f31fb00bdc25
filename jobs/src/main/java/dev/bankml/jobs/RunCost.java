package dev.bankml.jobs;

import java.util.Optional;

import dev.bankml.workflow.settings.WiringSettings;

/**
 * What a job run costs on AWS Glue, by Glue's billing rule for Spark jobs on Glue 5.0: workers x DPU per
 * worker x seconds, with a one-minute minimum per run (the same DPU-seconds on the Flex class, at its
 * lower price). Known when the run is told its capacity ({@code --worker_count}, {@code --dpu_per_worker}:
 * the deployment passes them, and so does the local runner, which then says what the run would cost on
 * Glue at the deployed size).
 *
 * @param workers      the job's workers
 * @param dpuPerWorker DPUs of one worker (its worker type)
 */
public record RunCost(long workers, long dpuPerWorker) {
    /** Glue bills at least this many seconds per job run. */
    public static final double MINIMUM_SECONDS = 60;

    /** The run's capacity, when its arguments give both numbers. */
    public static Optional<RunCost> from(GlueArgs args) {
        Optional<Long> workers = args.find(WiringSettings.WORKER_COUNT);
        Optional<Long> dpu = args.find(WiringSettings.DPU_PER_WORKER);
        return workers.isPresent() && dpu.isPresent() ? Optional.of(new RunCost(workers.get(), dpu.get()))
                : Optional.empty();
    }

    /** DPU-seconds billed for a run of {@code seconds}. */
    public double dpuSeconds(double seconds) {
        return workers * dpuPerWorker * Math.max(MINIMUM_SECONDS, seconds);
    }
}
