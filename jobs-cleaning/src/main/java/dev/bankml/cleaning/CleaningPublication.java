package dev.bankml.cleaning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.ledger.Delivery;
import dev.bankml.cleaning.pass.FileDigests;
import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.cleaning.publication.Publication;
import dev.bankml.cleaning.publication.StagingArea;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.Storage;

/**
 * What a run publishes, read from its state: the partitions of its files, each in its kind's table
 * and in the quarantine, and, with a ledger, each delivery's entry; together, or not at all. Also
 * what the partitions it would replace hold now (the shrink gate reads it).
 */
final class CleaningPublication {
    private static final Logger LOG = LoggerFactory.getLogger(CleaningPublication.class);

    private CleaningPublication() {
    }

    /** The changes of a run whose audit let it publish. */
    static Publication of(Storage storage, CleaningRun run, StagingArea staging) {
        InputFiles input = run.input;
        Map<String, List<String>> cleanedFiles = new TreeMap<>();
        Map<String, List<String>> rejectedFiles = new TreeMap<>();
        for (String batch : input.batchIds()) {
            cleanedFiles.put(batch, new ArrayList<>());
            rejectedFiles.put(batch, new ArrayList<>());
        }
        for (SplitResult r : run.results) {
            String batch = input.layouts().get(run.splits.get(r.splitId).fileIndex()).batchId();
            if (r.cleanedFile != null) {
                cleanedFiles.get(batch).add(r.cleanedFile);
            }
            if (r.rejectedFile != null) {
                rejectedFiles.get(batch).add(r.rejectedFile);
            }
        }
        List<Publication.Change> changes = new ArrayList<>();
        Set<String> sameContent = sameContent(run.deliveries, run.digests);
        for (InputFiles.SourceFile f : input.files()) {
            String batch = f.batchId();
            if (sameContent.contains(batch)) {
                LOG.info("Delivery {} was uploaded again with the bytes it had: its partitions stay as they are", f.identity());
                continue;
            }
            addChange(changes, Publication.change(storage, run.roots.tableOf(f.kind()), staging.cleanedStage(), batch,
                    cleanedFiles.get(batch)));
            addChange(changes, Publication.change(storage, run.roots.rejected(), staging.rejectedStage(), batch,
                    rejectedFiles.get(batch)));
        }
        run.roots.ledger().ifPresent(ledger -> changes.addAll(ledgerChanges(storage, run, staging.stage(ledger), ledger,
                sameContent)));
        return new Publication(storage, staging.cleanedStage(), run.config.runId(), changes);
    }

    /** Each cleaned delivery's ledger entry, staged: new, or refreshed for a delivery uploaded again as it was. */
    private static List<Publication.Change> ledgerChanges(Storage storage, CleaningRun run, String stage, String ledger,
                                                          Set<String> sameContent) {
        List<Publication.Change> out = new ArrayList<>();
        String now = Instant.now().toString();
        for (Delivery d : run.deliveries) {
            if (!d.toClean()) {
                continue;
            }
            InputFiles.SourceFile f = d.file();
            String batch = f.batchId();
            long written = run.counts.rowsPerPartition().getOrDefault(batch, 0L);
            long rejected = run.counts.rejectedPerPartition().getOrDefault(batch, 0L);
            String digest = run.digests.getOrDefault(batch, FileDigests.EMPTY_FILE);
            LedgerEntry entry = sameContent.contains(batch) ? refreshed(d.previous().orElseThrow(), f)
                    : new LedgerEntry(f.kind().id(), f.identity(), batch, run.roots.tableOf(f.kind()), f.length(),
                            f.modifiedAt(), FileDigests.digest(digest), FileDigests.scheme(digest), now,
                            run.config.runId(), run.config.context().cycleId(),
                            d.status().name().toLowerCase(Locale.ROOT), written + rejected, written, rejected);
            String staged = DeliveryLedger.entryFile(stage, batch);
            storage.writeString(staged, Json.write(entry));
            out.add(Publication.change(storage, ledger, stage, batch, List.of(staged)));
        }
        return out;
    }

    /**
     * The changed deliveries whose bytes are those the ledger has (uploaded again as they were): nothing
     * of them is published again, so nothing downstream processes them twice; only their ledger entry
     * learns the new modification time. A reprocessing asked for is published whatever its bytes.
     */
    static Set<String> sameContent(List<Delivery> deliveries, Map<String, String> digests) {
        Set<String> out = new HashSet<>();
        for (Delivery d : deliveries) {
            String batch = d.file().batchId();
            String digest = digests.getOrDefault(batch, d.file().length() == 0 ? FileDigests.EMPTY_FILE : null);
            if (d.status() == Delivery.Status.CHANGED && digest != null && d.previous().isPresent()
                    && FileDigests.digest(digest).equals(d.previous().get().contentDigest())) {
                out.add(batch);
            }
        }
        return out;
    }

    /** A ledger entry with the file's new size and modification time, and everything else as it was. */
    private static LedgerEntry refreshed(LedgerEntry e, InputFiles.SourceFile f) {
        return new LedgerEntry(e.kind(), e.sourceFile(), e.batchId(), e.table(), f.length(), f.modifiedAt(),
                e.contentDigest(), e.digestScheme(), e.cleanedAt(), e.cleanedByRun(), e.cycleId(), e.status(),
                e.rowsRead(), e.rowsWritten(), e.rowsRejected());
    }

    private static void addChange(List<Publication.Change> changes, Publication.Change c) {
        if (!c.files().isEmpty() || c.hadPrevious()) {
            changes.add(c);
        }
    }

    /** Rows now published in each partition this run would replace (its kind's table), from the Parquet footers. */
    static Map<String, Long> publishedRows(Storage storage, InputFiles input, CleaningRoots roots) {
        Map<String, Long> out = new TreeMap<>();
        for (InputFiles.SourceFile f : input.files()) {
            out.putAll(publishedRows(storage, roots.tableOf(f.kind()), List.of(f.batchId())));
        }
        return out;
    }

    /** Rows now published in each of the given partitions of a cleaned table, from the Parquet footers. */
    static Map<String, Long> publishedRows(Storage storage, String target, List<String> batches) {
        Map<String, Long> out = new TreeMap<>();
        for (String batch : batches) {
            String partition = Storage.join(target, BankSchema.BATCH_ID + "=" + batch);
            long rows = 0;
            boolean exists = false;
            for (FileStatus f : storage.list(partition)) {
                exists = true;
                String name = f.getPath().getName();
                if (f.isFile() && name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_")) {
                    rows += footerRows(storage.conf(), f.getPath());
                }
            }
            if (exists) {
                out.put(batch, rows);
            }
        }
        return out;
    }

    private static long footerRows(Configuration conf, Path file) {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            return r.getRecordCount();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the footer of the published file " + file
                    + " (to compare partition sizes): " + e.getMessage(), e);
        }
    }
}
