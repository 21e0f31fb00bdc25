package dev.bankml.cleaning.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the physical lines of one byte range of a file, as bytes. LF, CRLF and a lone CR all end a
 * line. A line belongs to the range that holds its first byte, so the ranges of one file share out
 * its lines exactly: none is lost or read twice, and counting the lines of each range gives every
 * line its number without reading the file twice. The reader is given a stream positioned one byte
 * before the range (at 0 for the first range) so it can tell whether the range starts on a line.
 *
 * <p>A line longer than {@code maxLineBytes} is read to its end but only its first bytes are kept
 * ({@link #truncated()}), so a file without line breaks cannot exhaust memory.
 */
public final class LineReader implements Closeable {
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final InputStream in;
    private final long end;
    private final int maxLineBytes;
    private final byte[] buf = new byte[1 << 16];
    private int bufPos;
    private int bufLen;
    /** Offset in the file of {@code buf[bufPos]}. */
    private long offset;
    private byte[] line = new byte[512];
    private int lineLength;
    private boolean truncated;
    private boolean eof;
    private boolean unterminated;

    /**
     * @param in           the file's bytes; positioned at {@code start - 1} when {@code start > 0}, else at 0
     * @param start        first byte of the range
     * @param end          end of the range (exclusive), or {@link Long#MAX_VALUE} for the rest of the file
     * @param maxLineBytes bytes kept of one line
     */
    LineReader(InputStream in, long start, long end, int maxLineBytes) throws IOException {
        this.in = in;
        this.end = end;
        this.maxLineBytes = maxLineBytes;
        if (start > 0) {
            offset = start - 1;
            int before = read();
            if (before == CR && peek() == LF) {
                read(); // inside a CRLF: the next line starts after it
            } else if (before != LF && before != CR && before != -1) {
                skipRestOfLine(); // the line in progress belongs to the previous range
            }
        }
    }

    /** Reads the next line of the range; false when the range has no more. */
    public boolean next() throws IOException {
        if (offset >= end || peek() == -1) {
            return false;
        }
        lineLength = 0;
        truncated = false;
        while (true) {
            if (bufPos == bufLen && !fill()) {
                unterminated = true;
                return true; // last line, without a line break
            }
            int i = bufPos;
            int limit = bufLen;
            byte[] b = buf;
            while (i < limit && b[i] != LF && b[i] != CR) {
                i++;
            }
            keep(bufPos, i - bufPos);
            offset += i - bufPos;
            bufPos = i;
            if (i < limit) {
                byte terminator = b[i];
                bufPos++;
                offset++;
                if (terminator == CR && peek() == LF) {
                    bufPos++;
                    offset++;
                }
                return true;
            }
        }
    }

    /** The current line's bytes (valid up to {@link #length()}), without its line break. */
    public byte[] bytes() {
        return line;
    }

    public int length() {
        return lineLength;
    }

    /**
     * Whether the file's last line, once read, had no line break after it (how a file cut short by an
     * unfinished upload usually ends).
     */
    public boolean endedWithoutLineBreak() {
        return unterminated;
    }

    /** Whether the current line was longer than the bytes kept. */
    public boolean truncated() {
        return truncated;
    }

    private void keep(int from, int n) {
        int room = maxLineBytes - lineLength;
        if (n > room) {
            truncated = true;
            n = Math.max(0, room);
        }
        if (n == 0) {
            return;
        }
        if (lineLength + n > line.length) {
            byte[] bigger = new byte[Math.min(maxLineBytes, Math.max(line.length * 2, lineLength + n))];
            System.arraycopy(line, 0, bigger, 0, lineLength);
            line = bigger;
        }
        System.arraycopy(buf, from, line, lineLength, n);
        lineLength += n;
    }

    private void skipRestOfLine() throws IOException {
        int c;
        while ((c = read()) != -1) {
            if (c == LF) {
                return;
            }
            if (c == CR) {
                if (peek() == LF) {
                    read();
                }
                return;
            }
        }
    }

    private int read() throws IOException {
        if (bufPos == bufLen && !fill()) {
            return -1;
        }
        offset++;
        return buf[bufPos++] & 0xff;
    }

    private int peek() throws IOException {
        if (bufPos == bufLen && !fill()) {
            return -1;
        }
        return buf[bufPos] & 0xff;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            eof = true;
            bufPos = 0;
            bufLen = 0;
            return false;
        }
        bufPos = 0;
        bufLen = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
