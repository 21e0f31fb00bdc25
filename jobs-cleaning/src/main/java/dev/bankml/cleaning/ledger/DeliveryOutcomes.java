package dev.bankml.cleaning.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.Refusal;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.workflow.DeliveryKind;

/**
 * What a cycle's run makes of each delivery it found, from what the pass and the audit found out: publish
 * it; leave it (unchanged, or refused earlier as it is); record it as a resend of a delivery already
 * published (same kind, same bytes, another name or folder) and publish nothing of it; refuse it and set it
 * aside; or hold it back for a later cycle when it looks incomplete and {@code --hold_incomplete} says so.
 * Pure.
 */
public final class DeliveryOutcomes {
    private DeliveryOutcomes() {
    }

    /** What happens to a delivery. */
    public enum Kind {
        /** Its partitions and its ledger entry are published. */
        PUBLISHED,
        /** Re-uploaded with the bytes the ledger has: only its entry learns the new size and time. */
        SAME_CONTENT,
        /** The bytes of another delivery already published: recorded as a resend, nothing else published. */
        RESEND,
        /** Set aside: recorded as refused, with the reason and what to do; its rejected rows quarantined. */
        REFUSED,
        /** Looks incomplete: nothing published, no entry; a later cycle reads it again. */
        HELD,
        /** In the ledger as it is: not read. */
        UNCHANGED,
        /** Refused by an earlier run as it is now: not read, reported again. */
        REFUSED_EARLIER
    }

    /**
     * The delivery a resend repeats.
     *
     * @param cleanedAt when it was published (empty when this run publishes it)
     */
    public record Original(String batchId, String sourceFile, String cleanedAt) {
    }

    /**
     * One delivery's outcome.
     *
     * @param cleanedAs  the kind it was cleaned as (a lead file routed to the outcomes is outcomes)
     * @param refusal    why it is (or was earlier) refused, when it is
     * @param original   for a resend, the delivery it repeats
     * @param incomplete why it looks like an unfinished upload, when it does
     */
    public record Outcome(Delivery delivery, Kind kind, DeliveryKind cleanedAs, Optional<Refusal> refusal,
                          Optional<Original> original, Optional<String> incomplete) {
        public String batchId() {
            return delivery.file().batchId();
        }

        /** Whether this run publishes anything of it in the tables (its partitions). */
        public boolean publishesRows() {
            return kind == Kind.PUBLISHED || (kind == Kind.REFUSED && isNew());
        }

        /** Whether the delivery has no published version (a refusal of one that has leaves it as it is). */
        public boolean isNew() {
            return delivery.previous().filter(LedgerEntry::published).isEmpty();
        }
    }

    /**
     * What the pass and the audit found.
     *
     * @param gateRefusals   batch id → why the audit refuses the delivery
     * @param incomplete     batch id → why the delivery looks incomplete
     * @param digests        batch id → {@code scheme:hex} of every delivery read (empty files included)
     * @param holdIncomplete whether a new or changed delivery that looks incomplete is held back
     * @param cycle          whether the run is a cycle's; a run pointed at files by hand publishes all of them
     *                       or none, whatever they hold
     */
    public record Findings(Map<String, Refusal> gateRefusals, Map<String, String> incomplete, Map<String, String> digests,
                           boolean holdIncomplete, boolean cycle) {
    }

    /**
     * @param input  what the run read (null when it read nothing)
     * @param ledger the ledger's entries before the run
     */
    public static List<Outcome> decide(List<Delivery> deliveries, InputFiles input, List<LedgerEntry> ledger,
                                       Findings found) {
        List<Outcome> out = new ArrayList<>();
        for (Delivery d : deliveries) {
            out.add(decide(d, input, ledger, found, out));
        }
        return out;
    }

    private static Outcome decide(Delivery d, InputFiles input, List<LedgerEntry> ledger, Findings found,
                                  List<Outcome> earlier) {
        String batch = d.file().batchId();
        DeliveryKind kind = input == null ? d.file().kind()
                : input.file(batch).map(InputFiles.SourceFile::kind).orElse(d.file().kind());
        if (!d.toClean()) {
            return d.status() == Delivery.Status.REFUSED_EARLIER
                    ? outcome(d, Kind.REFUSED_EARLIER, kind, d.previous().map(DeliveryOutcomes::refusalOf))
                    : outcome(d, Kind.UNCHANGED, kind, Optional.empty());
        }
        Optional<Refusal> header = input == null ? Optional.empty() : input.refused().stream()
                .filter(r -> r.file().batchId().equals(batch)).map(InputFiles.Refused::refusal).findFirst();
        if (header.isPresent()) {
            return outcome(d, Kind.REFUSED, kind, header);
        }
        Optional<String> incomplete = d.file().length() == 0 ? Optional.of("it is empty")
                : Optional.ofNullable(found.incomplete().get(batch));
        if (!found.cycle()) {
            return new Outcome(d, Kind.PUBLISHED, kind, Optional.empty(), Optional.empty(), incomplete);
        }
        boolean upload = d.status() == Delivery.Status.NEW || d.status() == Delivery.Status.CHANGED;
        if (found.holdIncomplete() && upload && incomplete.isPresent()) {
            return new Outcome(d, Kind.HELD, kind, Optional.empty(), Optional.empty(), incomplete);
        }
        String digest = found.digests().getOrDefault(batch, "");
        if (d.status() == Delivery.Status.CHANGED && d.previous().filter(LedgerEntry::published)
                .filter(p -> hex(digest).equals(p.contentDigest())).isPresent()) {
            return new Outcome(d, Kind.SAME_CONTENT, kind, Optional.empty(), Optional.empty(), incomplete);
        }
        // Only a delivery with no published version can be a resend (a new file; one recorded as a resend
        // or refused, uploaded again): a published one replaces its own partition whatever its bytes.
        boolean canRepeat = d.previous().filter(LedgerEntry::published).isEmpty() && d.file().length() > 0;
        Optional<Original> resent = canRepeat ? publishedWith(ledger, kind, digest, batch) : Optional.empty();
        if (resent.isPresent()) {
            return new Outcome(d, Kind.RESEND, kind, Optional.empty(), resent, incomplete);
        }
        Optional<Refusal> refused = Optional.ofNullable(found.gateRefusals().get(batch));
        if (refused.isPresent()) {
            return new Outcome(d, Kind.REFUSED, kind, refused, Optional.empty(), incomplete);
        }
        Optional<Original> inThisRun = canRepeat
                ? earlier.stream().filter(o -> o.kind() == Kind.PUBLISHED && o.cleanedAs() == kind
                        && o.delivery().file().length() > 0 && digest.equals(found.digests().get(o.batchId())))
                .map(o -> new Original(o.batchId(), o.delivery().file().identity(), "")).findFirst()
                : Optional.empty();
        return inThisRun.map(o -> new Outcome(d, Kind.RESEND, kind, Optional.empty(), Optional.of(o), incomplete))
                .orElseGet(() -> new Outcome(d, Kind.PUBLISHED, kind, Optional.empty(), Optional.empty(), incomplete));
    }

    /** The published delivery of a kind with these bytes (same digest scheme), other than this one. */
    private static Optional<Original> publishedWith(List<LedgerEntry> ledger, DeliveryKind kind, String digest,
                                                    String batch) {
        return ledger.stream().filter(e -> e.published() && kind.id().equals(e.kind()) && !batch.equals(e.batchId())
                        && digest.equals(e.digestScheme() + ":" + e.contentDigest()))
                .findFirst().map(e -> new Original(e.batchId(), e.sourceFile(), e.cleanedAt()));
    }

    private static Refusal refusalOf(LedgerEntry e) {
        return e.refusal() == null ? new Refusal("refused earlier", "") : new Refusal(e.refusal().reason(),
                e.refusal().whatToDo());
    }

    private static Outcome outcome(Delivery d, Kind kind, DeliveryKind cleanedAs, Optional<Refusal> refusal) {
        return new Outcome(d, kind, cleanedAs, refusal, Optional.empty(), Optional.empty());
    }

    private static String hex(String schemeAndHex) {
        return schemeAndHex.substring(schemeAndHex.indexOf(':') + 1);
    }
}
