package dev.bankml.cleaning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.ledger.DeliveryOutcomes;
import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.cleaning.publication.Publication;
import dev.bankml.cleaning.publication.StagingArea;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.Storage;

/**
 * What a run publishes, read from its state: the partitions of the deliveries it publishes, each in its
 * kind's table and in the quarantine, and, with a ledger, each delivery's entry; together, or not at all.
 * Also what the partitions it would replace hold now (the shrink gate reads it).
 */
final class CleaningPublication {

    private CleaningPublication() {
    }

    /**
     * The changes of a run whose audit let it publish: each published delivery's partitions in its kind's
     * table and in the quarantine, a refused new delivery's quarantined rows, and, with a ledger, the entry
     * (and the content keys) of every delivery the run decided something about.
     */
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
        for (DeliveryOutcomes.Outcome o : run.outcomes) {
            String batch = o.batchId();
            if (o.kind() == DeliveryOutcomes.Kind.PUBLISHED && input.file(batch).isPresent()) {
                addChange(changes, Publication.change(storage, run.roots.tableOf(o.cleanedAs()), staging.cleanedStage(),
                        batch, cleanedFiles.get(batch)));
            }
            if (o.publishesRows() && input.file(batch).isPresent()) {
                addChange(changes, Publication.change(storage, run.roots.rejected(), staging.rejectedStage(), batch,
                        rejectedFiles.get(batch)));
            }
        }
        run.roots.ledger().ifPresent(ledger -> changes.addAll(ledgerChanges(storage, run, staging.stage(ledger), ledger)));
        return new Publication(storage, staging.cleanedStage(), run.config.runId(), changes);
    }

    /** Each decided delivery's ledger folder, staged: its entry, and the content keys of what it published. */
    private static List<Publication.Change> ledgerChanges(Storage storage, CleaningRun run, String stage, String ledger) {
        List<Publication.Change> out = new ArrayList<>();
        String now = LedgerEntries.now();
        List<String> batchOfFile = run.input.files().stream().map(InputFiles.SourceFile::batchId).toList();
        for (DeliveryOutcomes.Outcome o : run.outcomes) {
            Optional<LedgerEntry> entry = LedgerEntries.of(o, run, now);
            if (entry.isEmpty()) {
                continue;
            }
            String batch = o.batchId();
            String staged = DeliveryLedger.entryFile(stage, batch);
            storage.writeString(staged, Json.write(entry.get()));
            List<String> files = new ArrayList<>(List.of(staged));
            String stagedKeys = PublishedKeys.keysFile(stage, batch);
            if (o.kind() == DeliveryOutcomes.Kind.PUBLISHED) {
                storage.writeBytes(stagedKeys, PublishedKeys.of(batch, run.results, run.splits, batchOfFile).toBytes());
                files.add(stagedKeys);
            } else if (entry.get().published()) { // the published version's entry stays: so do its keys
                Optional<byte[]> kept = storage.readBytes(PublishedKeys.keysFile(ledger, batch));
                if (kept.isPresent()) {
                    storage.writeBytes(stagedKeys, kept.get());
                    files.add(stagedKeys);
                }
            }
            out.add(Publication.change(storage, ledger, stage, batch, files));
        }
        return out;
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
