package dev.bankml.cleaning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.cleaning.input.InputSplit;
import dev.bankml.cleaning.pass.ContentKeys;
import dev.bankml.cleaning.pass.KeySet;
import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.jobs.DeliveryLedger;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.settings.RunSettings;

/**
 * The content keys of the records each delivery published, kept beside its ledger entry
 * ({@code <ledger>/batch_id=<b>/keys.bin}, 16 bytes a distinct record) and published with it: the union of
 * those of a kind is the history a new delivery's records are looked up in (a record found there was
 * published before by another delivery). Deliveries cleaned before the keys were kept have none until
 * they are cleaned again ({@code --reprocess all}).
 */
final class PublishedKeys {
    private static final Logger LOG = LoggerFactory.getLogger(PublishedKeys.class);
    /** The keys file in each of the ledger's partitions. */
    static final String FILE = "keys.bin";

    private PublishedKeys() {
    }

    /**
     * Kind → the keys of every published delivery of that kind, except those this run cleans again (their
     * partitions are being replaced), for the kinds this run cleans.
     */
    static Map<String, KeySet> history(Storage storage, String ledger, List<LedgerEntry> entries,
                                       Set<DeliveryKind> kinds, Set<String> cleanedNow) {
        Map<String, List<KeySet>> byKind = new TreeMap<>();
        int without = 0;
        for (LedgerEntry e : entries) {
            if (!e.published() || cleanedNow.contains(e.batchId()) || !kinds.contains(DeliveryKind.of(e.kind()))) {
                continue;
            }
            String file = keysFile(ledger, e.batchId());
            var bytes = storage.readBytes(file);
            if (bytes.isEmpty()) {
                without++;
                continue;
            }
            byKind.computeIfAbsent(e.kind(), k -> new ArrayList<>()).add(KeySet.fromBytes(bytes.get(), file));
        }
        if (without > 0) {
            LOG.info("{} published deliveries have no content keys (cleaned before they were kept): their records "
                    + "are not looked up; {} all rebuilds them", without, RunSettings.REPROCESS.flag());
        }
        return byKind.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> KeySet.union(e.getValue()),
                (a, b) -> a, TreeMap::new));
    }

    /** The keys of one delivery's records, from the tables its splits returned. */
    static KeySet of(String batch, List<SplitResult> results, List<InputSplit> splits, List<String> batchOfFile) {
        List<ContentKeys.Table> tables = new ArrayList<>();
        for (SplitResult r : results) {
            if (batchOfFile.get(splits.get(r.splitId).fileIndex()).equals(batch)) {
                tables.add(r.keys);
            }
        }
        return KeySet.ofTables(tables);
    }

    static String keysFile(String ledgerRoot, String batch) {
        return Storage.join(DeliveryLedger.partition(ledgerRoot, batch), FILE);
    }
}
