package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RunCostTest {
    @Test
    void workersTimesDpuTimesSecondsWithGluesOneMinuteMinimum() {
        RunCost g1x = RunCost.from(GlueArgs.parse("--worker_count", "2", "--dpu_per_worker", "1")).orElseThrow();
        assertEquals(120.0, g1x.dpuSeconds(12.5), "a short run is billed one minute");
        assertEquals(2 * 95.5, g1x.dpuSeconds(95.5));
        assertEquals(4 * 2 * 600.0, new RunCost(4, 2).dpuSeconds(600));
        assertTrue(RunCost.from(GlueArgs.parse("--worker_count", "2")).isEmpty(), "both numbers or none");
    }
}
