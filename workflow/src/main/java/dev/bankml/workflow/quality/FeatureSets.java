package dev.bankml.workflow.quality;

/**
 * Which columns a model may read, by when the bank knows them ({@link BankColumn.Known}): the choices
 * of the training job's {@code --features}.
 */
public final class FeatureSets {
    private FeatureSets() {
    }

    /** Only what the bank knows before it dials: the models that may score leads (the default). */
    public static final String PRE_CALL = "pre_call";
    /** Every column, those known only after the call included: analysis models, which never score leads. */
    public static final String ALL = "all";
}
