package dev.bankml.cleaning.pass;

import java.io.Serializable;

/**
 * How many times each content key (a 128-bit hash of a record's typed values) occurs: an
 * open-addressing hash table over primitive arrays, about 24 bytes a key, so one task can count the
 * keys of millions of rows without boxing. {@link #sorted()} exports the counts as a {@link Table}
 * sorted by key, which the driver merges across splits and files.
 */
public final class ContentKeys {
    private long[] k1;
    private long[] k2;
    private int[] counts;
    private int mask;
    private int size;

    ContentKeys() {
        allocate(1 << 12);
    }

    private void allocate(int capacity) {
        k1 = new long[capacity];
        k2 = new long[capacity];
        counts = new int[capacity];
        mask = capacity - 1;
        size = 0;
    }

    /** Adds one occurrence of a key; returns how many times it occurred before. */
    int increment(long a, long b) {
        int i = slot(a, b);
        int before = counts[i];
        if (before == 0) {
            k1[i] = a;
            k2[i] = b;
            if (++size * 4 > counts.length * 3) {
                counts[i] = 1;
                grow();
                return 0;
            }
        }
        counts[i] = before + 1;
        return before;
    }

    /** How many times a key occurred (0 if never). */
    int get(long a, long b) {
        return counts[slot(a, b)];
    }

    public int size() {
        return size;
    }

    private int slot(long a, long b) {
        int i = (int) (a ^ (a >>> 32) ^ b) & mask;
        while (counts[i] != 0 && (k1[i] != a || k2[i] != b)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] oldK1 = k1;
        long[] oldK2 = k2;
        int[] oldCounts = counts;
        int n = size;
        allocate(oldCounts.length * 2);
        for (int j = 0; j < oldCounts.length; j++) {
            if (oldCounts[j] != 0) {
                int i = slot(oldK1[j], oldK2[j]);
                k1[i] = oldK1[j];
                k2[i] = oldK2[j];
                counts[i] = oldCounts[j];
            }
        }
        size = n;
    }

    /** The keys and their counts, sorted by key. */
    Table sorted() {
        long[] a = new long[size];
        long[] b = new long[size];
        int[] c = new int[size];
        int n = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] != 0) {
                a[n] = k1[j];
                b[n] = k2[j];
                c[n] = counts[j];
                n++;
            }
        }
        Table t = new Table(a, b, c);
        t.sort(0, n - 1);
        return t;
    }

    /** Distinct keys with their counts, sorted by (k1, k2); compact for shipping from a task to the driver. */
    public record Table(long[] k1, long[] k2, int[] counts) implements Serializable {
        static final Table EMPTY = new Table(new long[0], new long[0], new int[0]);

        public int size() {
            return counts.length;
        }

        /** Whether entry i sorts before key (a, b). */
        public int compare(int i, long a, long b) {
            int c = Long.compare(k1[i], a);
            return c != 0 ? c : Long.compare(k2[i], b);
        }

        /** Binary search: the count of key (a, b), or 0. */
        public int countOf(long a, long b) {
            int lo = 0;
            int hi = counts.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = compare(mid, a, b);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return counts[mid];
                }
            }
            return 0;
        }

        private void sort(int lo, int hi) {
            while (hi - lo > 16) {
                int mid = (lo + hi) >>> 1;
                long pa = k1[mid];
                long pb = k2[mid];
                int i = lo;
                int j = hi;
                while (i <= j) {
                    while (compare(i, pa, pb) < 0) {
                        i++;
                    }
                    while (compare(j, pa, pb) > 0) {
                        j--;
                    }
                    if (i <= j) {
                        swap(i++, j--);
                    }
                }
                if (j - lo < hi - i) {
                    sort(lo, j);
                    lo = i;
                } else {
                    sort(i, hi);
                    hi = j;
                }
            }
            for (int i = lo + 1; i <= hi; i++) {
                for (int j = i; j > lo && compare(j - 1, k1[j], k2[j]) > 0; j--) {
                    swap(j - 1, j);
                }
            }
        }

        private void swap(int i, int j) {
            long t = k1[i];
            k1[i] = k1[j];
            k1[j] = t;
            t = k2[i];
            k2[i] = k2[j];
            k2[j] = t;
            int c = counts[i];
            counts[i] = counts[j];
            counts[j] = c;
        }
    }
}
