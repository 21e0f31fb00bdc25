package dev.bankml.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.LocalSettings;

/**
 * Where {@code bin/pipeline} finds things: the repository (defaults resolve against it, paths a person
 * gives against the current folder), the sample, the warehouse, and the workflow laid out over it.
 */
final class RunnerPaths {
    static final String DEFAULT_INPUT = "data/sample/bank.csv";
    static final String DEFAULT_WAREHOUSE = "warehouse";

    private RunnerPaths() {
    }

    /** The repository root (bin/pipeline passes it). */
    static Path projectRoot() {
        return Path.of(System.getProperty("bankml.project.root", ".")).toAbsolutePath().normalize();
    }

    static Path sampleInput() {
        return projectRoot().resolve(DEFAULT_INPUT);
    }

    /** The warehouse folder (always local: it also holds the local catalog). */
    static Path warehouse(GlueArgs args) {
        return args.find(RunnerSettings.WAREHOUSE).map(w -> Path.of(w).toAbsolutePath())
                .orElseGet(() -> projectRoot().resolve(DEFAULT_WAREHOUSE));
    }

    /** The local catalog's folder in the warehouse. */
    static Path catalog(GlueArgs args) {
        return warehouse(args).resolve("_catalog");
    }

    /** Where the buckets are: folders of the warehouse, or one bucket of an S3-compatible server. */
    static StorageLayout layout(GlueArgs given) {
        return given.has(LocalSettings.S3_ENDPOINT)
                ? StorageLayout.underOneRoot("s3a://" + given.get(RunnerSettings.S3_BUCKET))
                : StorageLayout.underOneRoot(warehouse(given).toString());
    }

    /** The workflow over {@link #layout}, with the deployment settings given. */
    static WorkflowDefinition workflow(GlueArgs given) {
        return WorkflowDefinition.of(layout(given), RunnerOptions.deploymentValues(given));
    }

    /** The workflow over the local warehouse folder, with the deployment settings given. */
    static WorkflowDefinition localWorkflow(GlueArgs given) {
        return WorkflowDefinition.of(StorageLayout.underOneRoot(warehouse(given).toString()),
                RunnerOptions.deploymentValues(given));
    }

    /**
     * The files of an input: the file itself, or the visible files of a folder, sorted.
     *
     * @throws JobConfigurationException when it does not exist or holds no file
     */
    static List<Path> inputFiles(Path input) {
        if (!Files.exists(input)) {
            throw new JobConfigurationException(RunnerSettings.INPUT.flag() + " " + input + " does not exist");
        }
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> s = Files.list(input)) {
            List<Path> files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
            if (files.isEmpty()) {
                throw new JobConfigurationException(RunnerSettings.INPUT.flag() + " " + input + " holds no file");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
