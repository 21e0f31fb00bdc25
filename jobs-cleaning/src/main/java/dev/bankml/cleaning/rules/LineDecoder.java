package dev.bankml.cleaning.rules;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.bankml.workflow.settings.ValueType;

/**
 * Turns a line's bytes into text in the input's declared encoding (UTF-8 unless {@code --encoding}
 * says otherwise), strictly: bytes that are not valid in that encoding give no text, so the line is
 * quarantined with its exact bytes instead of being silently altered with replacement characters.
 * Pure ASCII, by far the common case, takes a copy-free fast path.
 */
public final class LineDecoder {
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final boolean asciiCompatible;

    public LineDecoder(Charset charset) {
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.asciiCompatible = isAsciiCompatible(charset);
    }

    /** Whether the line breaks, delimiters and quotes are the ASCII bytes in this encoding (UTF-16 is not). */
    static boolean isAsciiCompatible(Charset charset) {
        return ValueType.isAsciiCompatible(charset);
    }

    /** The text of {@code bytes[0, length)}, or null when they are not valid in the encoding. */
    public String decode(byte[] bytes, int length) {
        if (asciiCompatible && isAscii(bytes, length)) {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A readable rendering of bytes that did not decode: replacement characters where they fail. */
    public String lenient(byte[] bytes, int length) {
        return new String(bytes, 0, length, charset);
    }

    Charset charset() {
        return charset;
    }

    private static boolean isAscii(byte[] b, int length) {
        for (int i = 0; i < length; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
