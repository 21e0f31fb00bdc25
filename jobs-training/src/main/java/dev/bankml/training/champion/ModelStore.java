package dev.bankml.training.champion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.Failures;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.settings.RunSettings;

/**
 * The model store: {@code <root>/<label>/runs/<run_id>/<model>/} holds a whole fitted
 * PipelineModel (encoders included) in MLlib's layout, its {@link ModelSnapshot} (the same pipeline in one
 * file, read without a Spark job) and its {@code model.json}; {@code <root>/<label>/champion.json}
 * points at the promoted one. The pointer is written last, so a run that fails before it leaves the
 * previous champion in place.
 */
public final class ModelStore {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    public static final String CHAMPION = "champion.json";
    /** The descriptor saved beside every run's model (what the champion pointer copies). */
    public static final String MODEL_DESCRIPTOR = "model.json";
    private static final String RUNS = "runs";
    /** MLlib's metadata file of a saved pipeline: its save stamp (class, uid, time, stages). */
    static final String MLLIB_STAMP = "metadata/part-00000";

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
        storage.readString(Storage.join(dir, MLLIB_STAMP))
                .ifPresent(stamp -> ModelSnapshot.write(storage, dir, model, stamp));
        storage.writeString(Storage.join(dir, MODEL_DESCRIPTOR), Json.write(descriptor));
        return descriptor;
    }

    /**
     * In local mode (every task in this JVM) a model bound for an object store is saved to a local
     * folder and copied up file by file: MLlib saves each stage through a Hadoop output committer,
     * whose renames are copies on S3 (dozens of requests per stage, seconds each), while the copy is
     * one PUT per file. On a cluster the executors write, so the model is saved where it belongs.
     */
    private boolean savedBestLocally(PipelineModel model, String dir) throws IOException {
        SparkSession spark = SparkSession.active();
        if (!spark.sparkContext().isLocal() || dir.startsWith("file:") || !dir.contains("://")) {
            return false;
        }
        java.nio.file.Path tmp = Files.createTempDirectory("bankml-model");
        try {
            String local = tmp.resolve("model").toUri().toString();
            model.write().save(local);
            FileSystem fs = storage.fileSystem(dir);
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir);
            fs.delete(target, true);
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local), target);
            return true;
        } finally {
            try (Stream<java.nio.file.Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
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
        storage.replaceAtomically(Storage.join(labelRoot(descriptor.label()), CHAMPION), Json.write(descriptor));
    }

    /**
     * The label's champion, if one was promoted.
     *
     * @throws DamagedPointerException when the pointer exists but cannot be read (truncated, not the
     *                                 descriptor's JSON), naming the file and how to restore it
     */
    public Optional<ChampionPointer> champion(String label) {
        String pointer = Storage.join(labelRoot(label), CHAMPION);
        Optional<ChampionPointer> read;
        try {
            read = storage.readString(pointer).map(j -> Json.read(j, ChampionPointer.class));
        } catch (UncheckedIOException e) {
            // A truncated file on a local folder fails Hadoop's checksum before its JSON can be read.
            throw damaged(label, pointer, Failures.summary(Failures.rootCause(e)).replace(pointer, "the file"));
        }
        if (read.isPresent() && (read.get().runId() == null || read.get().model() == null
                || read.get().modelDir() == null || read.get().label() == null)) {
            throw damaged(label, pointer, "run_id, label, model or model_dir is missing");
        }
        return read;
    }

    private DamagedPointerException damaged(String label, String pointer, String cause) {
        String latest = latestModelDescriptor(label).map(d -> "the latest run's is " + d)
                .orElse("no run has saved a model under " + Storage.join(labelRoot(label), RUNS));
        return new DamagedPointerException("the champion pointer " + pointer + " is damaged (" + cause + "). Restore it "
                + "by copying over it the " + MODEL_DESCRIPTOR + " of the run it should name (" + latest + "), and on a "
                + "local folder delete the checksum file ." + CHAMPION + ".crc beside it; or train again (the damaged "
                + "pointer is then replaced without comparison); or score with one run's model: "
                + RunSettings.MODEL_RUN.flag() + " RUN_ID.");
    }

    /** The descriptor path of the most recent run that saved a model (run ids start with their UTC start time). */
    private Optional<String> latestModelDescriptor(String label) {
        String runs = Storage.join(labelRoot(label), RUNS);
        List<String> ids = new ArrayList<>(storage.listFolders(runs));
        ids.sort(Comparator.reverseOrder());
        for (String run : ids) {
            for (String model : storage.listFolders(Storage.join(runs, run))) {
                String descriptor = Storage.join(runs, run + "/" + model + "/" + MODEL_DESCRIPTOR);
                if (storage.exists(descriptor)) {
                    return Optional.of(descriptor);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs that saved a model, most recent first (at most {@code limit}). */
    private List<String> runsWithAModel(String label, int limit) {
        String runs = Storage.join(labelRoot(label), RUNS);
        List<String> ids = new ArrayList<>(storage.listFolders(runs));
        ids.sort(Comparator.reverseOrder());
        return ids.stream().filter(run -> storage.listFolders(Storage.join(runs, run)).stream()
                .anyMatch(m -> storage.exists(Storage.join(runs, run + "/" + m + "/" + MODEL_DESCRIPTOR)))).limit(limit)
                .toList();
    }

    /**
     * Removes the label's run folders that hold no saved model (a training run killed before it saved one),
     * except {@code currentRun}'s. Only for a run that holds the warehouse (a cycle's), so that no other training
     * run is writing its folder. Returns the folders removed.
     */
    public List<String> removeRunsWithoutAModel(String label, String currentRun) {
        String runs = Storage.join(labelRoot(label), RUNS);
        List<String> removed = new ArrayList<>();
        for (String run : storage.listFolders(runs)) {
            String dir = Storage.join(runs, run);
            if (!run.equals(currentRun) && storage.listFolders(dir).stream()
                    .noneMatch(m -> storage.exists(Storage.join(dir, m + "/" + MODEL_DESCRIPTOR)))) {
                storage.deleteRecursively(dir);
                LOG.info("Removed {}: a training run that stopped before it saved a model", dir);
                removed.add(dir);
            }
        }
        return removed;
    }

    /** The descriptor of the model saved by a given run (its champion at the time). */
    public ChampionPointer ofRun(String label, String runId) {
        String runs = Storage.join(labelRoot(label), "runs/" + runId);
        for (String model : storage.listFolders(runs)) {
            Optional<String> json = storage.readString(Storage.join(runs, model + "/" + MODEL_DESCRIPTOR));
            if (json.isPresent()) {
                return Json.read(json.get(), ChampionPointer.class);
            }
        }
        throw new JobConfigurationException("no model saved by run '" + runId + "' under " + runs
                + ": check " + RunSettings.MODEL_RUN.flag() + " (runs are the folders under " + Storage.join(labelRoot(label), "runs") + ")");
    }

    /**
     * The fitted model a descriptor names (read from storage once per JVM: {@link LoadedModels}).
     *
     * @param asChampion whether the label's champion pointer named it (rather than {@code --model_run})
     * @throws JobFailedException when its folder holds no saved model, naming the model, its run and what to do
     */
    public PipelineModel load(ChampionPointer descriptor, boolean asChampion) {
        String dir = Storage.join(labelRoot(descriptor.label()), descriptor.modelDir());
        // Checked first: MLlib's loader logs a whole stack trace before it fails on a missing folder.
        if (!storage.exists(Storage.join(dir, "metadata"))) {
            String which = asChampion
                    ? "the champion of label '" + descriptor.label() + "' (named by " + Storage.join(labelRoot(
                            descriptor.label()), CHAMPION) + ")"
                    : "the model saved by run '" + descriptor.runId() + "' (" + RunSettings.MODEL_RUN.flag() + ")";
            List<String> others = runsWithAModel(descriptor.label(), 5).stream()
                    .filter(r -> !r.equals(descriptor.runId())).toList();
            throw new JobFailedException(which + ", model " + descriptor.model() + " of training run " + descriptor.runId()
                    + ", is missing: " + dir + " holds no saved model. Train again to save and promote a new champion, "
                    + "or score with another run's model: " + RunSettings.MODEL_RUN.flag() + " RUN_ID"
                    + (others.isEmpty() ? " (no other run has saved a model)" : " (runs with a saved model: "
                            + String.join(", ", others) + ")") + ".");
        }
        return LoadedModels.load(storage, dir);
    }
}
