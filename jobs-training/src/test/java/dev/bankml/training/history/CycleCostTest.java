package dev.bankml.training.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;

/**
 * Each record carries what the run that wrote it had cost (DPU-seconds); the cycle's record carries the cycle's
 * total over the runs that wrote records in it, each run once however many records it wrote, even when the
 * jobs of the cycle share a run id (as the local runner's do).
 */
class CycleCostTest {
    private static MonitoringRecord record(String kind, String cycle, String batch) {
        return MonitoringRecord.of(kind, cycle, "run-1", "deposit").delivery("outcomes", batch, batch + ".csv", batch)
                .build();
    }

    @Test
    void theCycleRecordAddsUpEachRunOnceAndTheRunWritingIt() {
        MonitoringHistory history = new MonitoringHistory(new Storage(new Configuration()),
                TestSpark.workDir("cycle-cost").toString(), "deposit");
        // Evaluation: two deliveries measured, one run of 2 workers x 1 DPU x 90 s.
        history.write("run-1", Optional.of(180.0), List.of(record(MonitoringRecord.DELIVERY, "c1", "b1"),
                record(MonitoringRecord.DELIVERY, "c1", "b2")));
        // Training: the same run id (one cycle's), another job: 600 DPU-seconds.
        history.write("run-1", Optional.of(600.0), List.of(record(MonitoringRecord.TRAINING, "c1", "b1")));
        // An earlier cycle's run does not count in this one.
        history.write("run-0", Optional.of(999.0), List.of(record(MonitoringRecord.TRAINING, "c0", "b0")));
        // Scoring writes one lead delivery's record and the cycle's: 120 DPU-seconds.
        history.write("run-1", Optional.of(120.0), List.of(record(MonitoringRecord.SCORING, "c1", "l1"),
                MonitoringRecord.of(MonitoringRecord.CYCLE, "c1", "run-1", "deposit").build()));

        List<MonitoringRecord> c1 = history.records().stream().filter(r -> "c1".equals(r.cycleId())).toList();
        assertEquals(List.of(180.0, 180.0), c1.stream().filter(r -> MonitoringRecord.DELIVERY.equals(r.record()))
                .map(MonitoringRecord::dpuSeconds).toList(), "each record: its run's cost");
        assertEquals(180.0 + 600.0 + 120.0, cycle(c1).dpuSeconds());

        // The scoring run again, with no lead to score: only the cycle's record, its own cost added once.
        history.write("run-1", Optional.of(60.0), List.of(MonitoringRecord.of(MonitoringRecord.CYCLE, "c1", "run-1",
                "deposit").build()));
        assertEquals(180.0 + 600.0 + 120.0 + 60.0, cycle(history.records()).dpuSeconds(),
                "the earlier scoring record stays, and the run writing the cycle's record adds its own");
    }

    @Test
    void runsNotToldTheirCapacityLeaveTheCostUnknown() {
        MonitoringHistory history = new MonitoringHistory(new Storage(new Configuration()),
                TestSpark.workDir("cycle-no-cost").toString(), "deposit");
        history.write("run-1", Optional.empty(), List.of(record(MonitoringRecord.DELIVERY, "c1", "b1"),
                MonitoringRecord.of(MonitoringRecord.CYCLE, "c1", "run-1", "deposit").build()));
        history.records().forEach(r -> assertNull(r.dpuSeconds(), r.record()));
    }

    private static MonitoringRecord cycle(List<MonitoringRecord> records) {
        return records.stream().filter(r -> MonitoringRecord.CYCLE.equals(r.record())).findFirst().orElseThrow();
    }
}
