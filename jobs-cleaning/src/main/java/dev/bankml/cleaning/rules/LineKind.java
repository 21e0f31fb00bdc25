package dev.bankml.cleaning.rules;

/** What a physical input line is. */
public enum LineKind {
    /** A record: cleaned or quarantined. */
    DATA,
    /** Empty, or only delimiters and blanks: counted, not data. */
    BLANK,
    /** The file's header, or a repetition of it: counted, not data. */
    HEADER
}
