package dev.bankml.training.versions;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a model version stands. A version that passes the quality gate is a candidate; a person (or,
 * with {@code --approval auto}, the gate itself) approves it, and it becomes the champion, the one
 * version per label that scores leads; the champion it replaces is retired. A version the gate or a
 * person turns down is rejected. Approving a retired version is a rollback.
 */
public enum ModelStatus {
    /** Passed the gate, waiting for approval; scored in the shadow of the champion, never for the contact list. */
    CANDIDATE,
    /** The champion: scores the leads. */
    APPROVED,
    /** Turned down, by the gate or by a person. */
    REJECTED,
    /** A former champion, replaced by a later approval. */
    RETIRED;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ModelStatus of(String id) {
        return valueOf(id.strip().toUpperCase(Locale.ROOT));
    }
}
