package dev.bankml.training.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bankml.jobs.LedgerEntry;
import dev.bankml.training.champion.ChampionPointer;

/** When a cycle trains, and the words it says it in: the policy alone, on hand-made ledgers and histories. */
class RetrainPolicyTest {
    private static final RetrainPolicy POLICY = new RetrainPolicy(5_000, 0.2);
    private static final Optional<ChampionPointer> CHAMPION = Optional.of(new ChampionPointer("r1", "deposit", "xgboost",
            "runs/r1/xgboost", "probability", 0.5, List.of("age", "job"), List.of(), 0.92, 0.90, 0.89,
            "2026-01-05T00:00:00Z", 8_000, List.of("jan@c100000000000000", "feb@c100000000000000"), null, null, null));
    private static final RetrainPolicy.LastTraining LAST = new RetrainPolicy.LastTraining("r1", "2026-01-05T00:00:00Z",
            List.of("jan@c100000000000000", "feb@c100000000000000"), 10_000);

    /** A delivery whose content digest starts with {@code content}; its version is {@code batch@content}. */
    private static LedgerEntry outcomes(String batch, String content, long rows) {
        return entry(batch, content, "2026-01-01T00:00:00Z", LedgerEntry.Outcome.published(LedgerEntry.NEW, rows, rows, 0));
    }

    private static LedgerEntry entry(String batch, String content, String at, LedgerEntry.Outcome outcome) {
        return LedgerEntry.of(new LedgerEntry.Identity("outcomes", "outcomes/" + batch + ".csv", batch, "outcomes"),
                new LedgerEntry.Content(1_000, 0, content + "0".repeat(64 - content.length()), "sha256"),
                new LedgerEntry.Cleaning(at, "run-" + batch, "cycle"), outcome);
    }

    private static List<LedgerEntry> ledger(LedgerEntry... extra) {
        List<LedgerEntry> out = new ArrayList<>(List.of(outcomes("jan", "c1", 6_000), outcomes("feb", "c1", 4_000)));
        out.addAll(List.of(extra));
        return out;
    }

    private static MonitoringRecord delivery(String at, boolean aucAlarm, boolean psiAlarm) {
        return MonitoringRecord.of(MonitoringRecord.DELIVERY, "cycle", "run", "deposit").at(at)
                .delivery("outcomes", "mar", "raw/outcomes/mar.csv", "mar@c200000000000000")
                .outOfTime(0.4, 0.80, 0.7, 0.6, 0.5, 0.2, 0.5, 0.12, aucAlarm)
                .drift(java.util.Map.of("age", 0.4), 0.4, "age", Double.NaN, psiAlarm, java.util.Map.of()).build();
    }

    private static RetrainPolicy.Decision decide(List<LedgerEntry> ledger, List<MonitoringRecord> history) {
        return POLICY.decide(CHAMPION, Optional.empty(), false, ledger, Optional.of(LAST), history);
    }

    @Test
    void withoutAChampionOrWhenAskedItTrains() {
        RetrainPolicy.Decision none = POLICY.decide(Optional.empty(), Optional.empty(), false, ledger(), Optional.empty(),
                List.of());
        assertTrue(none.train());
        assertEquals("no champion yet for this label", none.reason());
        RetrainPolicy.Decision asked = POLICY.decide(CHAMPION, Optional.empty(), true, ledger(), Optional.of(LAST), List.of());
        assertTrue(asked.train());
        assertEquals("asked for (--retrain true)", asked.reason());
    }

    @Test
    void aChangeOfLabelOrFeaturesTrainsAndSaysWhich() {
        RetrainPolicy.Decision d = POLICY.decide(CHAMPION, Optional.of("the feature set changed: ..."), false, ledger(),
                Optional.of(LAST), List.of());
        assertTrue(d.train());
        assertEquals("the feature set changed: ...", d.reason());
    }

    @Test
    void nothingNewSinceTheLastTrainingSkipsIt() {
        RetrainPolicy.Decision d = decide(ledger(), List.of());
        assertFalse(d.train());
        assertEquals("no new labelled rows since the last training (run r1)", d.reason());
        assertEquals(0, d.newLabelledRows());
    }

    @Test
    void newRowsBelowBothThresholdsSkipAndAboveEitherTrain() {
        RetrainPolicy.Decision few = decide(ledger(outcomes("mar", "c2", 1_000)), List.of());
        assertFalse(few.train());
        assertEquals("1,000 new labelled rows since the last training (10% of the 10,000 it read), below the "
                + "thresholds (5,000 rows or 20%)", few.reason());
        RetrainPolicy.Decision share = decide(ledger(outcomes("mar", "c2", 2_000)), List.of());
        assertTrue(share.train(), "20% of what it read: " + share.reason());
        RetrainPolicy.Decision count = new RetrainPolicy(5_000, 0.9).decide(CHAMPION, Optional.empty(), false,
                ledger(outcomes("mar", "c2", 5_000)), Optional.of(LAST), List.of());
        assertTrue(count.train(), count.reason());
        assertEquals(5_000, count.newLabelledRows());
    }

    @Test
    void aCorrectedDeliveryCountsAsNewRowsAndTheSameBytesCleanedAgainDoNot() {
        // February replaced by a corrected file: a new version of its partition, unseen by the last training.
        List<LedgerEntry> replaced = List.of(outcomes("jan", "c1", 6_000), outcomes("feb", "c3", 4_000));
        RetrainPolicy.Decision d = decide(replaced, List.of());
        assertEquals(4_000, d.newLabelledRows());
        assertTrue(d.train(), d.reason());
        // The same bytes cleaned again by another run (a re-run, a cycle finishing a killed one): nothing new.
        LedgerEntry again = entry("feb", "c1", "2026-03-01T00:00:00Z",
                LedgerEntry.Outcome.published(LedgerEntry.REPROCESSED, 4_000, 4_000, 0));
        assertEquals("feb@c1" + "0".repeat(14), again.version());
        assertEquals(0, decide(List.of(outcomes("jan", "c1", 6_000), again), List.of()).newLabelledRows());
    }

    @Test
    void aResendAndARefusedDeliveryAreNoNewRows() {
        // February's bytes sent again under another name, and a refused delivery: neither is in the table.
        LedgerEntry resend = entry("feb-again", "c1", "2026-03-01T00:00:00Z",
                new LedgerEntry.Outcome(LedgerEntry.RESEND, 0, 0, 0, "feb", null));
        LedgerEntry refused = entry("mar", "c4", "2026-03-01T00:00:00Z", new LedgerEntry.Outcome(LedgerEntry.REFUSED,
                3_000, 0, 3_000, null, new LedgerEntry.Refusal("every row rejected", "fix it", 1_000, 0, "sha256:c4",
                "2026-03-01T00:00:00Z", "run-3")));
        RetrainPolicy.Decision d = decide(ledger(resend, refused), List.of());
        assertEquals(0, d.newLabelledRows());
        assertFalse(d.train(), d.reason());
        assertEquals("no new labelled rows since the last training (run r1)", d.reason());
    }

    @Test
    void anAlarmSinceTheLastTrainingTrainsAndAnOlderOneDoesNot() {
        RetrainPolicy.Decision after = decide(ledger(), List.of(delivery("2026-02-01T00:00:00Z", true, false)));
        assertTrue(after.train());
        assertEquals("alarm on delivery mar since the last training: out-of-time AUC-ROC 0.8000, 0.1200 below the "
                + "champion's test AUC-ROC", after.reason());
        RetrainPolicy.Decision drift = decide(ledger(), List.of(delivery("2026-02-01T00:00:00Z", false, true)));
        assertEquals("alarm on delivery mar since the last training: PSI of age 0.400", drift.reason());
        RetrainPolicy.Decision before = decide(ledger(), List.of(delivery("2026-01-01T00:00:00Z", true, true)));
        assertFalse(before.train(), "the last training already answered that alarm: " + before.reason());
    }

    @Test
    void theLastTrainingIsTheLatestTrainedRecordOrElseTheChampion() {
        MonitoringRecord skipped = MonitoringRecord.of(MonitoringRecord.TRAINING, "c", "r3", "deposit")
                .at("2026-03-01T00:00:00Z").decision(MonitoringRecord.SKIPPED, "nothing new").build();
        MonitoringRecord trained = MonitoringRecord.of(MonitoringRecord.TRAINING, "c", "r2", "deposit")
                .at("2026-02-01T00:00:00Z").decision(MonitoringRecord.TRAINED, "asked")
                .training(0, 12_000, List.of("jan@c100000000000000", "feb@c100000000000000", "mar@c200000000000000"), true).build();
        RetrainPolicy.LastTraining last = RetrainPolicy.LastTraining.of(List.of(trained, skipped), CHAMPION).orElseThrow();
        assertEquals("r2", last.runId());
        assertEquals(12_000, last.rows());
        assertEquals(List.of("jan@c100000000000000", "feb@c100000000000000", "mar@c200000000000000"), last.versions());
        RetrainPolicy.LastTraining fromChampion = RetrainPolicy.LastTraining.of(List.of(skipped), CHAMPION).orElseThrow();
        assertEquals("r1", fromChampion.runId());
        assertEquals(List.of("jan@c100000000000000", "feb@c100000000000000"), fromChampion.versions());
    }
}
