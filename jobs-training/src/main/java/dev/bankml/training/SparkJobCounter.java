package dev.bankml.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Counts the Spark jobs a training run starts, stage by stage, beside the stopwatch's seconds: a job is
 * a pass over data or a round trip to the executors, and on small data their number, not the rows,
 * sets the time. Spark delivers listener events a little after the fact, so a lap may count a job that
 * started just before it in the next stage.
 */
final class SparkJobCounter extends SparkListener implements AutoCloseable {
    private final SparkContext sc;
    private final AtomicInteger started = new AtomicInteger();
    private final Map<String, Integer> perStage = new LinkedHashMap<>();
    private int counted;

    private SparkJobCounter(SparkContext sc) {
        this.sc = sc;
    }

    static SparkJobCounter on(SparkContext sc) {
        SparkJobCounter counter = new SparkJobCounter(sc);
        sc.addSparkListener(counter);
        return counter;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        started.incrementAndGet();
    }

    /** Ends a stage: the jobs started since the last lap are its. */
    void lap(String stage) {
        int now = started.get();
        perStage.merge(stage, now - counted, Integer::sum);
        counted = now;
    }

    Map<String, Integer> perStage() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(perStage));
    }

    @Override
    public void close() {
        sc.removeSparkListener(this);
    }
}
