package dev.bankml.cleaning.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of the bytes of one byte range of a file, {@code [from, to)}, taken as the cleaning pass
 * reads them: a stream filter that hashes the bytes of the range that pass through it, whatever is
 * read before or after it. {@link #finish} reads the rest of the range if the reader stopped short,
 * so the digest is exact; the file is read once either way.
 */
public final class RangeDigest extends FilterInputStream {
    private final long to;
    private final long from;
    private final MessageDigest sha256;
    private long position;
    private long hashed;

    /**
     * @param in       the raw bytes of the file, at {@code position}
     * @param position the offset of the stream's next byte in the file
     * @param from     first byte hashed
     * @param to       end of the range hashed (exclusive; {@link Long#MAX_VALUE}: to the end of the file)
     */
    RangeDigest(InputStream in, long position, long from, long to) {
        super(in);
        this.position = position;
        this.from = from;
        this.to = to;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            if (position >= from && position < to) {
                sha256.update((byte) b);
                hashed++;
            }
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            long lo = Math.max(position, from);
            long hi = Math.min(position + n, to);
            if (hi > lo) {
                sha256.update(b, off + (int) (lo - position), (int) (hi - lo));
                hashed += hi - lo;
            }
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    /** Reads what is left of the range (none, usually) and returns the range's SHA-256 as hex. */
    public String finish() throws IOException {
        byte[] scratch = new byte[1 << 16];
        while (position < to && read(scratch, 0, (int) Math.min(scratch.length, to - position)) >= 0) {
            // hashed by read
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** How many bytes were hashed. */
    public long hashedBytes() {
        return hashed;
    }
}
