package dev.bankml.cleaning.pass;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A set of content keys (the 128-bit hashes of records' typed values; see {@link RecordIdentity}) as two
 * sorted arrays, 16 bytes a key: the records one delivery published, written beside its ledger entry, and
 * the union of those of every published delivery of a kind, which the pass looks each record up in to
 * find the records published before by another delivery. Immutable.
 */
public final class KeySet implements Serializable {
    /** The first bytes of a keys file: the format and its version. */
    private static final long MAGIC = 0x62616e6b6b657931L; // "bankkey1"
    public static final KeySet EMPTY = new KeySet(new long[0], new long[0]);

    private final long[] k1;
    private final long[] k2;
    /** The hash index of the keys, built where the set is used (not shipped with it). */
    private transient volatile int[] slots;

    private KeySet(long[] k1, long[] k2) {
        this.k1 = k1;
        this.k2 = k2;
    }

    public int size() {
        return k1.length;
    }

    /**
     * Whether key (a, b) is in the set: a look-up in a hash index over the sorted keys, built once where the
     * set is first asked (a few cache misses a look-up, where a binary search over a large set makes twenty).
     */
    public boolean contains(long a, long b) {
        if (k1.length == 0) {
            return false;
        }
        int[] s = slots();
        int mask = s.length - 1;
        for (int j = (int) a & mask; s[j] != 0; j = (j + 1) & mask) {
            int i = s[j] - 1;
            if (k1[i] == a && k2[i] == b) {
                return true;
            }
        }
        return false;
    }

    private int[] slots() {
        int[] s = slots;
        if (s == null) {
            synchronized (this) {
                if (slots == null) {
                    slots = index();
                }
                s = slots;
            }
        }
        return s;
    }

    /** Open addressing on the low bits of the first half (a hash already): slot → position + 1, 0 when empty. */
    private int[] index() {
        int[] s = new int[Integer.highestOneBit(Math.max(1, k1.length)) * 4];
        int mask = s.length - 1;
        for (int i = 0; i < k1.length; i++) {
            int j = (int) k1[i] & mask;
            while (s[j] != 0) {
                j = (j + 1) & mask;
            }
            s[j] = i + 1;
        }
        return s;
    }

    /** The distinct keys of some tables (each sorted, as tasks return them). */
    public static KeySet ofTables(Collection<ContentKeys.Table> tables) {
        return union(tables.stream().map(t -> new KeySet(t.k1(), t.k2())).toList());
    }

    /** The union of some sets: their sorted arrays merged two by two. */
    public static KeySet union(Collection<KeySet> sets) {
        List<KeySet> runs = new ArrayList<>(sets);
        if (runs.isEmpty()) {
            return EMPTY;
        }
        while (runs.size() > 1) {
            List<KeySet> next = new ArrayList<>();
            for (int i = 0; i < runs.size(); i += 2) {
                next.add(i + 1 < runs.size() ? merge(runs.get(i), runs.get(i + 1)) : runs.get(i));
            }
            runs = next;
        }
        return runs.get(0);
    }

    /** Two sorted sets merged, each key once. */
    private static KeySet merge(KeySet x, KeySet y) {
        int n = x.size() + y.size();
        long[] a = new long[n];
        long[] b = new long[n];
        int i = 0;
        int j = 0;
        int m = 0;
        while (i < x.size() || j < y.size()) {
            boolean fromX = j == y.size() || (i < x.size() && compare(x, i, y, j) <= 0);
            KeySet s = fromX ? x : y;
            int at = fromX ? i++ : j++;
            if (m == 0 || a[m - 1] != s.k1[at] || b[m - 1] != s.k2[at]) {
                a[m] = s.k1[at];
                b[m] = s.k2[at];
                m++;
            }
        }
        return new KeySet(Arrays.copyOf(a, m), Arrays.copyOf(b, m));
    }

    private static int compare(KeySet x, int i, KeySet y, int j) {
        int c = Long.compare(x.k1[i], y.k1[j]);
        return c != 0 ? c : Long.compare(x.k2[i], y.k2[j]);
    }

    /** The set as the bytes of a keys file: a magic number, the count, then each key's two halves. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(16 + 16 * k1.length);
        out.putLong(MAGIC).putLong(k1.length);
        for (int i = 0; i < k1.length; i++) {
            out.putLong(k1[i]).putLong(k2[i]);
        }
        return out.array();
    }

    /**
     * A set from the bytes of a keys file.
     *
     * @throws IllegalArgumentException when the bytes are not a keys file (named by {@code what})
     */
    public static KeySet fromBytes(byte[] bytes, String what) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 16 || in.getLong() != MAGIC) {
            throw new IllegalArgumentException(what + " is not a content keys file");
        }
        long n = in.getLong();
        if (n < 0 || 16 + 16 * n != bytes.length) {
            throw new IllegalArgumentException(what + " is cut short: " + bytes.length + " bytes for " + n + " keys");
        }
        long[] a = new long[(int) n];
        long[] b = new long[(int) n];
        for (int i = 0; i < n; i++) {
            a[i] = in.getLong();
            b[i] = in.getLong();
        }
        return new KeySet(a, b);
    }
}
