package dev.bankml.training.inference;

import java.util.Optional;

import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.versions.ModelStatus;
import dev.bankml.training.versions.ModelVersion;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.workflow.settings.RunSettings;

/**
 * Which model may write the contact list: the label's champion (the pointer only ever names an approved
 * version), or the model of a named run when that run's version is the approved one. A candidate, a
 * rejected or a retired version never does (a candidate is scored in the shadow instead); a run saved
 * before versions were recorded has no status, and scores as it always did.
 */
final class ContactListModel {
    private ContactListModel() {
    }

    /**
     * @return the model, or empty when the label has no champion yet
     * @throws JobConfigurationException when the named run's version may not write the contact list, or it saved
     *                                   no model; nothing is scored then
     */
    static Optional<ChampionPointer> of(Storage storage, InferenceConfig config, ModelStore store) {
        if (config.modelRun().isEmpty()) {
            return store.champion(config.label());
        }
        String run = config.modelRun().get();
        Optional<ModelVersion> version = new ModelVersions(storage, config.modelPath()).find(config.label(), run);
        if (version.isPresent() && version.get().status() != ModelStatus.APPROVED) {
            ModelVersion.Event last = version.get().last();
            throw new JobConfigurationException("version " + run + " is " + last.status().id() + " (by " + last.who()
                    + " at " + last.at() + "): only the approved version writes the contact list, never a candidate, "
                    + "a rejected or a retired one (nothing was scored). " + (last.status() == ModelStatus.CANDIDATE
                    ? "While it waits a cycle scores the new leads with it in the shadow; approve it to score with it."
                    : "Approving it again (a rollback) makes it the champion.") + " Without "
                    + RunSettings.MODEL_RUN.flag() + " the champion scores.");
        }
        return Optional.of(store.ofRun(config.label(), run));
    }
}
