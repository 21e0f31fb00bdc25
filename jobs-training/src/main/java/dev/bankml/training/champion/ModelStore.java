package dev.bankml.training.champion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.apache.spark.ml.PipelineModel;

import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.settings.Settings;

/**
 * The model store: {@code <root>/<label>/runs/<run_id>/<model>/} holds a whole fitted
 * PipelineModel (encoders included) with its {@code model.json}; {@code <root>/<label>/champion.json}
 * points at the promoted one. The pointer is written last, so a run that fails before it leaves the
 * previous champion in place.
 */
public final class ModelStore {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelStore.class);
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
            if (savedBestLocally(model, dir)) {
                LOG.info("Saved the model locally and copied it to {}", dir);
            } else {
                model.write().overwrite().save(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model to " + dir + ": " + e.getMessage(), e);
        }
        storage.writeString(Storage.join(dir, "model.json"), Json.write(descriptor));
        return descriptor;
    }

    /**
     * In local mode (every task in this JVM) a model bound for an object store is saved to a local
     * folder and copied up file by file: MLlib saves each stage through a Hadoop output committer,
     * whose renames are copies on S3 (dozens of requests per stage, seconds each), while the copy is
     * one PUT per file. On a cluster the executors write, so the model is saved where it belongs.
     */
    private boolean savedBestLocally(PipelineModel model, String dir) throws IOException {
        org.apache.spark.sql.SparkSession spark = org.apache.spark.sql.SparkSession.active();
        if (!spark.sparkContext().isLocal() || dir.startsWith("file:") || !dir.contains("://")) {
            return false;
        }
        java.nio.file.Path tmp = java.nio.file.Files.createTempDirectory("bankml-model");
        try {
            String local = tmp.resolve("model").toUri().toString();
            model.write().save(local);
            org.apache.hadoop.fs.FileSystem fs = storage.fileSystem(dir);
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir);
            fs.delete(target, true);
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local), target);
            return true;
        } finally {
            try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Writes a file beside a saved model (its reference profile). */
    public void writeBeside(ChampionPointer descriptor, String name, String content) {
        storage.writeString(Storage.join(Storage.join(labelRoot(descriptor.label()), descriptor.modelDir()), name), content);
    }

    /** A file beside a saved model, if it is there. */
    public Optional<String> readBeside(ChampionPointer descriptor, String name) {
        return storage.readString(Storage.join(Storage.join(labelRoot(descriptor.label()), descriptor.modelDir()), name));
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
                + ": check " + Settings.MODEL_RUN.flag() + " (runs are the folders under " + Storage.join(labelRoot(label), "runs") + ")");
    }

    public PipelineModel load(ChampionPointer descriptor) {
        return PipelineModel.load(Storage.join(labelRoot(descriptor.label()), descriptor.modelDir()));
    }
}
