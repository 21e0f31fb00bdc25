package dev.bankml.cleaning;

import java.util.Iterator;
import java.util.Map;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import dev.bankml.jobs.BankSchema;

/**
 * Applies {@link RecordRules} to raw lines, with each line's file layout: one output row per input
 * line, holding its kind, its reasons, and its typed values.
 */
final class LineClassifier implements MapPartitionsFunction<Row, Row> {
    private static final String[] NO_REASONS = new String[0];
    private final Map<String, FileLayout> layouts;

    LineClassifier(Map<String, FileLayout> layouts) {
        this.layouts = Map.copyOf(layouts);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> lines) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public Row next() {
                return classify(lines.next());
            }
        };
    }

    Row classify(Row line) {
        String source = line.getString(0);
        long number = line.getLong(1);
        String raw = line.getString(2);
        FileLayout layout = layouts.get(source);
        if (layout == null) {
            throw new IllegalStateException("no layout for source file " + source);
        }
        String text = FileLayout.stripBom(raw);
        if (number == 1) {
            return row(source, number, raw, layout.batchId(), LineKind.HEADER, NO_REASONS, null);
        }
        DelimitedLine fields = DelimitedLine.split(text, layout.delimiter());
        if (fields.isBlank() && !fields.unbalancedQuote()) {
            return row(source, number, raw, layout.batchId(), LineKind.BLANK, NO_REASONS, null);
        }
        if (layout.isHeaderRepeat(fields)) {
            return row(source, number, raw, layout.batchId(), LineKind.HEADER, NO_REASONS, null);
        }
        RecordRules.Outcome outcome = RecordRules.apply(fields, layout);
        return row(source, number, raw, layout.batchId(), LineKind.DATA,
                outcome.reasons().toArray(String[]::new), outcome.values());
    }

    private static Row row(String source, long number, String raw, String batch, LineKind kind, String[] reasons,
                           Object[] values) {
        int n = BankSchema.COLUMNS.size();
        Object[] out = new Object[6 + n];
        out[0] = source;
        out[1] = number;
        out[2] = raw;
        out[3] = batch;
        out[4] = kind.name();
        out[5] = reasons;
        if (values != null) {
            System.arraycopy(values, 0, out, 6, n);
        }
        return RowFactory.create(out);
    }
}
