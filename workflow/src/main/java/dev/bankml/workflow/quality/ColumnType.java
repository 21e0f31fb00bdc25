package dev.bankml.workflow.quality;

/** How a raw text value of a bank column is validated and typed. */
public enum ColumnType {
    /** A whole number that must fit a 32-bit int and the column's range. */
    INTEGER,
    /** Free categorical text, trimmed and lower-cased. */
    CATEGORY,
    /** {@code yes} or {@code no}, typed as a boolean. */
    YES_NO,
    /** A month name, typed as its three-letter lower-case abbreviation {@code jan..dec}. */
    MONTH
}
