package dev.bankml.training.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The evidence an approver reads, summed from the monitoring history: per challenger, per delivery and in total. */
class ShadowEvidenceTest {

    private static MonitoringRecord outcomes(String batch, long rows, double baseRate, double aucRoc, long captured,
                                             MonitoringRecord.Challenger c) {
        return MonitoringRecord.of(MonitoringRecord.DELIVERY, "c", "m", "deposit").delivery("outcomes", batch,
                        "outcomes/" + batch + ".csv", batch + "@r").champion("r1", "xgboost", 0.8).rows(rows)
                .outOfTime(baseRate, aucRoc, 0.5, 0.5, 0.5, 0.25, 0.5, 0.8 - aucRoc, false).captured(0.2, captured)
                .challenger(c).build();
    }

    @Test
    void theDeliveriesOfEachChallengerAreSummedWithMeansWeightedByRows() {
        List<MonitoringRecord> history = List.of(
                outcomes("mar", 100, 0.5, 0.70, 14, MonitoringRecord.Challenger.outOfTime("r2", "rf", 0.80, 0.6, 0.2, 16)),
                MonitoringRecord.of(MonitoringRecord.SCORING, "c", "s", "deposit").delivery("leads", "apr", "leads/apr.csv",
                        "apr@r").challenger(MonitoringRecord.Challenger.inTheShadow("r2", "rf")).build(),
                outcomes("apr", 300, 0.1, 0.74, 10, MonitoringRecord.Challenger.outOfTime("r2", "rf", 0.72, 0.6, 0.2, 12)),
                outcomes("may", 50, 0.2, 0.75, 3, null));
        Map<String, ShadowEvidence> evidence = ShadowEvidence.of(history);
        assertEquals(List.of("r2"), List.copyOf(evidence.keySet()));
        ShadowEvidence e = evidence.get("r2");
        assertEquals(List.of("mar", "apr"), e.deliveries().stream().map(MonitoringRecord::batchId).toList());
        assertEquals(1, e.leadsScored());
        ShadowEvidence.Sum s = e.sum();
        assertEquals(400, s.rows());
        assertEquals(80, s.yes(), "50 + 30");
        assertEquals(24, s.championCaptured());
        assertEquals(28, s.challengerCaptured());
        assertEquals((0.70 * 100 + 0.74 * 300) / 400, s.champion().aucRoc(), 1e-12);
        assertEquals((0.80 * 100 + 0.72 * 300) / 400, s.challenger().aucRoc(), 1e-12);
        assertEquals("2 outcome deliveries (400 rows, 80 yes) beside the champion, challenger vs champion: AUC-ROC "
                + "0.7400 vs 0.7300, AUC-PR 0.6000 vs 0.5000, Brier 0.2000 vs 0.2500; yes in the top 20%: 28 vs 24; "
                + "1 lead delivery scored in the shadow", e.describe());
    }
}
