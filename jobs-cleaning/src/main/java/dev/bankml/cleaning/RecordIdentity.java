package dev.bankml.cleaning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The identity of a valid record. Its <em>content key</em> is a 128-bit hash of its typed values
 * (what makes two records duplicates, whatever their spelling in the file: case, blanks, quotes,
 * month names); its {@code record_id} is 32 hex digits of SHA-256 over the source file's identity,
 * the typed values and the record's occurrence number among identical records of that file. So
 * re-runs give the same ids, and inserting a line elsewhere in a file does not change them.
 * One instance per task: it reuses its buffers.
 */
final class RecordIdentity {
    private static final char SEPARATOR = '\u001f';
    private static final char NULL = '\u0000';
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder canonical = new StringBuilder(256);
    private final MessageDigest sha256;
    private byte[] content = new byte[0];
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
        canonical.setLength(0);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                canonical.append(SEPARATOR);
            }
            Object v = values[i];
            if (v == null) {
                canonical.append(NULL);
            } else {
                canonical.append(v);
            }
        }
        content = canonical.toString().getBytes(StandardCharsets.UTF_8);
        long[] h = MurmurHash3.hash128x64(content, 0, content.length, 0x62616e6b);
        key1 = h[0];
        key2 = h[1];
    }

    long key1() {
        return key1;
    }

    long key2() {
        return key2;
    }

    /** The record id of the current record as the {@code occurrence}-th (from 0) of its content in its file. */
    String recordId(byte[] fileIdentity, int occurrence) {
        sha256.reset();
        sha256.update(fileIdentity);
        sha256.update((byte) SEPARATOR);
        sha256.update(content);
        sha256.update((byte) SEPARATOR);
        sha256.update(Integer.toString(occurrence).getBytes(StandardCharsets.US_ASCII));
        byte[] d = sha256.digest();
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[2 * i] = HEX[(d[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(out);
    }

    /** The first 64 bits of an id, for the uniqueness check. */
    static long prefix(String recordId) {
        return Long.parseUnsignedLong(recordId.substring(0, 16), 16);
    }
}
