package dev.bankml.training.champion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.UncheckedIOException;
import java.util.Optional;

import org.apache.spark.ml.PipelineModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.Storage;

/**
 * A saved model's snapshot: the whole fitted pipeline in one file ({@value #FILE}) beside MLlib's
 * folders, read with one file read and no Spark job. MLlib's loader runs a Spark job for each stage's
 * metadata and two for each stage's data (24 for the champion's pipeline: about a second in a warm JVM,
 * several on a cluster's cold executors), in every job that reads the model (evaluate, train's quality
 * gate, score). MLlib's layout stays the model's durable format: the snapshot carries MLlib's save stamp
 * and is used only when the stamp still matches (a model saved again in the same folder is read anew); a
 * snapshot that is missing (a model saved before snapshots existed, a run killed between the two writes)
 * or that this build cannot read is passed over, and the model read as MLlib reads it.
 * <p>
 * The snapshot is Java serialization, which is how Spark itself ships a fitted model to the executors:
 * written and read by the same job jar, from the pipeline's own bucket. Reading it trusts the model store
 * as much as MLlib's reader does (its metadata names the classes it instantiates): whoever can write there
 * can replace the model either way.
 */
final class ModelSnapshot {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSnapshot.class);
    static final String FILE = "pipeline.snapshot";
    private static final String FORMAT = "bankml-pipeline-snapshot/1";

    private ModelSnapshot() {
    }

    /** Writes {@code model}'s snapshot into {@code dir}, where MLlib saved it with save stamp {@code stamp}. */
    static void write(Storage storage, String dir, PipelineModel model, String stamp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(FORMAT);
            out.writeObject(stamp);
            out.writeObject(model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the model saved in " + dir + ": " + e.getMessage(), e);
        }
        storage.writeBytes(Storage.join(dir, FILE), bytes.toByteArray());
    }

    /** The model in {@code dir}'s snapshot, if there is one of the save stamped {@code stamp} that this build reads. */
    static Optional<PipelineModel> read(Storage storage, String dir, String stamp) {
        String path = Storage.join(dir, FILE);
        Optional<byte[]> bytes;
        try {
            bytes = storage.readBytes(path);
        } catch (UncheckedIOException e) {
            LOG.warn("{} cannot be read ({}): reading MLlib's format", path, e.getMessage());
            return Optional.empty();
        }
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ContextClassLoaderInput(new ByteArrayInputStream(bytes.get()))) {
            if (!FORMAT.equals(in.readObject()) || !stamp.equals(in.readObject())) {
                LOG.info("{} is not the snapshot of the model saved there now: reading MLlib's format", path);
                return Optional.empty();
            }
            return Optional.of((PipelineModel) in.readObject());
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            LOG.warn("{} cannot be read by this build ({}): reading MLlib's format", path, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Resolves classes through the thread's context class loader, which sees the job jar under
     * spark-submit and Glue (the default resolution uses the loader of the nearest caller on the stack).
     */
    private static final class ContextClassLoaderInput extends ObjectInputStream {
        ContextClassLoaderInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default resolution (primitive types and the caller's loader)
                }
            }
            return super.resolveClass(desc);
        }
    }
}
