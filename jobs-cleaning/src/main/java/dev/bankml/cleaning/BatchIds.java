package dev.bankml.cleaning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The partition value of a source file: a readable slug of its path relative to the source root,
 * plus 8 hex digits of the path's SHA-256 so that two names with the same slug never share a
 * partition. The same file name always lands in the same partition, so re-delivering a file
 * replaces its rows, and a new file adds a partition without touching the others.
 */
public final class BatchIds {
    private BatchIds() {
    }

    public static String of(String relativePath) {
        String slug = relativePath.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(slug.length() - 60);
        }
        return (slug.isEmpty() ? "file" : slug) + "-" + sha256Hex(relativePath).substring(0, 8);
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
