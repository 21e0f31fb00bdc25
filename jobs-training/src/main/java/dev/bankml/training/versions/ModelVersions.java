package dev.bankml.training.versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.fs.FileStatus;

import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;

/**
 * The model versions of each label, one JSON file per version ({@code <models>/<label>/versions/<run>.json}),
 * each replaced whole when an event is added (see {@link Storage#replaceAtomically}). Each file is one JSON line,
 * so the folder is a table as it is (Spark's JSON reader, Athena's JSON SerDe).
 */
public final class ModelVersions {
    static final String FOLDER = "versions";

    private final Storage storage;
    private final String root;

    /** @param modelsRoot the model store's root (the labels' folders are under it) */
    public ModelVersions(Storage storage, String modelsRoot) {
        this.storage = storage;
        this.root = storage.resolve(modelsRoot);
    }

    private String folder(String label) {
        return Storage.join(Storage.join(root, label), FOLDER);
    }

    private String file(String label, String runId) {
        return Storage.join(folder(label), runId + ".json");
    }

    /** Every version of the label, oldest first (run ids start with their UTC start time). */
    public List<ModelVersion> list(String label) {
        List<ModelVersion> out = new ArrayList<>();
        for (FileStatus f : storage.list(folder(label))) {
            String name = f.getPath().getName();
            if (f.isFile() && name.endsWith(".json") && !name.startsWith(".")) {
                storage.readString(f.getPath().toString()).map(j -> Json.read(j, ModelVersion.class)).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing(ModelVersion::runId));
        return out;
    }

    public Optional<ModelVersion> find(String label, String runId) {
        return storage.readString(file(label, runId)).map(j -> Json.read(j, ModelVersion.class));
    }

    /** Records a version as it is (a new one, or one with a new event). */
    public void save(ModelVersion v) {
        storage.replaceAtomically(file(v.label(), v.runId()), Json.writeLine(v) + "\n");
    }

    /** Adds an event to a recorded version, now; returns the version as recorded. */
    public ModelVersion record(ModelVersion v, ModelStatus status, String by, String reason) {
        ModelVersion changed = v.with(new ModelVersion.Event(Instant.now().toString(), status, by, reason));
        save(changed);
        return changed;
    }

    /** Where the versions of a label are (for messages). */
    public String location(String label) {
        return folder(label);
    }
}
