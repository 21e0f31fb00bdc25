package dev.bankml.cleaning.rules;

/**
 * Stable reason codes of the quarantine. Column-specific reasons are written {@code CODE:column}
 * (e.g. {@code NOT_AN_INTEGER:age}); a row may carry several.
 */
public enum RejectReason {
    /** Fewer fields than the file's header names. */
    TOO_FEW_FIELDS,
    /** More fields than the file's header names. */
    TOO_MANY_FIELDS,
    /** A quoted field not closed on its line. */
    UNBALANCED_QUOTE,
    /** A required value is empty (or a missing-value marker such as NA, null, ?). */
    MISSING_VALUE,
    /** Not a whole number, or too large for a 32-bit integer. */
    NOT_AN_INTEGER,
    /** A whole number outside the column's plausible range. */
    OUT_OF_RANGE,
    /** A yes/no column holding something else. */
    NOT_YES_NO,
    /** Not a month name or abbreviation. */
    INVALID_MONTH,
    /** Bytes that are not valid in the input's encoding (UTF-8 unless --encoding says otherwise). */
    INVALID_ENCODING,
    /** A line longer than the limit (the quarantine keeps its first bytes only). */
    LINE_TOO_LONG,
    /** A bank value longer than any real one can be. */
    FIELD_TOO_LONG,
    /** The same record already appeared earlier in the same file ({@code --duplicates quarantine}). */
    DUPLICATE_RECORD,
    /**
     * The same record was published by an earlier delivery of the same kind (another file: a record sent
     * again; {@code --duplicates quarantine}).
     */
    DUPLICATE_ACROSS_DELIVERIES;

    public String forColumn(String column) {
        return name() + ":" + column;
    }
}
