package dev.bankml.cleaning.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.cleaning.rules.InputLayoutException;
import dev.bankml.cleaning.rules.LineDecoder;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.quality.BankColumns;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The input edge of the cleaning job: finds the raw files, reads each header, cuts the files into
 * byte ranges for the tasks, and opens a range for reading. Lines are read as bytes by
 * {@link LineReader} (LF, CR and CRLF end a line; {@code .gz} and other codecs are decompressed), not
 * with Spark's CSV reader, so that no line is ever dropped, merged or silently re-encoded and its raw
 * text survives for the quarantine.
 */
public final class RawInput {
    /** Bytes a split of an uncompressed file holds at most, unless the Hadoop setting below is lower. */
    static final long MAX_SPLIT_BYTES = 256L << 20;
    /** A file smaller than this is never cut in several splits. */
    static final long MIN_SPLIT_BYTES = 16L << 20;
    /** Hadoop's own setting for the largest split; honoured when set (tests use it to force many splits). */
    static final String SPLIT_MAX_SIZE = "mapreduce.input.fileinputformat.split.maxsize";

    private RawInput() {
    }

    /**
     * A folder (or file) of deliveries of one kind.
     *
     * @param kind     outcomes (labelled) or leads (to score)
     * @param location the folder or file
     * @param required whether finding no file there is an error (the one source of a classic run) or a
     *                 quiet "nothing delivered" (a cycle's folders)
     */
    public record Source(DeliveryKind kind, String location, boolean required) {
    }

    /**
     * Lists the files of the sources, with their size and modification time, reading none of them.
     *
     * @throws JobConfigurationException when a required source holds no file
     */
    public static List<InputFiles.SourceFile> list(Storage storage, List<Source> sources) {
        CompressionCodecFactory codecs = new CompressionCodecFactory(storage.conf());
        List<InputFiles.SourceFile> out = new ArrayList<>();
        for (Source source : sources) {
            List<FileStatus> statuses = source.required() || storage.exists(source.location())
                    ? storage.listDataFiles(source.location()) : List.of();
            if (statuses.isEmpty() && source.required()) {
                throw new JobConfigurationException("no input files at " + source.location()
                        + ": check " + WiringSettings.SOURCE_PATH.flag() + " (a CSV file or a folder of CSV files)");
            }
            for (FileStatus f : statuses) {
                out.add(new InputFiles.SourceFile(BatchIds.identityOf(f.getPath()),
                        Storage.relativePath(source.location(), f.getPath()), f.getPath().toString(), f.getLen(),
                        codecs.getCodec(f.getPath()) != null, f.getModificationTime(), source.kind()));
            }
        }
        return out;
    }

    /**
     * Reads the headers of the files to clean. An outcomes file must have every column (the label only
     * when {@code requireLabel}). A lead is a customer the bank has not called yet: a leads file need not
     * have the label or the columns known only after the call ({@link BankColumns#AFTER_CALL}), and any of
     * them it has are ignored (no lead model reads them; the report counts the rows that carried a value).
     * A file of customers to score without a label ({@code requireLabel} false) is read the same way,
     * except that a label it carries is kept (its scores can then be compared with it).
     *
     * @param root for messages and the report: where the files come from
     * @throws InputLayoutException when a header cannot be used
     */
    public static InputFiles readLayouts(Storage storage, String root, List<InputFiles.SourceFile> toClean,
                                         String label, boolean requireLabel, Charset charset) {
        List<InputFiles.SourceFile> files = new ArrayList<>();
        List<FileLayout> layouts = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (InputFiles.SourceFile file : toClean) {
            String header = file.length() == 0 ? null : header(storage.conf(), file, charset);
            if (header == null) {
                empty.add(file.identity());
                continue;
            }
            files.add(file);
            layouts.add(layout(file, header, label, requireLabel));
        }
        return new InputFiles(root, files, layouts, empty);
    }

    private static FileLayout layout(InputFiles.SourceFile file, String header, String label, boolean requireLabel) {
        if (file.kind().labelled() && requireLabel) {
            return FileLayout.fromHeader(file.identity(), file.batchId(), header, Set.of());
        }
        Set<String> notNeeded = new TreeSet<>(BankColumns.AFTER_CALL);
        notNeeded.add(label);
        FileLayout layout = FileLayout.fromHeader(file.identity(), file.batchId(), header, notNeeded);
        Set<String> ignored = new TreeSet<>(notNeeded);
        if (file.kind().labelled()) {
            ignored.remove(label);
        }
        return layout.ignoring(ignored);
    }

    /**
     * Lists the files at {@code location} and reads their headers (the classic run: one source).
     *
     * @throws JobConfigurationException when there is no file, or a header cannot be used
     */
    public static InputFiles discover(Storage storage, String location, String label, boolean requireLabel,
                                      Charset charset) {
        List<InputFiles.SourceFile> files = list(storage, List.of(new Source(DeliveryKind.OUTCOMES, location, true)));
        return readLayouts(storage, location, files, label, requireLabel, charset);
    }

    /** The first line of a file as text, or null when the file has no line at all. */
    static String header(Configuration conf, InputFiles.SourceFile file, Charset charset) {
        try (LineReader r = open(conf, file, 0, Long.MAX_VALUE).reader()) {
            if (!r.next()) {
                return null;
            }
            if (r.truncated()) {
                throw new InputLayoutException("input file " + file.identity() + " has a first line longer than "
                        + BankSchema.MAX_LINE_BYTES + " bytes: it is not a CSV file with a header line.");
            }
            if (looksBinary(r.bytes(), r.length())) {
                throw new InputLayoutException("input file " + file.identity() + " is not a text file (its first line "
                        + "holds binary data). Remove it from the source folder or point " + WiringSettings.SOURCE_PATH.flag()
                        + " at the CSV files.");
            }
            String text = new LineDecoder(charset).decode(r.bytes(), r.length());
            if (text == null) {
                throw new InputLayoutException("the header line of input file " + file.identity() + " is not valid "
                        + charset.name() + ". Declare the file's encoding with " + CleaningSettings.ENCODING.flag() + " (for example windows-1252 "
                        + "or iso-8859-1), or convert the file to UTF-8.");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** NUL bytes, or many control characters, do not occur in a CSV header. */
    static boolean looksBinary(byte[] b, int length) {
        int control = 0;
        for (int i = 0; i < length; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return true;
            }
            if (c < 0x20 && c != '\t') {
                control++;
            }
        }
        return control > Math.max(2, length / 20);
    }

    /**
     * Cuts the files into splits: whole files, unless the input is too large for one task per core,
     * in which case an uncompressed file is cut into ranges of about {@code total / parallelism} bytes
     * (at least {@value #MIN_SPLIT_BYTES}, at most {@value #MAX_SPLIT_BYTES} or Hadoop's split maximum).
     */
    public static List<InputSplit> plan(InputFiles input, int parallelism, Configuration conf) {
        long maxSplit = conf.getLong(SPLIT_MAX_SIZE, MAX_SPLIT_BYTES);
        long minSplit = Math.min(MIN_SPLIT_BYTES, maxSplit);
        long perCore = (input.totalBytes() + Math.max(1, parallelism) - 1) / Math.max(1, parallelism);
        long size = Math.max(minSplit, Math.min(maxSplit, perCore));
        List<InputSplit> out = new ArrayList<>();
        for (int f = 0; f < input.files().size(); f++) {
            InputFiles.SourceFile file = input.files().get(f);
            int n = file.compressed() ? 1 : (int) Math.max(1, (file.length() + size - 1) / size);
            long chunk = (file.length() + n - 1) / n;
            for (int k = 0; k < n; k++) {
                long start = k * chunk;
                long end = k == n - 1 ? Long.MAX_VALUE : (k + 1) * chunk;
                out.add(new InputSplit(out.size(), f, file.path(), start, end, k, n));
            }
        }
        return out;
    }

    /** A reader of one split's lines. */
    public static LineReader open(Configuration conf, InputSplit split) throws IOException {
        return openDigesting(conf, split).reader();
    }

    /**
     * A reader of one split's lines, and the digest of the split's bytes taken as they are read (all
     * of the file's raw bytes for a compressed file).
     */
    public record DigestedSplit(LineReader reader, RangeDigest digest) {
    }

    public static DigestedSplit openDigesting(Configuration conf, InputSplit split) throws IOException {
        Path p = new Path(split.path());
        boolean compressed = new CompressionCodecFactory(conf).getCodec(p) != null;
        InputFiles.SourceFile file = new InputFiles.SourceFile("", "", split.path(), -1, compressed, 0,
                DeliveryKind.OUTCOMES);
        return open(conf, file, split.start(), split.end());
    }

    private static DigestedSplit open(Configuration conf, InputFiles.SourceFile file, long start, long end)
            throws IOException {
        Path p = new Path(file.path());
        FileSystem fs = p.getFileSystem(conf);
        FSDataInputStream raw = fs.open(p);
        try {
            if (file.compressed()) {
                CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
                RangeDigest digest = new RangeDigest(raw, 0, 0, Long.MAX_VALUE);
                InputStream in = codec.createInputStream(digest);
                return new DigestedSplit(new LineReader(in, 0, Long.MAX_VALUE, BankSchema.MAX_LINE_BYTES), digest);
            }
            if (start > 0) {
                raw.seek(start - 1);
            }
            RangeDigest digest = new RangeDigest(raw, Math.max(0, start - 1), start, end);
            return new DigestedSplit(new LineReader(digest, start, end, BankSchema.MAX_LINE_BYTES), digest);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }
}
