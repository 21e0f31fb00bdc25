package dev.bankml.training;

import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

import com.sun.management.OperatingSystemMXBean;

/**
 * What each stage of a training run cost besides its seconds: the Spark jobs it started (a job is a pass
 * over data or a round trip to the executors, and on small data their number, not the rows, sets the
 * time) and the CPU seconds of this process (on a shared machine a steadier measure than wall time).
 * Spark delivers listener events a little after the fact, so a lap may count a job that started just
 * before it in the next stage.
 */
final class StageCosts extends SparkListener implements AutoCloseable {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final SparkContext sc;
    private final AtomicInteger started = new AtomicInteger();
    private final Map<String, Integer> jobs = new LinkedHashMap<>();
    private final Map<String, Double> cpu = new LinkedHashMap<>();
    private int countedJobs;
    private long countedCpu = OS.getProcessCpuTime();

    private StageCosts(SparkContext sc) {
        this.sc = sc;
    }

    /** Starts counting the Spark jobs of {@code sc} and this process's CPU time. */
    static StageCosts on(SparkContext sc) {
        StageCosts costs = new StageCosts(sc);
        sc.addSparkListener(costs);
        return costs;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        started.incrementAndGet();
    }

    /** Ends a stage: the jobs started and the CPU used since the last lap are its. */
    void lap(String stage) {
        int nowJobs = started.get();
        long nowCpu = OS.getProcessCpuTime();
        jobs.merge(stage, nowJobs - countedJobs, Integer::sum);
        cpu.merge(stage, (nowCpu - countedCpu) / 1e9, Double::sum);
        countedJobs = nowJobs;
        countedCpu = nowCpu;
    }

    Map<String, Integer> sparkJobs() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(jobs));
    }

    Map<String, Double> cpuSeconds() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(cpu));
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
