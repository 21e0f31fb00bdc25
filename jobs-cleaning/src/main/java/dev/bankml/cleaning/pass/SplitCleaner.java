package dev.bankml.cleaning.pass;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import dev.bankml.cleaning.input.InputSplit;
import dev.bankml.cleaning.input.LineReader;
import dev.bankml.cleaning.input.RawInput;
import dev.bankml.cleaning.rules.ClassifiedLine;
import dev.bankml.cleaning.rules.DuplicatePolicy;
import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.cleaning.rules.LineClassifier;
import dev.bankml.cleaning.rules.LineDecoder;
import dev.bankml.cleaning.rules.RejectReason;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Storage;

/**
 * The cleaning pass over one split, run as one Spark task: read each line once, classify it, and
 * write it straight to the staged cleaned file or the staged quarantine file of its partition, while
 * counting everything the run report and the data-quality checks need. Nothing is cached and nothing
 * is read twice. In {@link Mode#SCAN} it writes nothing and only counts lines and content keys: the
 * driver runs that first over files cut into several splits, to number their lines and to find
 * duplicates that cross split boundaries.
 */
public final class SplitCleaner implements FlatMapFunction<Iterator<InputSplit>, SplitResult> {
    /** What a task does with its split. */
    public enum Mode { SCAN, CLEAN }

    /**
     * What every task of one pass needs to know.
     *
     * @param files     file index → the file as the tasks read it
     * @param rules     how lines become rows
     * @param stage     where the rows are staged
     * @param firstLine split id → number of its first line, for files cut in several splits
     * @param earlier   split id → occurrences of its content keys in earlier splits of the same file
     */
    public record Plan(Map<Integer, PlannedFile> files, Rules rules, Stage stage, Map<Integer, Long> firstLine,
                       Map<Integer, ContentKeys.Table> earlier) implements Serializable {
    }

    /**
     * One file of the pass.
     *
     * @param layout     its layout
     * @param recordPath the path record ids are made of (relative to the source root)
     * @param kind       the kind of delivery it is cleaned as: the history its records are looked up in
     */
    public record PlannedFile(FileLayout layout, String recordPath, String kind) implements Serializable {
    }

    /**
     * @param encoding   the input's character set
     * @param policy     what to do with repeated records
     * @param exportKeys whether to return each split's content keys (duplicates across files, the keys a
     *                   delivery publishes)
     */
    public record Rules(String encoding, DuplicatePolicy policy, boolean exportKeys) implements Serializable {
    }

    /**
     * @param cleaned  staging folder of the cleaned table (CLEAN mode)
     * @param rejected staging folder of the quarantine (CLEAN mode)
     * @param runId    the run, part of every staged file name
     */
    public record Stage(String cleaned, String rejected, String runId) implements Serializable {
    }

    private final Mode mode;
    private final Plan plan;
    private final Broadcast<SerializableWritable<Configuration>> hadoop;
    /** Kind → the keys of the records published by earlier deliveries of that kind (null: none looked up). */
    private final Broadcast<Map<String, KeySet>> history;

    public SplitCleaner(Mode mode, Plan plan, Broadcast<SerializableWritable<Configuration>> hadoop,
                        Broadcast<Map<String, KeySet>> history) {
        this.mode = mode;
        this.plan = plan;
        this.hadoop = hadoop;
        this.history = history;
    }

    @Override
    public Iterator<SplitResult> call(Iterator<InputSplit> splits) throws IOException {
        List<SplitResult> out = new ArrayList<>();
        while (splits.hasNext()) {
            out.add(process(splits.next()));
        }
        return out.iterator();
    }

    private SplitResult process(InputSplit split) throws IOException {
        Configuration conf = hadoop.value().value();
        PlannedFile file = plan.files().get(split.fileIndex());
        FileLayout layout = file.layout();
        SplitResult result = new SplitResult(split.id());
        LineClassifier classifier = new LineClassifier(layout);
        LineDecoder decoder = new LineDecoder(Charset.forName(plan.rules().encoding()));
        RecordIdentity identity = new RecordIdentity();
        byte[] recordPath = file.recordPath().getBytes(StandardCharsets.UTF_8);
        KeySet published = mode == Mode.CLEAN && history != null
                ? history.value().getOrDefault(file.kind(), KeySet.EMPTY) : KeySet.EMPTY;
        ContentKeys keys = new ContentKeys();
        ContentKeys.Table earlier = plan.earlier().getOrDefault(split.id(), ContentKeys.Table.EMPTY);
        long lineNumber = firstLineNumber(split);
        long[] ids = new long[1024];
        int idCount = 0;
        StagedWriters writers = mode == Mode.CLEAN ? new StagedWriters(conf, split, layout) : null;
        RawInput.DigestedSplit input = RawInput.openDigesting(conf, split);
        try (LineReader reader = input.reader()) {
            while (reader.next()) {
                long n = lineNumber++;
                result.lines++;
                String text;
                try {
                    text = decoder.decode(reader.bytes(), reader.length());
                    ClassifiedLine c = classifier.classify(n, text, reader.truncated());
                    switch (c.kind()) {
                        case HEADER -> result.headerLines++;
                        case BLANK -> result.blankLines++;
                        case DATA -> {
                            result.rowsRead++;
                            for (String column : layout.ignoredValuesIn(text)) {
                                result.ignoredValues.merge(column, 1L, Long::sum);
                            }
                            if (c.rejected()) {
                                result.reject(c.reasons());
                                if (writers != null) {
                                    writers.rejected(n, reader, text, decoder, c.reasons());
                                }
                                continue;
                            }
                            identity.of(c.values());
                            int occurrence = earlier.countOf(identity.key1(), identity.key2())
                                    + keys.increment(identity.key1(), identity.key2());
                            boolean publishedBefore = published.contains(identity.key1(), identity.key2());
                            if (publishedBefore) {
                                result.acrossDeliveryDuplicates++;
                            } else if (occurrence > 0) {
                                result.withinFileDuplicates++;
                            }
                            if (writers == null) {
                                continue;
                            }
                            boolean duplicate = publishedBefore || occurrence > 0;
                            if (duplicate && plan.rules().policy() == DuplicatePolicy.QUARANTINE) {
                                List<String> reason = publishedBefore ? PUBLISHED_BEFORE : DUPLICATE;
                                result.reject(reason);
                                writers.rejected(n, reader, text, decoder, reason);
                            } else {
                                byte[] id = identity.recordId(recordPath, occurrence);
                                writers.cleaned(id, c.values(), n);
                                result.rowsWritten++;
                                result.profile.add(c.values());
                                if (idCount == ids.length) {
                                    ids = Arrays.copyOf(ids, ids.length * 2);
                                }
                                ids[idCount++] = identity.idPrefix();
                            }
                        }
                    }
                } catch (RuntimeException e) {
                    throw new IllegalStateException("cleaning " + layout.sourceFile() + " line " + n + ": " + e, e);
                }
            }
            if (mode == Mode.CLEAN) {
                result.digest = input.digest().finish();
                result.digestedBytes = input.digest().hashedBytes();
                result.endsWithoutLineBreak = reader.endedWithoutLineBreak();
            }
        } finally {
            if (writers != null) {
                writers.close(result);
            }
        }
        if (mode == Mode.SCAN || plan.rules().exportKeys()) {
            result.keys = keys.sorted();
        }
        ids = Arrays.copyOf(ids, idCount);
        Arrays.sort(ids);
        result.idPrefixes = ids;
        return result;
    }

    private static final List<String> DUPLICATE = List.of(RejectReason.DUPLICATE_RECORD.name());
    private static final List<String> PUBLISHED_BEFORE = List.of(RejectReason.DUPLICATE_ACROSS_DELIVERIES.name());

    private long firstLineNumber(InputSplit split) {
        if (split.indexInFile() == 0) {
            return 1;
        }
        Long first = plan.firstLine().get(split.id());
        if (first != null) {
            return first;
        }
        if (mode == Mode.SCAN) {
            return 2; // not the header; the numbers themselves are not needed to scan
        }
        throw new IllegalStateException("no line number for split " + split.id() + " of " + split.path());
    }

    /** The two staged Parquet files of one split, opened when their first row comes. */
    private final class StagedWriters {
        private final Configuration conf;
        private final InputSplit split;
        private final FileLayout layout;
        private final String attempt;
        private ParquetRowWriter cleaned;
        private ParquetRowWriter rejected;
        private final Object[] cleanedRow = new Object[CLEANED_COLUMNS];
        private final Object[] rejectedRow = new Object[5];

        StagedWriters(Configuration conf, InputSplit split, FileLayout layout) {
            this.conf = conf;
            this.split = split;
            this.layout = layout;
            TaskContext task = TaskContext.get();
            this.attempt = "attempt-" + (task == null ? 0 : task.taskAttemptId());
        }

        void cleaned(byte[] recordId, Object[] values, long lineNumber) throws UncheckedIOException {
            try {
                if (cleaned == null) {
                    cleaned = ParquetRowWriter.open(conf, file(plan.stage().cleaned()), STAGED_CLEANED,
                            List.of(BankSchema.RECORD_ID, BankSchema.LINE_NUMBER));
                }
                cleanedRow[0] = recordId;
                System.arraycopy(values, 0, cleanedRow, 1, values.length);
                cleanedRow[CLEANED_COLUMNS - 2] = layout.sourceFile();
                cleanedRow[CLEANED_COLUMNS - 1] = lineNumber;
                cleaned.write(cleanedRow);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the staged cleaned rows of " + layout.sourceFile()
                        + " under " + plan.stage().cleaned() + ": " + e.getMessage(), e);
            }
        }

        void rejected(long lineNumber, LineReader reader, String text, LineDecoder decoder, List<String> reasons) {
            try {
                if (rejected == null) {
                    rejected = ParquetRowWriter.open(conf, file(plan.stage().rejected()), STAGED_REJECTED,
                            List.of(BankSchema.LINE_NUMBER, BankSchema.RAW_LINE, BankSchema.RAW_BYTES));
                }
                boolean undecodable = text == null;
                rejectedRow[0] = layout.sourceFile();
                rejectedRow[1] = lineNumber;
                rejectedRow[2] = undecodable ? decoder.lenient(reader.bytes(), reader.length()) : text;
                rejectedRow[3] = reasons;
                rejectedRow[4] = undecodable && !reader.truncated()
                        ? Arrays.copyOf(reader.bytes(), reader.length()) : null;
                rejected.write(rejectedRow);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the staged quarantine rows of " + layout.sourceFile()
                        + " under " + plan.stage().rejected() + ": " + e.getMessage(), e);
            }
        }

        private String file(String stage) {
            return Storage.join(stage, attempt + "/" + BankSchema.BATCH_ID + "=" + layout.batchId()
                    + String.format(Locale.ROOT, "/part-%05d-%s.snappy.parquet", split.id(), plan.stage().runId()));
        }

        void close(SplitResult result) throws IOException {
            try {
                if (cleaned != null) {
                    cleaned.close();
                    result.cleanedFile = cleaned.path();
                }
            } finally {
                if (rejected != null) {
                    rejected.close();
                    result.rejectedFile = rejected.path();
                }
            }
        }
    }

    /** The cleaned table's columns as staged: the partition column is the folder, not a column. */
    static final StructType STAGED_CLEANED = withoutBatch(BankSchema.cleanedSchema());
    static final StructType STAGED_REJECTED = withoutBatch(BankSchema.rejectedSchema());
    private static final int CLEANED_COLUMNS = STAGED_CLEANED.size();

    private static StructType withoutBatch(StructType s) {
        return new StructType(Arrays.stream(s.fields())
                .filter(f -> !f.name().equals(BankSchema.BATCH_ID))
                .toArray(StructField[]::new));
    }
}
