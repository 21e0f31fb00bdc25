package dev.bankml.workflow.settings;

import static dev.bankml.workflow.settings.JobKind.APPROVAL;

import java.util.List;

import dev.bankml.workflow.settings.Setting.Scope;

/**
 * A person's decision about a model version, given when the approval job starts (locally {@code
 * bin/pipeline approve|reject RUN}): who decides, why, and what. The version is {@link RunSettings#MODEL_RUN}.
 * Scope {@link Setting.Scope#RUN}.
 */
public final class ApprovalSettings {
    private ApprovalSettings() {
    }

    /** Make the version the champion (approving a retired one is a rollback). */
    public static final String APPROVE = "approve";
    /** Turn the version down: it never scores leads. */
    public static final String REJECT = "reject";

    public static final Setting<String> DECISION = Setting.builder("decision", Scope.RUN,
                    ValueType.choice(List.of(APPROVE, REJECT)))
            .byDefault(APPROVE)
            .help(APPROVE + ": the version becomes the champion that scores leads (a retired one: a rollback); "
                    + REJECT + ": it is turned down")
            .readBy(APPROVAL)
            .build();
    public static final Setting<String> BY = Setting.builder("by", Scope.RUN,
                    ValueType.text("(?s)\\s*\\S.{0,199}", false, "a name (1-200 characters)", "NAME"))
            .help("who decides (recorded with the decision)")
            .requiredBy(APPROVAL, null)
            .build();
    public static final Setting<String> REASON = Setting.builder("reason", Scope.RUN,
                    ValueType.text("(?s)\\s*\\S.{0,999}", false, "a reason (1-1000 characters)", "TEXT"))
            .help("why (recorded with the decision): the evidence read, e.g. the shadow's record")
            .requiredBy(APPROVAL, null)
            .build();

    /** This file's settings, in order: what {@link Settings} registers. */
    static final List<Setting<?>> ALL = List.of(DECISION, BY, REASON);
}
