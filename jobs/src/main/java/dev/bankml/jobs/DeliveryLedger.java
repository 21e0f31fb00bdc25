package dev.bankml.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.fs.FileStatus;

/**
 * The delivery ledger, {@code <root>/batch_id=<b>/delivery.json}: one entry per delivery ever cleaned,
 * the one truth of what the cleaned tables hold (beside each entry, the content keys of the delivery's
 * records, which the cleaning reads to find records published before). Partitions of the ledger are published like those of
 * the tables, by the same journal, so a crash leaves both or neither. Reading it lists one folder and
 * reads one small file per delivery; no table is scanned.
 */
public final class DeliveryLedger {
    /** The entry file in each of the ledger's partitions. */
    public static final String ENTRY_FILE = "delivery.json";

    private final Storage storage;
    private final String root;

    public DeliveryLedger(Storage storage, String root) {
        this.storage = storage;
        this.root = storage.resolve(root);
    }

    public String root() {
        return root;
    }

    /** Every entry, in order of publication (oldest first). */
    public List<LedgerEntry> entries() {
        List<LedgerEntry> out = new ArrayList<>();
        for (FileStatus f : storage.list(root)) {
            String name = f.getPath().getName();
            if (f.isDirectory() && name.startsWith(BankSchema.BATCH_ID + "=")) {
                storage.readString(Storage.join(f.getPath().toString(), ENTRY_FILE))
                        .map(json -> Json.read(json, LedgerEntry.class)).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(LedgerEntry::cleanedAt).thenComparing(LedgerEntry::batchId));
        return out;
    }

    /** The entries of one kind of delivery. */
    public List<LedgerEntry> entries(String kind) {
        return entries().stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /**
     * The deliveries of one kind whose rows are in the cleaned table ({@link LedgerEntry#published()}):
     * the only ones evaluating, training and scoring read. A resend or a refused delivery has none.
     */
    public List<LedgerEntry> published(String kind) {
        return entries(kind).stream().filter(LedgerEntry::published).toList();
    }

    public Optional<LedgerEntry> entry(String batchId) {
        return storage.readString(entryFile(root, batchId)).map(json -> Json.read(json, LedgerEntry.class));
    }

    /** Where an entry of a ledger (or of a staging folder laid out like one) lives. */
    public static String entryFile(String root, String batchId) {
        return Storage.join(partition(root, batchId), ENTRY_FILE);
    }

    /** The folder of one delivery in a ledger (or in a staging folder laid out like one). */
    public static String partition(String root, String batchId) {
        return Storage.join(root, BankSchema.BATCH_ID + "=" + batchId);
    }
}
