package dev.bankml.training.versions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.DamagedPointerException;
import dev.bankml.training.champion.ModelStore;

/**
 * A decision about a model version, carried out. Approving moves the label's champion pointer to the
 * version (one atomic replacement: a crash leaves the old champion or the new, never neither), then
 * records the approval on the version and the retirement of the champion it replaces; rejecting records
 * the rejection. The pointer is the truth about who is champion: {@link #reconcile} completes the records
 * an interrupted approval left behind. A person decides through {@link #approve} and {@link #reject}; with
 * {@code --approval auto} the quality gate approves through {@link #install}.
 */
public final class Approval {
    /** Who recorded an event the system itself completed. */
    public static final String RECOVERY = "recovery";

    private final ModelStore store;
    private final ModelVersions versions;

    public Approval(ModelStore store, ModelVersions versions) {
        this.store = store;
        this.versions = versions;
    }

    /**
     * Makes {@code runId} the champion of {@code label}: a person's approval (of a retired version: a rollback).
     *
     * @param preCallHow what to change to get a model that may score leads (for the refusal)
     * @return the version as approved, and the champion it replaced
     * @throws JobConfigurationException naming why the version cannot be approved; nothing is changed then
     */
    public Decision approve(String label, String runId, String who, String reason, String preCallHow) {
        reconcile(label);
        Optional<String> champion = readableChampion(label);
        ApprovalRules.whyNotApprove(label, runId, byLabel(), champion, preCallHow).ifPresent(why -> {
            throw new JobConfigurationException(why);
        });
        ModelVersion v = versions.find(label, runId).orElseThrow();
        String recorded = (v.status() == ModelStatus.RETIRED ? "rollback: " : "") + reason;
        return install(store.ofRun(label, runId), v, who, recorded);
    }

    /**
     * Makes a recorded version the champion without a person's rules (the quality gate's approval, or a
     * checked one): the pointer first, then the records.
     */
    public Decision install(ChampionPointer descriptor, ModelVersion v, String who, String reason) {
        Optional<String> previous = readableChampion(v.label()).filter(r -> !r.equals(v.runId()));
        store.promote(descriptor);
        ModelVersion approved = versions.record(v, ModelStatus.APPROVED, who, reason);
        Optional<ModelVersion> retired = previous.flatMap(r -> versions.find(v.label(), r)).map(p ->
                versions.record(p, ModelStatus.RETIRED, who, "replaced by " + v.runId() + ": " + reason));
        return new Decision(approved, retired);
    }

    /**
     * Records that {@code runId} is turned down.
     *
     * @throws JobConfigurationException naming why it cannot be rejected; nothing is changed then
     */
    public Decision reject(String label, String runId, String who, String reason) {
        reconcile(label);
        Optional<String> champion = store.champion(label).map(ChampionPointer::runId);
        ApprovalRules.whyNotReject(label, runId, byLabel(), champion).ifPresent(why -> {
            throw new JobConfigurationException(why);
        });
        return new Decision(versions.record(versions.find(label, runId).orElseThrow(), ModelStatus.REJECTED, who,
                reason), Optional.empty());
    }

    /**
     * What a decision changed.
     *
     * @param version  the version decided about, as recorded now
     * @param replaced the champion an approval retired, if it had a record
     */
    public record Decision(ModelVersion version, Optional<ModelVersion> replaced) {
    }

    /**
     * Makes the records agree with the pointer after an interrupted approval: the version the pointer
     * names is approved, any other version still marked approved is retired.
     */
    public void reconcile(String label) {
        Optional<String> champion;
        try {
            champion = store.champion(label).map(ChampionPointer::runId);
        } catch (DamagedPointerException e) {
            return; // nothing to agree with until an approval (or a training) writes the pointer whole again
        }
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

    /**
     * The champion's run, or none when the pointer is damaged: approving the version it should name writes
     * it whole again.
     */
    private Optional<String> readableChampion(String label) {
        try {
            return store.champion(label).map(ChampionPointer::runId);
        } catch (DamagedPointerException e) {
            return Optional.empty();
        }
    }

    /** Every label's versions (to name another label's version when one is asked for). */
    private Map<String, List<ModelVersion>> byLabel() {
        Map<String, List<ModelVersion>> out = new LinkedHashMap<>();
        versions.all().forEach(v -> out.computeIfAbsent(v.label(), l -> new ArrayList<>()).add(v));
        return out;
    }
}
