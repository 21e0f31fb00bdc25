package dev.bankml.cleaning.ledger;

import java.util.Optional;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.jobs.LedgerEntry;

/**
 * A delivery found in a source folder, with what the ledger says of it.
 *
 * @param file     the file, as listed (nothing read yet), with the partition its ledger entry names
 * @param status   new, changed, unchanged, refused earlier, or reprocessed on purpose
 * @param previous its ledger entry, when it has one
 */
public record Delivery(InputFiles.SourceFile file, Status status, Optional<LedgerEntry> previous) {

    /** What the ledger makes of a delivery. */
    public enum Status {
        /** Not in the ledger: cleaned in this run. */
        NEW,
        /** In the ledger with another size or modification time: cleaned again, its partition replaced. */
        CHANGED,
        /** In the ledger as it is: left alone, not even read. */
        UNCHANGED,
        /** Refused by an earlier run as it is now (same size and time): left alone, reported again. */
        REFUSED_EARLIER,
        /** Unchanged or refused earlier, but asked for ({@code --reprocess}): cleaned again. */
        REPROCESSED
    }

    public boolean toClean() {
        return status != Status.UNCHANGED && status != Status.REFUSED_EARLIER;
    }
}
