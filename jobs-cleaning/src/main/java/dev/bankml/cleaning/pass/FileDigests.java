package dev.bankml.cleaning.pass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.InputSplit;

/**
 * The content digest of each file of a run, from the digests its splits took while the pass read
 * them: a file read whole by one task gets the SHA-256 of its bytes ({@code sha256:<hex>}); a file cut
 * into N ranges gets the SHA-256 of its ranges' digests in order ({@code sha256-of-N-ranges:<hex>}).
 * No byte is read for it beyond what the cleaning pass reads anyway. Pure.
 */
public final class FileDigests {
    /** The digest of a file with no bytes. */
    public static final String EMPTY_FILE = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private FileDigests() {
    }

    /** Batch id → {@code scheme:hex} of every file with splits in {@code results}. */
    public static Map<String, String> of(List<SplitResult> results, List<InputSplit> splits, InputFiles input) {
        Map<Integer, List<SplitResult>> byFile = new TreeMap<>();
        for (SplitResult r : results) {
            byFile.computeIfAbsent(splits.get(r.splitId).fileIndex(), f -> new ArrayList<>()).add(r);
        }
        Map<String, String> out = new TreeMap<>();
        byFile.forEach((file, parts) -> {
            parts.sort(Comparator.comparingInt(r -> splits.get(r.splitId).indexInFile()));
            String batch = input.files().get(file).batchId();
            if (parts.size() == 1) {
                out.put(batch, "sha256:" + parts.get(0).digest);
            } else {
                StringBuilder all = new StringBuilder();
                parts.forEach(p -> all.append(p.digest).append('\n'));
                out.put(batch, "sha256-of-" + parts.size() + "-ranges:" + sha256(all.toString()));
            }
        });
        return out;
    }

    /** The hex part of {@code scheme:hex}. */
    public static String digest(String schemeAndHex) {
        return schemeAndHex.substring(schemeAndHex.indexOf(':') + 1);
    }

    /** The scheme part of {@code scheme:hex}. */
    public static String scheme(String schemeAndHex) {
        return schemeAndHex.substring(0, schemeAndHex.indexOf(':'));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
