package dev.bankml.training.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.bankml.jobs.LedgerEntry;
import dev.bankml.workflow.DeliveryKind;

/** The evaluate step measures the published deliveries it has not measured: never a resend nor a refused one. */
class PendingDeliveriesTest {

    private static LedgerEntry entry(String batch, String status, long rows) {
        return entry(batch, new LedgerEntry.Outcome(status, rows, rows, 0, null, null));
    }

    private static LedgerEntry entry(String batch, LedgerEntry.Outcome outcome) {
        return LedgerEntry.of(new LedgerEntry.Identity("outcomes", "outcomes/" + batch + ".csv", batch, "outcomes"),
                new LedgerEntry.Content(100, 0, "ab" + batch, "sha256"),
                new LedgerEntry.Cleaning("2026-12-01T00:00:00Z", "r", "c"), outcome);
    }

    @Test
    void onlyPublishedDeliveriesWithRowsThatWereNotMeasuredArePending() {
        LedgerEntry measured = entry("oct", LedgerEntry.NEW, 100);
        LedgerEntry fresh = entry("nov", LedgerEntry.CHANGED, 200);
        LedgerEntry resend = entry("nov-again", new LedgerEntry.Outcome(LedgerEntry.RESEND, 0, 0, 0, "nov", null));
        LedgerEntry refused = entry("dec", new LedgerEntry.Outcome(LedgerEntry.REFUSED, 50, 0, 50, null, null));
        LedgerEntry empty = entry("header-only", LedgerEntry.NEW, 0);
        // A refused new version of a published delivery: the published version is still the one to measure.
        LedgerEntry refusedUpload = entry("sep", LedgerEntry.NEW, 300).refused(new LedgerEntry.Refusal("shrinks", "",
                10, 1, "sha256:ff", "2026-12-01T00:00:00Z", "r2"));
        List<LedgerEntry> pending = MonitoringJob.pending(List.of(measured, fresh, resend, refused, empty, refusedUpload),
                DeliveryKind.OUTCOMES, Set.of(measured.version()));
        assertEquals(List.of("nov", "sep"), pending.stream().map(LedgerEntry::batchId).toList());
    }
}
