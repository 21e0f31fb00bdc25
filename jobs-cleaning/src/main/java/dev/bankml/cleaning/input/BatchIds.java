package dev.bankml.cleaning.input;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.apache.hadoop.fs.Path;

import dev.bankml.workflow.DeliveryKind;

/**
 * Where a source file's rows are published. In a cycle a delivery's <em>identity</em> is its delivery
 * folder and its path under it ({@code outcomes/2026-11.csv}): the same wherever the warehouse lives, so
 * a warehouse copied to another folder, bucket or account continues where it was. A file a run is
 * pointed at by hand keeps its full location without the scheme as identity ({@code bucket/key} on S3,
 * whether read as {@code s3://} or {@code s3a://}; the absolute path on a local disk), so two files named
 * alike in different folders ({@code dayA/bank.csv}, {@code dayB/bank.csv}) never share a partition,
 * however the job was pointed at them. Either way the same file delivered again replaces its own rows.
 * The partition value ({@code batch_id}) is a readable slug of the identity's last three path components
 * plus 8 hex digits of its SHA-256.
 */
public final class BatchIds {
    private BatchIds() {
    }

    /** The identity of a file: authority (bucket) and path, without the scheme. */
    public static String identityOf(Path file) {
        URI u = file.toUri();
        String authority = u.getAuthority() == null ? "" : u.getAuthority();
        return authority + u.getPath();
    }

    /** The identity of a delivery in a cycle: its delivery folder (its kind) and its path under it. */
    public static String ofDelivery(DeliveryKind folder, String relative) {
        return folder.id() + "/" + relative;
    }

    /** The partition value of a file identity (or of any path-like name). */
    public static String of(String identity) {
        String[] parts = identity.split("/");
        StringBuilder tail = new StringBuilder();
        for (int i = Math.max(0, parts.length - 3); i < parts.length; i++) {
            tail.append('/').append(parts[i]);
        }
        String slug = tail.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(slug.length() - 60).replaceAll("^_+", "");
        }
        return (slug.isEmpty() ? "file" : slug) + "-" + sha256Hex(identity).substring(0, 8);
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
