package dev.bankml.cleaning.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The content keys a delivery publishes and the history a pass looks records up in. */
class KeySetTest {

    /** A sorted table of n random keys, as a task returns it. */
    private static ContentKeys.Table table(long seed, int n) {
        ContentKeys keys = new ContentKeys();
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            keys.increment(r.nextLong(), r.nextLong());
        }
        return keys.sorted();
    }

    @Test
    void theUnionOfTablesHoldsEachKeyOnceAndFindsEveryOneOfThem() {
        ContentKeys.Table a = table(1, 5_000);
        ContentKeys.Table b = table(2, 3_000);
        KeySet set = KeySet.union(List.of(KeySet.ofTables(List.of(a, b)), KeySet.ofTables(List.of(a))));
        assertEquals(8_000, set.size());
        for (ContentKeys.Table t : List.of(a, b)) {
            for (int i = 0; i < t.size(); i++) {
                assertTrue(set.contains(t.k1()[i], t.k2()[i]));
            }
        }
        assertFalse(set.contains(a.k1()[0], a.k2()[0] + 1), "both halves of a key count");
        assertFalse(KeySet.EMPTY.contains(0, 0));
    }

    @Test
    void aKeysFileReadsBackAsTheSameSetAndADamagedOneIsRefused() {
        KeySet set = KeySet.ofTables(List.of(table(3, 1_000)));
        byte[] bytes = set.toBytes();
        assertEquals(16 + 16 * 1_000, bytes.length);
        KeySet back = KeySet.fromBytes(bytes, "keys.bin");
        assertTrue(Arrays.equals(bytes, back.toBytes()));
        IllegalArgumentException cut = assertThrows(IllegalArgumentException.class,
                () -> KeySet.fromBytes(Arrays.copyOf(bytes, 100), "ledger/batch_id=b/keys.bin"));
        assertEquals("ledger/batch_id=b/keys.bin is cut short: 100 bytes for 1000 keys", cut.getMessage());
    }
}
