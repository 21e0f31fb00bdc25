package dev.bankml.cleaning.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.input.BatchIds;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.Refusal;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.workflow.DeliveryKind;

/** What a cycle makes of each delivery, decided from the ledger and what the pass found: pure, so told here. */
class DeliveryOutcomesTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    private static InputFiles.SourceFile file(String name, long size) {
        String identity = BatchIds.ofDelivery(DeliveryKind.OUTCOMES, name);
        return new InputFiles.SourceFile(identity, name, "/raw/outcomes/" + name, size, false, 1_000, DeliveryKind.OUTCOMES,
                BatchIds.of(identity));
    }

    private static LedgerEntry entry(InputFiles.SourceFile f, String digest, String status) {
        return LedgerEntry.of(new LedgerEntry.Identity("outcomes", f.identity(), f.batchId(), "outcomes"),
                new LedgerEntry.Content(f.length(), f.modifiedAt(), digest.substring(7), "sha256"),
                new LedgerEntry.Cleaning("2026-11-01T00:00:00Z", "run-1", "cycle-1"),
                new LedgerEntry.Outcome(status, 10, status.equals(LedgerEntry.RESEND) ? 0 : 10, 0, null, null));
    }

    private static Map<String, String> decide(List<Delivery> deliveries, List<LedgerEntry> ledger,
                                              Map<String, String> digests, Map<String, Refusal> refusals,
                                              Map<String, String> incomplete, boolean hold) {
        List<InputFiles.SourceFile> read = deliveries.stream().filter(Delivery::toClean).map(Delivery::file).toList();
        InputFiles input = new InputFiles("/raw", read, List.of(), List.of(), List.of());
        Map<String, String> out = new java.util.TreeMap<>();
        for (DeliveryOutcomes.Outcome o : DeliveryOutcomes.decide(deliveries, input, ledger,
                new DeliveryOutcomes.Findings(refusals, incomplete, digests, hold, true))) {
            out.put(o.delivery().file().relative(), o.kind().name().toLowerCase()
                    + o.original().map(x -> " of " + x.sourceFile()).orElse(""));
        }
        return out;
    }

    @Test
    void theBytesOfAPublishedDeliveryAreAResendWhetherNewOrARecordedResendUploadedAgain() {
        InputFiles.SourceFile jan = file("jan.csv", 100);
        InputFiles.SourceFile copy = file("jan-copy.csv", 100);
        InputFiles.SourceFile touched = file("jan-again.csv", 100);
        LedgerEntry janEntry = entry(jan, A, LedgerEntry.NEW);
        LedgerEntry touchedEntry = entry(touched, A, LedgerEntry.RESEND);
        List<Delivery> deliveries = List.of(
                new Delivery(jan, Delivery.Status.UNCHANGED, Optional.of(janEntry)),
                new Delivery(copy, Delivery.Status.NEW, Optional.empty()),
                new Delivery(touched, Delivery.Status.CHANGED, Optional.of(touchedEntry)));
        assertEquals(Map.of("jan.csv", "unchanged", "jan-copy.csv", "resend of outcomes/jan.csv",
                        "jan-again.csv", "resend of outcomes/jan.csv"),
                decide(deliveries, List.of(janEntry, touchedEntry), Map.of(copy.batchId(), A, touched.batchId(), A),
                        Map.of(), Map.of(), false));
    }

    @Test
    void aPublishedDeliveryUploadedWithItsBytesOrAnotherDeliverysIsNoResend() {
        InputFiles.SourceFile jan = file("jan.csv", 100);
        InputFiles.SourceFile feb = file("feb.csv", 100);
        LedgerEntry janEntry = entry(jan, A, LedgerEntry.NEW);
        LedgerEntry febEntry = entry(feb, B, LedgerEntry.NEW);
        List<Delivery> deliveries = List.of(new Delivery(jan, Delivery.Status.CHANGED, Optional.of(janEntry)),
                new Delivery(feb, Delivery.Status.CHANGED, Optional.of(febEntry)));
        assertEquals(Map.of("jan.csv", "same_content", "feb.csv", "published"),
                decide(deliveries, List.of(janEntry, febEntry), Map.of(jan.batchId(), A, feb.batchId(), A), Map.of(),
                        Map.of(), false), "february now holds january's bytes: it replaces its own partition");
    }

    @Test
    void twoNewFilesWithTheSameBytesArePublishedOnceUnlessTheFirstIsRefused() {
        InputFiles.SourceFile a = file("a.csv", 100);
        InputFiles.SourceFile b = file("b.csv", 100);
        List<Delivery> deliveries = new ArrayList<>(List.of(new Delivery(a, Delivery.Status.NEW, Optional.empty()),
                new Delivery(b, Delivery.Status.NEW, Optional.empty())));
        Map<String, String> digests = Map.of(a.batchId(), A, b.batchId(), A);
        assertEquals(Map.of("a.csv", "published", "b.csv", "resend of outcomes/a.csv"),
                decide(deliveries, List.of(), digests, Map.of(), Map.of(), false));
        Map<String, Refusal> bad = Map.of(a.batchId(), new Refusal("too many bad rows", "fix it"),
                b.batchId(), new Refusal("too many bad rows", "fix it"));
        assertEquals(Map.of("a.csv", "refused", "b.csv", "refused"), decide(deliveries, List.of(), digests, bad,
                Map.of(), false));
    }

    @Test
    void anIncompleteLookingUploadIsHeldOnlyWhenAskedAndNeverWhenReprocessed() {
        InputFiles.SourceFile cut = file("cut.csv", 100);
        InputFiles.SourceFile empty = file("empty.csv", 0);
        Map<String, String> incomplete = Map.of(cut.batchId(), "its last line has no line end");
        List<Delivery> fresh = List.of(new Delivery(cut, Delivery.Status.NEW, Optional.empty()),
                new Delivery(empty, Delivery.Status.NEW, Optional.empty()));
        Map<String, String> digests = Map.of(cut.batchId(), A, empty.batchId(), B);
        assertEquals(Map.of("cut.csv", "held", "empty.csv", "held"), decide(fresh, List.of(), digests, Map.of(),
                incomplete, true));
        assertEquals(Map.of("cut.csv", "published", "empty.csv", "published"), decide(fresh, List.of(), digests,
                Map.of(), incomplete, false));
        List<Delivery> onPurpose = List.of(new Delivery(cut, Delivery.Status.REPROCESSED,
                Optional.of(entry(cut, A, LedgerEntry.NEW))));
        assertEquals(Map.of("cut.csv", "published"), decide(onPurpose, List.of(), digests, Map.of(), incomplete, true));
    }
}
