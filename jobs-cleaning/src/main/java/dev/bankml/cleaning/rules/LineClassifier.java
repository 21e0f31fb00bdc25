package dev.bankml.cleaning.rules;

import java.util.List;

/**
 * Applies the rules to one physical line of a file: the file's header (line 1) and its repetitions,
 * blank lines, lines that cannot be read (not valid in the encoding, too long), and data lines, which
 * {@link RecordRules} types or rejects ({@link PlainLineRules} for plain ASCII lines, with the same
 * outcome). No Spark, no I/O; one instance per task and file.
 */
public final class LineClassifier {
    private static final List<String> INVALID_ENCODING = List.of(RejectReason.INVALID_ENCODING.name());
    private static final List<String> LINE_TOO_LONG = List.of(RejectReason.LINE_TOO_LONG.name());

    private final FileLayout layout;
    private final int[] positions;
    private final PlainLineRules plain;

    public LineClassifier(FileLayout layout) {
        this.layout = layout;
        this.positions = RecordRules.positions(layout);
        this.plain = new PlainLineRules(layout);
    }

    /**
     * @param lineNumber number of the line in its file (1 = the header)
     * @param text       the line decoded, or null when its bytes are not valid in the input's encoding
     * @param truncated  whether the line was longer than the limit (then {@code text} is its beginning)
     */
    public ClassifiedLine classify(long lineNumber, String text, boolean truncated) {
        if (lineNumber == 1) {
            return ClassifiedLine.HEADER;
        }
        if (truncated) {
            return new ClassifiedLine(LineKind.DATA, null, LINE_TOO_LONG);
        }
        if (text == null) {
            return new ClassifiedLine(LineKind.DATA, null, INVALID_ENCODING);
        }
        if (PlainLineRules.applies(text)) {
            ClassifiedLine c = plain.classify(text);
            if (c != null) {
                return c;
            }
        }
        DelimitedLine fields = DelimitedLine.split(FileLayout.stripBom(text), layout.delimiter());
        if (fields.isBlank() && !fields.unbalancedQuote()) {
            return ClassifiedLine.BLANK;
        }
        if (layout.isHeaderRepeat(fields)) {
            return ClassifiedLine.HEADER;
        }
        RecordRules.Outcome outcome = RecordRules.apply(fields, layout, positions);
        return new ClassifiedLine(LineKind.DATA, outcome.values(), outcome.reasons());
    }
}
