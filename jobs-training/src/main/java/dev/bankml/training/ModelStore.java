package dev.bankml.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.apache.spark.ml.PipelineModel;

import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;

/**
 * The model store: {@code <root>/<label>/runs/<run_id>/<model>/} holds a whole fitted
 * PipelineModel (encoders included) with its {@code model.json}; {@code <root>/<label>/champion.json}
 * points at the promoted one. The pointer is written last, so a run that fails before it leaves the
 * previous champion in place.
 */
public final class ModelStore {
    public static final String CHAMPION = "champion.json";

    private final Storage storage;
    private final String root;

    public ModelStore(Storage storage, String root) {
        this.storage = storage;
        this.root = storage.resolve(root);
    }

    public String labelRoot(String label) {
        return Storage.join(root, label);
    }

    public String runDir(String label, String runId, String model) {
        return "runs/" + runId + "/" + model;
    }

    /** Saves a model of a run with its descriptor; returns the descriptor. */
    public ChampionPointer save(PipelineModel model, ChampionPointer descriptor) {
        String dir = Storage.join(labelRoot(descriptor.label()), descriptor.modelDir());
        try {
            model.write().overwrite().save(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + dir + ": " + e.getMessage(), e);
        }
        storage.writeString(Storage.join(dir, "model.json"), Json.write(descriptor));
        return descriptor;
    }

    public void promote(ChampionPointer descriptor) {
        storage.writeString(Storage.join(labelRoot(descriptor.label()), CHAMPION), Json.write(descriptor));
    }

    public Optional<ChampionPointer> champion(String label) {
        return storage.readString(Storage.join(labelRoot(label), CHAMPION)).map(j -> Json.read(j, ChampionPointer.class));
    }

    /** The descriptor of the model saved by a given run (its champion at the time). */
    public ChampionPointer ofRun(String label, String runId) {
        String runs = Storage.join(labelRoot(label), "runs/" + runId);
        for (String model : storage.listFolders(runs)) {
            Optional<String> json = storage.readString(Storage.join(runs, model + "/model.json"));
            if (json.isPresent()) {
                return Json.read(json.get(), ChampionPointer.class);
            }
        }
        throw new JobConfigurationException("no model saved by run '" + runId + "' under " + runs
                + ": check --model_run (runs are the folders under " + Storage.join(labelRoot(label), "runs") + ")");
    }

    public PipelineModel load(ChampionPointer descriptor) {
        return PipelineModel.load(Storage.join(labelRoot(descriptor.label()), descriptor.modelDir()));
    }
}
