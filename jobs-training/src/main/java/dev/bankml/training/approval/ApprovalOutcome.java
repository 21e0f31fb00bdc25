package dev.bankml.training.approval;

import java.util.Optional;

import dev.bankml.training.versions.ModelVersion;

/**
 * What one approval run did.
 *
 * @param version  the version decided about, as recorded now (its last event is the decision)
 * @param replaced the champion an approval retired, when it had a version record
 * @param message  what happened, in one line
 */
public record ApprovalOutcome(String runId, String label, ModelVersion version, Optional<ModelVersion> replaced,
                              String message) {
}
