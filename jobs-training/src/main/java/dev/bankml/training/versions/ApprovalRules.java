package dev.bankml.training.versions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.bankml.workflow.settings.DeploymentSettings;

/**
 * What a person may decide about a model version, and, when they may not, the one line that says why.
 * Pure: the versions of every label and the champion's run in, a refusal or nothing out.
 */
public final class ApprovalRules {
    private ApprovalRules() {
    }

    /**
     * Why {@code runId} may not become the champion of {@code label}, or empty when it may: it must be a
     * version of that label, read no column known only after the call, not be rejected, and not be the
     * champion already.
     *
     * @param byLabel   every label's versions
     * @param champion  the run the label's champion pointer names, if any
     * @param preCallHow what to do to get a model that may score leads (the setting to change)
     */
    public static Optional<String> whyNotApprove(String label, String runId, Map<String, List<ModelVersion>> byLabel,
                                                 Optional<String> champion, String preCallHow) {
        Optional<String> unknown = unknown(label, runId, byLabel, "approve");
        if (unknown.isPresent()) {
            return unknown;
        }
        ModelVersion v = find(label, runId, byLabel).orElseThrow();
        if (!v.preCall()) {
            return Optional.of("version " + runId + " reads " + String.join(", ", v.inputs().afterCall()) + ", known only after "
                    + "the call: it cannot score leads. " + preCallHow);
        }
        if (champion.filter(runId::equals).isPresent()) {
            return Optional.of("version " + runId + " is the champion of label '" + label + "' already");
        }
        if (v.status() == ModelStatus.REJECTED) {
            ModelVersion.Event e = v.last(ModelStatus.REJECTED).orElseThrow();
            return Optional.of("version " + runId + " was rejected by " + e.who() + " at " + e.at() + " (" + e.reason()
                    + "); a rejected version is not approved: train again, or approve another version");
        }
        return Optional.empty();
    }

    /** Why {@code runId} may not be rejected, or empty when it may: a known version that is not the champion. */
    public static Optional<String> whyNotReject(String label, String runId, Map<String, List<ModelVersion>> byLabel,
                                                Optional<String> champion) {
        Optional<String> unknown = unknown(label, runId, byLabel, "reject");
        if (unknown.isPresent()) {
            return unknown;
        }
        if (champion.filter(runId::equals).isPresent()) {
            return Optional.of("version " + runId + " is the champion of label '" + label + "': approve another version "
                    + "first (a rollback to an earlier one, or a candidate), then reject it");
        }
        if (find(label, runId, byLabel).orElseThrow().status() == ModelStatus.REJECTED) {
            return Optional.of("version " + runId + " is rejected already");
        }
        return Optional.empty();
    }

    private static Optional<String> unknown(String label, String runId, Map<String, List<ModelVersion>> byLabel,
                                            String verb) {
        if (find(label, runId, byLabel).isPresent()) {
            return Optional.empty();
        }
        Optional<String> other = byLabel.entrySet().stream().filter(e -> !e.getKey().equals(label))
                .filter(e -> e.getValue().stream().anyMatch(v -> v.runId().equals(runId))).map(Map.Entry::getKey)
                .findFirst();
        if (other.isPresent()) {
            return Optional.of("version " + runId + " predicts '" + other.get() + "', not '" + label + "': it cannot "
                    + verb + " for label '" + label + "' (give " + DeploymentSettings.LABEL.flag() + " " + other.get()
                    + " to " + verb + " it there)");
        }
        List<ModelVersion> known = byLabel.getOrDefault(label, List.of());
        return Optional.of("no model version '" + runId + "' for label '" + label + "'; "
                + (known.isEmpty() ? "it has none yet: train one first"
                        : "its versions are " + known.stream().map(v -> v.runId() + " (" + v.status().id() + ")")
                                .collect(Collectors.joining(", "))));
    }

    private static Optional<ModelVersion> find(String label, String runId, Map<String, List<ModelVersion>> byLabel) {
        return byLabel.getOrDefault(label, List.of()).stream().filter(v -> v.runId().equals(runId)).findFirst();
    }
}
