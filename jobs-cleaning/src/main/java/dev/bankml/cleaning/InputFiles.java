package dev.bankml.cleaning;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files one cleaning run reads, each with the layout read from its header.
 *
 * @param root       the resolved source location (a file or a folder)
 * @param layouts    one per non-empty file, in path order
 * @param fullPaths  source file name (relative to root) → full path
 * @param emptyFiles files with no bytes at all (no header, no rows)
 */
public record InputFiles(String root, List<FileLayout> layouts, Map<String, String> fullPaths, List<String> emptyFiles) {

    public InputFiles {
        layouts = List.copyOf(layouts);
        fullPaths = Map.copyOf(fullPaths);
        emptyFiles = List.copyOf(emptyFiles);
    }

    public Map<String, FileLayout> layoutsBySource() {
        return layouts.stream().collect(Collectors.toMap(FileLayout::sourceFile, Function.identity()));
    }

    /** Every batch id of this run, including those of files that turn out to hold no valid row. */
    public List<String> batchIds() {
        return layouts.stream().map(FileLayout::batchId).distinct().sorted().toList();
    }
}
