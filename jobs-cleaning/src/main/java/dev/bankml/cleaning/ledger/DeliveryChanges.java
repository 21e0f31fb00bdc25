package dev.bankml.cleaning.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.cleaning.input.BatchIds;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.workflow.DeliveryKind;

/**
 * Which deliveries a run cleans: those the ledger does not have, those whose size or modification time
 * changed since, and those asked for on purpose. An unchanged delivery is not read at all, nor is one an
 * earlier run refused as it is, so a cycle with nothing new costs one listing of the folders and one of
 * the ledger. A delivery is known by its identity (its folder and path under it), wherever the
 * warehouse lives. Pure.
 */
public final class DeliveryChanges {
    /** {@code --reprocess all} cleans every delivery again. */
    public static final String ALL = "all";

    private DeliveryChanges() {
    }

    /**
     * @param files     the files listed in the source folders
     * @param ledger    the ledger's entries
     * @param reprocess {@link #ALL}, or a delivery's file name, relative path, location or batch id
     * @param roots     each kind's delivery folder as an identity (bucket and path, or absolute path): an
     *                  entry written before identities were relative is matched by its path under it
     */
    public static List<Delivery> classify(List<InputFiles.SourceFile> files, List<LedgerEntry> ledger,
                                          Optional<String> reprocess, Map<DeliveryKind, String> roots) {
        Map<String, LedgerEntry> known = new HashMap<>();
        for (LedgerEntry e : ledger) {
            if (e.legacy()) {
                Optional.ofNullable(roots.get(DeliveryKind.of(e.kind())))
                        .flatMap(root -> legacyIdentity(e, root)).ifPresent(id -> known.putIfAbsent(id, e));
            }
        }
        ledger.stream().filter(e -> !e.legacy()).forEach(e -> known.put(e.sourceFile(), e));
        List<Delivery> out = new ArrayList<>();
        for (InputFiles.SourceFile listed : files) {
            Optional<LedgerEntry> previous = Optional.ofNullable(known.get(listed.identity()));
            InputFiles.SourceFile f = previous.map(e -> listed.withBatchId(e.batchId())).orElse(listed);
            out.add(new Delivery(f, previous.map(e -> status(e, f, reprocess)).orElse(Delivery.Status.NEW), previous));
        }
        return out;
    }

    private static Delivery.Status status(LedgerEntry e, InputFiles.SourceFile f, Optional<String> reprocess) {
        boolean asRecorded = e.size() == f.length() && e.modifiedAt() == f.modifiedAt();
        LedgerEntry.Refusal r = e.refusal();
        boolean asRefused = r != null && r.size() == f.length() && r.modifiedAt() == f.modifiedAt();
        if (!asRecorded && !asRefused) {
            return Delivery.Status.CHANGED;
        }
        if (reprocess.filter(p -> matches(p, f)).isPresent()) {
            return Delivery.Status.REPROCESSED;
        }
        return asRefused ? Delivery.Status.REFUSED_EARLIER : Delivery.Status.UNCHANGED;
    }

    /**
     * The identity today of a delivery an entry written before identities were relative records by its
     * location: its path under the kind's delivery folder, found after the longest tail of that folder's
     * path that the location holds (so a warehouse moved or copied since still matches).
     */
    static Optional<String> legacyIdentity(LedgerEntry e, String rootIdentity) {
        String location = "/" + e.sourceFile();
        List<String> parts = Arrays.stream(rootIdentity.split("/")).filter(p -> !p.isEmpty()).toList();
        for (int from = 0; from < parts.size(); from++) {
            String tail = "/" + String.join("/", parts.subList(from, parts.size())) + "/";
            int at = location.indexOf(tail);
            if (at >= 0) {
                return Optional.of(BatchIds.ofDelivery(DeliveryKind.of(e.kind()), location.substring(at + tail.length())));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code --reprocess} names this delivery. */
    static boolean matches(String reprocess, InputFiles.SourceFile f) {
        String r = reprocess.strip();
        return r.equalsIgnoreCase(ALL) || r.equals(f.identity()) || r.equals(f.relative()) || r.equals(f.batchId())
                || f.identity().endsWith("/" + r) || r.endsWith(f.identity());
    }

    /** Whether {@code --reprocess} names any of the files (a name that matches none is a mistake to report). */
    public static boolean namesAny(String reprocess, List<InputFiles.SourceFile> files) {
        return files.stream().anyMatch(f -> matches(reprocess, f));
    }
}
