package dev.bankml.cleaning.input;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.DeliveryKind;
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
     * @param inCycle  whether the location is a delivery folder of a cycle: its files' identities are then
     *                 their folder and relative path ({@code outcomes/2026-11.csv}), not their location
     */
    public record Source(DeliveryKind kind, String location, boolean required, boolean inCycle) {
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
                String relative = Storage.relativePath(source.location(), f.getPath());
                String identity = source.inCycle() ? BatchIds.ofDelivery(source.kind(), relative)
                        : BatchIds.identityOf(f.getPath());
                out.add(new InputFiles.SourceFile(identity, relative, f.getPath().toString(), f.getLen(),
                        codecs.getCodec(f.getPath()) != null, f.getModificationTime(), source.kind(),
                        BatchIds.of(identity)));
            }
        }
        return out;
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
                DeliveryKind.OUTCOMES, "");
        return open(conf, file, split.start(), split.end());
    }

    static DigestedSplit open(Configuration conf, InputFiles.SourceFile file, long start, long end)
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
