package dev.bankml.cleaning.rules;

/** What to do with a record identical to an earlier record of the same file. */
public enum DuplicatePolicy {
    /** Keep it in the cleaned output (with its own record id); only count it. */
    KEEP,
    /** Quarantine it with reason {@code DUPLICATE_RECORD}; the first occurrence stays cleaned. */
    QUARANTINE
}
