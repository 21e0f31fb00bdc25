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
            case PUBLISHED -> Optional.of(base(o, run, now, digest)
                    .status(o.delivery().status().name().toLowerCase(Locale.ROOT))
                    .rows(run.counts.rowsReadOf(batch), run.counts.rowsPerPartition().getOrDefault(batch, 0L),
                            run.counts.rejectedPerPartition().getOrDefault(batch, 0L)).build());
            case SAME_CONTENT -> Optional.of(o.delivery().previous().orElseThrow().toBuilder()
                    .listed(f.length(), f.modifiedAt()).refusal(null).build());
            case RESEND -> Optional.of(base(o, run, now, digest).status(LedgerEntry.RESEND).rows(0, 0, 0)
                    .resendOf(o.original().orElseThrow().batchId()).build());
            case REFUSED -> Optional.of(refused(o, run, now, digest));
            case HELD, UNCHANGED, REFUSED_EARLIER -> Optional.empty();
        };
    }

    private static LedgerEntry refused(DeliveryOutcomes.Outcome o, CleaningRun run, String now, String digest) {
        InputFiles.SourceFile f = o.delivery().file();
        LedgerEntry.Refusal why = new LedgerEntry.Refusal(o.refusal().orElseThrow().reason(),
                o.refusal().get().whatToDo(), f.length(), f.modifiedAt(), digest, now, run.config.runId());
        if (!o.isNew()) {
            return o.delivery().previous().orElseThrow().refused(why);
        }
        String batch = f.batchId();
        return base(o, run, now, digest).status(LedgerEntry.REFUSED)
                .rows(run.counts.rowsReadOf(batch), 0, run.counts.rejectedPerPartition().getOrDefault(batch, 0L))
                .refusal(why).build();
    }

    private static LedgerEntry.Builder base(DeliveryOutcomes.Outcome o, CleaningRun run, String now, String digest) {
        InputFiles.SourceFile f = o.delivery().file();
        boolean read = digest.contains(":");
        return LedgerEntry.builder().kind(o.cleanedAs().id()).sourceFile(f.identity()).batchId(f.batchId())
                .table(o.cleanedAs().id()).listed(f.length(), f.modifiedAt())
                .digest(read ? FileDigests.digest(digest) : "", read ? FileDigests.scheme(digest) : "")
                .cleaned(now, run.config.runId(), run.config.context().cycleId());
    }

    static String now() {
        return Instant.now().toString();
    }
}
