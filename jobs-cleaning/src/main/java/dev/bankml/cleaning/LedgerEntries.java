package dev.bankml.cleaning;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.ledger.DeliveryOutcomes;
import dev.bankml.cleaning.pass.FileDigests;
import dev.bankml.jobs.LedgerEntry;

/**
 * The ledger entry a run writes for each delivery, from its outcome: a published delivery's entry with
 * its counts; a re-upload's entry with its new size and time; a resend's, naming the delivery it repeats,
 * with no rows; a refused delivery's, with the reason and what to do (a refused new version of a published
 * delivery keeps the published version's entry, the refused upload noted in it). Nothing for a delivery
 * left alone or held back.
 */
final class LedgerEntries {
    private LedgerEntries() {
    }

    /** The entry to publish for an outcome, if the outcome writes one. */
    static Optional<LedgerEntry> of(DeliveryOutcomes.Outcome o, CleaningRun run, String now) {
        InputFiles.SourceFile f = o.delivery().file();
        String batch = f.batchId();
        String digest = run.digests.getOrDefault(batch, "");
        return switch (o.kind()) {
            case PUBLISHED -> Optional.of(written(o, run, now, digest, LedgerEntry.Outcome.published(
                    o.delivery().status().name().toLowerCase(Locale.ROOT), run.counts.rowsReadOf(batch),
                    run.counts.rowsPerPartition().getOrDefault(batch, 0L),
                    run.counts.rejectedPerPartition().getOrDefault(batch, 0L))));
            case SAME_CONTENT -> Optional.of(reuploaded(o.delivery().previous().orElseThrow(), f));
            case RESEND -> Optional.of(written(o, run, now, digest, new LedgerEntry.Outcome(LedgerEntry.RESEND, 0, 0, 0,
                    o.original().orElseThrow().batchId(), null)));
            case REFUSED -> Optional.of(refused(o, run, now, digest));
            case HELD, UNCHANGED, REFUSED_EARLIER -> Optional.empty();
        };
    }

    /** The published version's entry, with the size and time of its re-upload, and no refusal pending. */
    private static LedgerEntry reuploaded(LedgerEntry e, InputFiles.SourceFile f) {
        LedgerEntry.Outcome o = e.outcome();
        return LedgerEntry.of(e.identity(), new LedgerEntry.Content(f.length(), f.modifiedAt(), e.contentDigest(),
                e.digestScheme()), e.cleaning(), LedgerEntry.Outcome.published(o.status(), o.rowsRead(), o.rowsWritten(),
                o.rowsRejected()));
    }

    private static LedgerEntry refused(DeliveryOutcomes.Outcome o, CleaningRun run, String now, String digest) {
        InputFiles.SourceFile f = o.delivery().file();
        LedgerEntry.Refusal why = new LedgerEntry.Refusal(o.refusal().orElseThrow().reason(),
                o.refusal().get().whatToDo(), f.length(), f.modifiedAt(), digest, now, run.config.runId());
        if (!o.isNew()) {
            return o.delivery().previous().orElseThrow().refused(why);
        }
        String batch = f.batchId();
        return written(o, run, now, digest, new LedgerEntry.Outcome(LedgerEntry.REFUSED, run.counts.rowsReadOf(batch), 0,
                run.counts.rejectedPerPartition().getOrDefault(batch, 0L), null, why));
    }

    /** A new entry for the delivery as this run read it. */
    private static LedgerEntry written(DeliveryOutcomes.Outcome o, CleaningRun run, String now, String digest,
                                       LedgerEntry.Outcome outcome) {
        InputFiles.SourceFile f = o.delivery().file();
        boolean read = digest.contains(":");
        return LedgerEntry.of(new LedgerEntry.Identity(o.cleanedAs().id(), f.identity(), f.batchId(), o.cleanedAs().id()),
                new LedgerEntry.Content(f.length(), f.modifiedAt(), read ? FileDigests.digest(digest) : "",
                        read ? FileDigests.scheme(digest) : ""),
                new LedgerEntry.Cleaning(now, run.config.runId(), run.config.context().cycleId()), outcome);
    }

    static String now() {
        return Instant.now().toString();
    }
}
