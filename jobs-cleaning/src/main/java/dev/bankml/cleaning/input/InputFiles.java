package dev.bankml.cleaning.input;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.workflow.DeliveryKind;

/**
 * The files one cleaning run reads, each with the layout read from its header.
 *
 * @param root       the resolved source location (a file or a folder; the first, with several sources)
 * @param files      one per non-empty file, in path order
 * @param layouts    the layout of each of {@code files}, same order
 * @param emptyFiles identities of files with no bytes at all (no header, no rows)
 * @param refused    files whose header cannot be used, set aside (in a cycle; elsewhere such a file stops
 *                   the run)
 */
public record InputFiles(String root, List<SourceFile> files, List<FileLayout> layouts, List<String> emptyFiles,
                         List<Refused> refused) {

    /** A file set aside before the pass: its header cannot be used. */
    public record Refused(SourceFile file, Refusal refusal) {
    }

    /**
     * One input file.
     *
     * @param identity   its identity: in a cycle its delivery folder and its path under it
     *                   ({@code outcomes/2026-11.csv}), elsewhere its location (see {@link BatchIds})
     * @param relative   its path relative to the source root (its name when the source is the file):
     *                   what record ids are made of, so they do not change when the tree moves
     * @param path       its full path, as the file system reads it
     * @param length     its size in bytes
     * @param compressed whether a codec decompresses it (then it cannot be split)
     * @param modifiedAt its modification time (ms since the epoch): with the size, what tells an unchanged delivery
     * @param kind       the kind of delivery: its rows go to that kind's table
     * @param batchId    the partition value of its rows: from its identity, or the one its ledger entry has
     */
    public record SourceFile(String identity, String relative, String path, long length, boolean compressed,
                             long modifiedAt, DeliveryKind kind, String batchId) implements Serializable {

        /** The same file published under the partition its ledger entry names. */
        public SourceFile withBatchId(String batch) {
            return new SourceFile(identity, relative, path, length, compressed, modifiedAt, kind, batch);
        }

        /** The same file cleaned as another kind of delivery (a lead file routed to the outcomes). */
        public SourceFile as(DeliveryKind other) {
            return new SourceFile(identity, relative, path, length, compressed, modifiedAt, other, batchId);
        }
    }

    public InputFiles {
        files = List.copyOf(files);
        layouts = List.copyOf(layouts);
        emptyFiles = List.copyOf(emptyFiles);
        refused = List.copyOf(refused);
    }

    /** The file of a batch id, as this run cleans it (its kind after any routing). */
    public Optional<SourceFile> file(String batchId) {
        return files.stream().filter(f -> f.batchId().equals(batchId)).findFirst();
    }

    public Map<String, FileLayout> layoutsBySource() {
        return layouts.stream().collect(Collectors.toMap(FileLayout::sourceFile, Function.identity()));
    }

    /** Every batch id of this run, including those of files that turn out to hold no valid row. */
    public List<String> batchIds() {
        return layouts.stream().map(FileLayout::batchId).distinct().sorted().toList();
    }

    /** Whether any file of the run is a lead delivery (to score: the label is not there). */
    public boolean hasLeads() {
        return files.stream().anyMatch(f -> !f.kind().labelled());
    }

    public long totalBytes() {
        return files.stream().mapToLong(SourceFile::length).sum();
    }
}
