package dev.bankml.cleaning.ledger;

import java.util.Optional;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.jobs.LedgerEntry;

/**
 * A delivery found in a source folder, with what the ledger says of it.
 *
 * @param file     the file, as listed (nothing read yet)
 * @param status   new, changed, unchanged, or reprocessed on purpose
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
        /** Unchanged, but asked for ({@code --reprocess}): cleaned again. */
        REPROCESSED
    }

    public boolean toClean() {
        return status != Status.UNCHANGED;
    }
}
