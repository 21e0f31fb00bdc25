package dev.bankml.training.versions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.ModelStore;

/**
 * A person's decision about a model version, carried out. Approving moves the label's champion pointer
 * to the version (one atomic replacement: a crash leaves the old champion or the new, never neither),
 * then records the approval on the version and the retirement of the champion it replaces; rejecting
 * records the rejection. The pointer is the truth about who is champion: {@link #reconcile} completes
 * the records an interrupted approval left behind.
 */
public final class Approval {
    /** Who recorded an event the system itself completed. */
    static final String RECOVERY = "recovery";

    private final ModelStore store;
    private final ModelVersions versions;
    private final List<String> labels;

    /** @param labels every label that may hold versions (to name another label's version) */
    public Approval(ModelStore store, ModelVersions versions, List<String> labels) {
        this.store = store;
        this.versions = versions;
        this.labels = List.copyOf(labels);
    }

    /**
     * Makes {@code runId} the champion of {@code label}.
     *
     * @param preCallHow what to change to get a model that may score leads (for the refusal)
     * @throws JobConfigurationException naming why the version cannot be approved; nothing is changed then
     */
    public ModelVersion approve(String label, String runId, String by, String reason, String preCallHow) {
        reconcile(label);
        Optional<String> champion = store.champion(label).map(ChampionPointer::runId);
        ApprovalRules.whyNotApprove(label, runId, byLabel(), champion, preCallHow).ifPresent(why -> {
            throw new JobConfigurationException(why);
        });
        ModelVersion v = versions.find(label, runId).orElseThrow();
        boolean rollback = v.status() == ModelStatus.RETIRED;
        store.promote(store.ofRun(label, runId));
        ModelVersion approved = versions.record(v, ModelStatus.APPROVED, by, (rollback ? "rollback: " : "") + reason);
        champion.flatMap(r -> versions.find(label, r)).ifPresent(previous ->
                versions.record(previous, ModelStatus.RETIRED, by, "replaced by " + runId + ": " + reason));
        return approved;
    }

    /**
     * Records that {@code runId} is turned down.
     *
     * @throws JobConfigurationException naming why it cannot be rejected; nothing is changed then
     */
    public ModelVersion reject(String label, String runId, String by, String reason) {
        reconcile(label);
        Optional<String> champion = store.champion(label).map(ChampionPointer::runId);
        ApprovalRules.whyNotReject(label, runId, byLabel(), champion).ifPresent(why -> {
            throw new JobConfigurationException(why);
        });
        return versions.record(versions.find(label, runId).orElseThrow(), ModelStatus.REJECTED, by, reason);
    }

    /**
     * Makes the records agree with the pointer after an interrupted approval: the version the pointer
     * names is approved, any other version still marked approved is retired.
     */
    public void reconcile(String label) {
        Optional<String> champion = store.champion(label).map(ChampionPointer::runId);
        for (ModelVersion v : versions.list(label)) {
            boolean isChampion = champion.filter(v.runId()::equals).isPresent();
            if (isChampion && v.status() != ModelStatus.APPROVED) {
                versions.record(v, ModelStatus.APPROVED, RECOVERY, "the champion pointer names it: its approval was "
                        + "interrupted before it was recorded");
            } else if (!isChampion && v.status() == ModelStatus.APPROVED) {
                versions.record(v, ModelStatus.RETIRED, RECOVERY, "the champion pointer names "
                        + champion.orElse("no version") + ": the end of its replacement was not recorded");
            }
        }
    }

    private Map<String, List<ModelVersion>> byLabel() {
        Map<String, List<ModelVersion>> out = new LinkedHashMap<>();
        labels.forEach(l -> out.put(l, versions.list(l)));
        return out;
    }
}
