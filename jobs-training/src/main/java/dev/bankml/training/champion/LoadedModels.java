package dev.bankml.training.champion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.param.ParamMap;

import dev.bankml.jobs.Storage;

/**
 * The fitted models this JVM has read from the store, so that a model read again costs no read at all:
 * the champion read by the evaluate, train and score steps of a local cycle, or by test after test. On
 * Glue every job is a JVM of its own, and reads each model once anyway. A model is read from its
 * {@link ModelSnapshot} (one file, no Spark job) when it has one of its current save, else as MLlib reads
 * it (a Spark job or more per stage).
 * <p>
 * A saved model never changes in place; one saved again in the same folder carries a new save stamp in
 * MLlib's metadata file, which is part of the key, so it is read anew. Every caller gets its own copy
 * (its stages and their parameters copied; the fitted data shared, never written), so a parameter one
 * caller sets (the scoring's contributions column) is never seen by the next. At most {@link #KEPT}
 * models are kept, the least recently read dropped first.
 */
final class LoadedModels {
    static final int KEPT = 3;
    private static final Map<String, PipelineModel> MODELS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PipelineModel> eldest) {
            return size() > KEPT;
        }
    };

    private LoadedModels() {
    }

    /** The model saved in {@code dir}: read once, then copied. */
    static PipelineModel load(Storage storage, String dir) {
        Optional<String> stamp = storage.readString(Storage.join(dir, ModelStore.MLLIB_STAMP));
        if (stamp.isEmpty()) {
            return PipelineModel.load(dir); // not MLlib's layout as known: read it as MLlib reads it, every time
        }
        String key = dir + '\n' + stamp.get();
        PipelineModel model;
        synchronized (MODELS) {
            model = MODELS.get(key);
        }
        if (model == null) {
            model = ModelSnapshot.read(storage, dir, stamp.get()).orElseGet(() -> PipelineModel.load(dir));
            synchronized (MODELS) {
                MODELS.put(key, model);
            }
        }
        return model.copy(ParamMap.empty());
    }
}
