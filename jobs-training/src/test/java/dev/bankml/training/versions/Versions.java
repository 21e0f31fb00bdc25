package dev.bankml.training.versions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Model store fixtures without Spark: a saved model's descriptor and its version record, as plain files. */
public final class Versions {
    private Versions() {
    }

    /** A version of {@code label} trained in {@code run}, with its descriptor and one event, saved. */
    public static ModelVersion saved(Path models, ModelVersions versions, String label, String run,
                                     List<String> afterCall, ModelStatus status) throws IOException {
        descriptor(models, label, run);
        ModelVersion v = of(label, run, afterCall).with(new ModelVersion.Event("2026-01-01T00:00:00Z", status,
                "quality gate", "passed"));
        versions.save(v);
        return v;
    }

    /** The {@code model.json} of a model saved by {@code run} (what the store reads and the pointer copies). */
    public static void descriptor(Path models, String label, String run) throws IOException {
        Path model = models.resolve(label + "/runs/" + run + "/xgboost");
        Files.createDirectories(model);
        Files.writeString(model.resolve("model.json"), "{\"run_id\": \"" + run + "\", \"label\": \"" + label
                + "\", \"model\": \"xgboost\", \"model_dir\": \"runs/" + run + "/xgboost\", \"threshold\": 0.5, "
                + "\"features\": [\"age\"], \"excluded_features\": []}");
    }

    /** A version with no event yet (trained at the same instant as every other: they sort by run). */
    public static ModelVersion of(String label, String run, List<String> afterCall) {
        return new ModelVersion(run, label, "xgboost", new ModelVersion.Inputs(List.of("age"), afterCall),
                new ModelVersion.Training("2026-01-01T00:00:00Z", "bank",
                        List.of(new ModelVersion.Delivery("jan", "outcomes/jan.csv", "jan@c1", 80)), 64),
                ModelVersion.TestFigures.of(0.8, 0.7, 0.1, 0.5, 16), new ModelVersion.Gate(true, "first"), List.of());
    }

    /** Every file of the versions folder with its content, to compare before and after. */
    public static String folder(Path models) {
        Path folder = models.resolve("versions");
        if (!Files.isDirectory(folder)) {
            return "";
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().map(f -> f.getFileName() + "\n" + read(f)).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
