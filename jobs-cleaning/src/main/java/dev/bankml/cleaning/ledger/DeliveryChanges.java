package dev.bankml.cleaning.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.jobs.LedgerEntry;

/**
 * Which deliveries a run cleans: those the ledger does not have, those whose size or modification time
 * changed since, and those asked for on purpose. An unchanged delivery is not read at all, so a cycle
 * with nothing new costs one listing of the folders and one of the ledger. Pure.
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
     */
    public static List<Delivery> classify(List<InputFiles.SourceFile> files, List<LedgerEntry> ledger,
                                          Optional<String> reprocess) {
        Map<String, LedgerEntry> known = ledger.stream()
                .collect(Collectors.toMap(LedgerEntry::sourceFile, Function.identity(), (a, b) -> b));
        List<Delivery> out = new ArrayList<>();
        for (InputFiles.SourceFile f : files) {
            Optional<LedgerEntry> previous = Optional.ofNullable(known.get(f.identity()));
            Delivery.Status status;
            if (previous.isEmpty()) {
                status = Delivery.Status.NEW;
            } else if (previous.get().size() != f.length() || previous.get().modifiedAt() != f.modifiedAt()) {
                status = Delivery.Status.CHANGED;
            } else if (reprocess.filter(r -> matches(r, f)).isPresent()) {
                status = Delivery.Status.REPROCESSED;
            } else {
                status = Delivery.Status.UNCHANGED;
            }
            out.add(new Delivery(f, status, previous));
        }
        return out;
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
