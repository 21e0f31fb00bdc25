package dev.bankml.training.inference;

import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;

import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;

/**
 * Which lead deliveries have been scored: {@code <scored>/_ledger/label=<l>/<batch_id>.json}, one entry
 * per delivery, written after its scored partition. A delivery is scored once per ledger version (a
 * changed lead file is scored again, its partition replaced); after a crash between the partition and
 * its entry, the next cycle scores it again into the same partition, so no row is ever scored twice.
 */
final class ScoringLedger {
    /**
     * One scored lead delivery.
     *
     * @param version the delivery's ledger version it scored
     */
    record Entry(String batchId, String version, String model, String modelRunId, String scoringRunId, String cycleId,
                 long rowsScored, long rowsNotScorable, String scoredAt) {
    }

    private final Storage storage;
    private final String root;

    ScoringLedger(Storage storage, String outputRoot, String label) {
        this.storage = storage;
        this.root = Storage.join(storage.resolve(outputRoot), "_ledger/label=" + label);
    }

    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (FileStatus f : storage.list(root)) {
            if (f.isFile() && f.getPath().getName().endsWith(".json")) {
                storage.readString(f.getPath().toString()).ifPresent(j -> out.add(Json.read(j, Entry.class)));
            }
        }
        return out;
    }

    void record(Entry e) {
        storage.writeString(Storage.join(root, e.batchId() + ".json"), Json.write(e));
    }
}
