package dev.bankml.training;

import java.util.List;

import dev.bankml.jobs.LedgerEntry;
import dev.bankml.training.candidates.ModelResult;
import dev.bankml.training.champion.ChampionPointer;
import dev.bankml.training.champion.GateDecision;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.features.FeatureSet;
import dev.bankml.training.versions.Approval;
import dev.bankml.training.versions.ModelStatus;
import dev.bankml.training.versions.ModelVersion;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.workflow.settings.TrainingSettings;

/**
 * What a training run does with the model it saved: records it as a model version (what it reads, the
 * deliveries and rows it learnt from, its test figures, the gate's decision), then as the approval setting
 * says. A model the gate turns down is rejected by the gate; one that passes is approved by the gate and
 * becomes the champion ({@code --approval auto}), or waits as a candidate for a person's approval, scored
 * in the shadow of the champion, with the pointer left where it is ({@code --approval manual}).
 */
final class ModelRelease {
    /** Who records the gate's decisions. */
    static final String QUALITY_GATE = "quality gate";

    private ModelRelease() {
    }

    /**
     * The gate's decision as the approval setting carries it out (pure): with {@code --approval manual} a model
     * that passes is not promoted, it waits as a candidate.
     */
    static GateDecision decide(GateDecision gate, boolean manual) {
        return manual && gate.promoted() ? gate.heldForApproval("a candidate, scored in the shadow of the champion "
                + "until a person approves or rejects it (" + TrainingSettings.APPROVAL.flag() + " " + TrainingSettings.MANUAL
                + ")") : gate;
    }

    /**
     * Records the run's version and carries out the decision ({@link #decide}): the pointer moves (last) only
     * when the decision promotes.
     *
     * @param version    the run's version, before any decision ({@link #version})
     * @param descriptor its saved model's descriptor (what the pointer names when it is approved)
     */
    static void release(ModelStore store, ModelVersions versions, ModelVersion version, ChampionPointer descriptor,
                        GateDecision decided) {
        Approval approval = new Approval(store, versions);
        approval.reconcile(version.label()); // an approval interrupted earlier is completed first
        if (!decided.passed()) {
            versions.save(version.with(event(version, ModelStatus.REJECTED, decided.reason())));
            return;
        }
        ModelVersion candidate = version.with(event(version, ModelStatus.CANDIDATE, decided.reason()));
        versions.save(candidate);
        if (decided.promoted()) {
            approval.install(descriptor, candidate, QUALITY_GATE, TrainingSettings.APPROVAL.flag() + " "
                    + TrainingSettings.AUTO + ": " + decided.reason());
        }
    }

    private static ModelVersion.Event event(ModelVersion v, ModelStatus status, String reason) {
        return new ModelVersion.Event(v.training().at(), status, QUALITY_GATE, reason);
    }

    /**
     * The version of the run's saved model, before any decision.
     *
     * @param outcomes the ledger's outcome deliveries the run read (empty without a ledger)
     */
    static ModelVersion version(TrainingConfig config, ChampionPointer descriptor, ModelResult champion,
                                GateDecision gate, List<LedgerEntry> outcomes) {
        List<ModelVersion.Delivery> deliveries = outcomes.stream().filter(e -> e.published() && e.rowsWritten() > 0)
                .map(e -> new ModelVersion.Delivery(e.batchId(), e.sourceFile(), e.version(), e.rowsWritten())).toList();
        return new ModelVersion(descriptor.runId(), descriptor.label(), descriptor.model(),
                new ModelVersion.Inputs(descriptor.features(), FeatureSet.afterCall(descriptor.features())),
                new ModelVersion.Training(descriptor.createdAt(), config.source().describe(), deliveries,
                        descriptor.trainRows()),
                ModelVersion.TestFigures.of(champion.test().aucRoc(), champion.test().aucPr(),
                        champion.calibration().after().brier(), champion.test().threshold(), champion.test().rows()),
                new ModelVersion.Gate(gate.passed(), gate.reason()), List.of());
    }
}
