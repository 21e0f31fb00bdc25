package dev.bankml.cleaning.publication;

import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.FaultPoints;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;

/**
 * Publishes the audited, staged files of a run: every partition of the run's input files is
 * replaced in the cleaned table and in the quarantine, together. A journal written first lists the
 * moves; each replaced partition is moved aside into the run's staging folder, then the new files
 * are moved in. If any move fails, the moves done so far are undone and the previous partitions
 * restored, so both tables are left exactly as they were; if the process dies mid-way, the next run
 * finds the journal and rolls back the same way ({@link StagingArea}). On S3 each move is a copy, so
 * readers may see a partition change while it is being published, never a half-published run for
 * long.
 */
public final class Publication {
    private static final Logger LOG = LoggerFactory.getLogger(Publication.class);
    public static final String JOURNAL = "_publish.json";
    public static final String PUBLISHING = "publishing";
    static final String PUBLISHED = "published";
    private static final String REPLACED = "replaced";

    /**
     * One partition to replace.
     *
     * @param root        the table root
     * @param stage       the run's staging folder under that root
     * @param batchId     the partition value
     * @param hadPrevious whether the partition existed before this run
     * @param files       the new files' final paths (empty: the partition is removed)
     * @param staged      the staged files, same order as {@code files}
     */
    public record Change(String root, String stage, String batchId, boolean hadPrevious, List<String> files,
                  List<String> staged) {
        String partition() {
            return Storage.join(root, BankSchema.BATCH_ID + "=" + batchId);
        }

        String backup() {
            return Storage.join(stage, REPLACED + "/" + BankSchema.BATCH_ID + "=" + batchId);
        }
    }

    /** What the journal file holds. */
    public record Journal(String runId, String state, List<Change> changes) {
    }

    private final Storage storage;
    private final String journalFile;
    private final String runId;
    private final List<Change> changes;

    public Publication(Storage storage, String journalStage, String runId, List<Change> changes) {
        this.storage = storage;
        this.journalFile = Storage.join(journalStage, JOURNAL);
        this.runId = runId;
        this.changes = List.copyOf(changes);
    }

    /** The change for one partition of one table: its staged files and whether it exists now. */
    public static Change change(Storage storage, String root, String stage, String batchId, List<String> stagedFiles) {
        String partition = Storage.join(root, BankSchema.BATCH_ID + "=" + batchId);
        List<String> finals = stagedFiles.stream()
                .map(f -> Storage.join(partition, new Path(f).getName())).toList();
        return new Change(root, stage, batchId, storage.exists(partition), finals, List.copyOf(stagedFiles));
    }

    List<Change> changes() {
        return changes;
    }

    /**
     * Moves everything into place, or nothing. The journal is written whole beside its place and then moved
     * there, before the first move; so a journal in place is always complete, and a crash before it is in
     * place has moved nothing. Each later state of the journal is written the same way.
     */
    public void publish() {
        LOG.info("Publishing {} partition change(s) of run {} (journal {})", changes.size(), runId, journalFile);
        writeJournal(PUBLISHING, changes);
        FaultPoints.reached("publication.journal");
        int done = 0;
        boolean ledgerReached = false;
        try {
            for (Change c : changes) {
                if (!ledgerReached && c.files().stream().anyMatch(f -> f.endsWith("/" + DeliveryLedger.ENTRY_FILE))) {
                    ledgerReached = true;
                    FaultPoints.reached("publication.ledger"); // the tables' moves done, the ledger's not yet
                }
                apply(c);
                done++;
            }
        } catch (RuntimeException e) {
            LOG.error("Publishing failed at partition {} ({}); restoring the previous partitions",
                    changes.get(done).partition(), e.getMessage());
            Journal j = new Journal(runId, PUBLISHING, changes.subList(0, Math.min(changes.size(), done + 1)));
            rollBack(storage, j);
            writeJournal("rolled_back", changes);
            throw e;
        }
        FaultPoints.reached("publication.moved");
        writeJournal(PUBLISHED, changes);
        FaultPoints.reached("publication.published");
    }

    private void writeJournal(String state, List<Change> of) {
        String whole = journalFile + ".tmp";
        storage.writeString(whole, Json.write(new Journal(runId, state, of)));
        FaultPoints.reached("publication.journal_written");
        storage.replace(whole, journalFile);
    }

    private void apply(Change c) {
        String partition = c.partition();
        if (c.hadPrevious() && storage.exists(partition)) {
            storage.rename(partition, c.backup());
        }
        if (c.files().isEmpty()) {
            LOG.info("Removing partition {}: this run has no rows for it", partition);
            return;
        }
        storage.mkdirs(partition);
        for (int i = 0; i < c.files().size(); i++) {
            storage.rename(c.staged().get(i), c.files().get(i));
            FaultPoints.reached("publication.move");
        }
    }

    /**
     * Undoes the changes of a journal: deletes the files it published, and puts back each partition it
     * had moved aside, unless another run has published that partition since.
     */
    static void rollBack(Storage storage, Journal journal) {
        for (Change c : journal.changes()) {
            String partition = c.partition();
            for (String f : c.files()) {
                if (storage.exists(f)) {
                    storage.deleteRecursively(f);
                }
                String crc = Storage.join(partition, "." + new Path(f).getName() + ".crc");
                if (storage.exists(crc)) {
                    storage.deleteRecursively(crc);
                }
            }
            List<FileStatus> left = storage.list(partition);
            if (storage.exists(c.backup())) {
                if (left.isEmpty()) {
                    if (storage.exists(partition)) {
                        storage.deleteRecursively(partition);
                    }
                    storage.rename(c.backup(), partition);
                } else {
                    LOG.warn("Partition {} was published by another run meanwhile; not restoring run {}'s backup",
                            partition, journal.runId());
                }
            } else if (!c.hadPrevious() && left.isEmpty() && storage.exists(partition)) {
                storage.deleteRecursively(partition);
            }
        }
    }

    /** All staged files of a table, by partition: the result of the successful task attempts. */
    static List<String> stagedFiles(List<SplitResult> results, boolean cleaned) {
        List<String> out = new ArrayList<>();
        for (SplitResult r : results) {
            String f = cleaned ? r.cleanedFile : r.rejectedFile;
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }
}
