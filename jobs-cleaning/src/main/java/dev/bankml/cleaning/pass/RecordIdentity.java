package dev.bankml.cleaning.pass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The identity of a valid record. Its <em>content key</em> is a 128-bit hash of its typed values
 * (what makes two records duplicates, whatever their spelling in the file: case, blanks, quotes,
 * month names); its {@code record_id} is 32 hex digits of SHA-256 over the source file's path
 * relative to the source root (its name when the source is a single file), the typed values and the
 * record's occurrence number among identical records of that file. So re-runs give the same ids,
 * inserting a line elsewhere in a file does not change them, and neither does moving the files to
 * another folder or bucket (the training split, drawn from the ids, stays the same).
 * One instance per task: it reuses its buffers.
 */
final class RecordIdentity {
    private static final char SEPARATOR = '\u001f';
    private static final char NULL = '\u0000';
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final MessageDigest sha256;
    /** The canonical content of the current record: its values as text, separated, nulls marked. */
    private byte[] content = new byte[256];
    private int length;
    private byte[] digest;
    private long key1;
    private long key2;

    RecordIdentity() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Sets the record whose key and id are asked next: its typed values in bank-column order. */
    void of(Object[] values) {
        length = 0;
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                put((byte) SEPARATOR);
            }
            Object v = values[i];
            if (v == null) {
                put((byte) NULL);
            } else if (v instanceof Integer n) {
                putInt(n);
            } else if (v instanceof Boolean b) {
                putAscii(b ? "true" : "false");
            } else {
                putString((String) v);
            }
        }
        long[] h = MurmurHash3.hash128x64(content, 0, length, 0x62616e6b);
        key1 = h[0];
        key2 = h[1];
    }

    private void put(byte b) {
        ensure(1);
        content[length++] = b;
    }

    private void putString(String s) {
        ensure(s.length());
        int start = length;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // not ASCII: its UTF-8 bytes
                length = start;
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, content, length, utf8.length);
                length += utf8.length;
                return;
            }
            content[length++] = (byte) c;
        }
    }

    private void putAscii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            content[length++] = (byte) s.charAt(i);
        }
    }

    private void putInt(int n) {
        ensure(11);
        if (n == Integer.MIN_VALUE) {
            putAscii("-2147483648");
            return;
        }
        if (n < 0) {
            content[length++] = '-';
            n = -n;
        }
        int start = length;
        do {
            content[length++] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n > 0);
        for (int i = start, j = length - 1; i < j; i++, j--) {
            byte t = content[i];
            content[i] = content[j];
            content[j] = t;
        }
    }

    private void ensure(int more) {
        if (length + more > content.length) {
            content = Arrays.copyOf(content, Math.max(content.length * 2, length + more));
        }
    }

    long key1() {
        return key1;
    }

    long key2() {
        return key2;
    }

    /**
     * The record id of the current record as the {@code occurrence}-th (from 0) of its content in its
     * file: 32 lower-case hex digits, as ASCII bytes.
     */
    byte[] recordId(byte[] filePath, int occurrence) {
        // sha256(path, hex(sha256(content)), occurrence): the formula of the ids already published.
        sha256.reset();
        sha256.update(content, 0, length);
        byte[] contentHash = sha256.digest();
        sha256.reset();
        sha256.update(filePath);
        sha256.update((byte) SEPARATOR);
        for (byte b : contentHash) {
            sha256.update((byte) HEX[(b >> 4) & 0xf]);
            sha256.update((byte) HEX[b & 0xf]);
        }
        sha256.update((byte) SEPARATOR);
        sha256.update(Integer.toString(occurrence).getBytes(StandardCharsets.US_ASCII));
        digest = sha256.digest();
        byte[] out = new byte[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = (byte) HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = (byte) HEX[digest[i] & 0xf];
        }
        return out;
    }

    /** The first 64 bits of the last record id computed, for the uniqueness check. */
    long idPrefix() {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (digest[i] & 0xff);
        }
        return p;
    }

    /** The first 64 bits of an id, for the uniqueness check. */
    static long prefix(String recordId) {
        return Long.parseUnsignedLong(recordId.substring(0, 16), 16);
    }
}
