package dev.bankml.training.versions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.fs.FileStatus;

import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.StorageLayout;

/**
 * The model versions of every label, one JSON file per version ({@code <models>/versions/<label>-<run>.json}),
 * each replaced whole when an event is added (see {@link Storage#replaceAtomically}). Each file is one JSON
 * line and the folder holds nothing else, so it is a table as it is (the catalog's {@code model_versions}:
 * Spark's JSON reader, Athena's JSON SerDe).
 */
public final class ModelVersions {
    private final Storage storage;
    private final String folder;

    /** @param modelsRoot the model store's root (the versions folder is under it) */
    public ModelVersions(Storage storage, String modelsRoot) {
        this.storage = storage;
        this.folder = Storage.join(storage.resolve(modelsRoot), StorageLayout.MODEL_VERSIONS_FOLDER);
    }

    private String file(String label, String runId) {
        return Storage.join(folder, label + "-" + runId + ".json");
    }

    /** Every version of every label, oldest first (by when it was trained, then by run). */
    public List<ModelVersion> all() {
        List<ModelVersion> out = new ArrayList<>();
        for (FileStatus f : storage.list(folder)) {
            String name = f.getPath().getName();
            if (f.isFile() && name.endsWith(".json") && !name.startsWith(".")) {
                storage.readString(f.getPath().toString()).map(j -> Json.read(j, ModelVersion.class)).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparing((ModelVersion v) -> v.training().at()).thenComparing(ModelVersion::runId));
        return out;
    }

    /** Every version of the label, oldest first. */
    public List<ModelVersion> list(String label) {
        return all().stream().filter(v -> v.label().equals(label)).toList();
    }

    public Optional<ModelVersion> find(String label, String runId) {
        return storage.readString(file(label, runId)).map(j -> Json.read(j, ModelVersion.class));
    }

    /**
     * The challenger of the label's champion: the newest candidate that may score leads (a model waiting for
     * a person's approval), scored in the shadow of the champion until it is approved or rejected.
     *
     * @param championRunId the champion's run, if any (never its own challenger)
     */
    public Optional<ModelVersion> challenger(String label, Optional<String> championRunId) {
        List<ModelVersion> all = list(label);
        for (int i = all.size() - 1; i >= 0; i--) {
            ModelVersion v = all.get(i);
            if (v.status() == ModelStatus.CANDIDATE && v.preCall() && championRunId.filter(v.runId()::equals).isEmpty()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Records a version as it is (a new one, or one with a new event). */
    public void save(ModelVersion v) {
        storage.replaceAtomically(file(v.label(), v.runId()), Json.writeLine(v) + "\n");
    }

    /** Adds an event to a recorded version, now; returns the version as recorded. */
    public ModelVersion record(ModelVersion v, ModelStatus status, String who, String reason) {
        ModelVersion changed = v.with(new ModelVersion.Event(Instant.now().toString(), status, who, reason));
        save(changed);
        return changed;
    }

    /** Where the versions are (for messages). */
    public String location() {
        return folder;
    }
}
