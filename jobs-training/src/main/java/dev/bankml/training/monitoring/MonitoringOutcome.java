package dev.bankml.training.monitoring;

import java.util.List;

import dev.bankml.training.history.MonitoringRecord;

/**
 * What one monitoring run measured.
 *
 * @param championRunId the champion measured against (empty when there is none yet)
 * @param deliveries    one record per delivery measured
 * @param message       what happened, in words
 */
public record MonitoringOutcome(String runId, String label, String championRunId, List<MonitoringRecord> deliveries,
                                String message) {

    public long alarms() {
        return deliveries.stream().filter(MonitoringRecord::alarm).count();
    }
}
