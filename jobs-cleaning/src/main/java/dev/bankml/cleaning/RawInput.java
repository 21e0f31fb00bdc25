package dev.bankml.cleaning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import scala.Tuple2;
import scala.Tuple3;

/**
 * The input edge of the cleaning job: finds the raw files, reads each header, and reads every
 * physical line as a row {@code (source_file, line_number, raw_line)}. Lines are read with Hadoop's
 * text reader (LF, CR and CRLF all end a line; {@code .gz} and other codecs are decompressed), not
 * with Spark's CSV reader, so that no line is ever dropped or merged and its raw text survives for
 * the quarantine.
 */
public final class RawInput {
    private RawInput() {
    }

    public static final StructType LINES_SCHEMA = new StructType()
            .add(BankSchema.SOURCE_FILE, DataTypes.StringType, false)
            .add(BankSchema.LINE_NUMBER, DataTypes.LongType, false)
            .add(BankSchema.RAW_LINE, DataTypes.StringType, false);

    /**
     * Lists the files at {@code location} and reads their headers.
     *
     * @throws JobConfigurationException when there is no file, or a header lacks required columns
     */
    public static InputFiles discover(Storage storage, String location, String label, boolean requireLabel) {
        List<FileStatus> files = storage.listDataFiles(location);
        if (files.isEmpty()) {
            throw new JobConfigurationException("no input files at " + location
                    + ": check --source_path (a CSV file or a folder of CSV files)");
        }
        List<FileLayout> layouts = new ArrayList<>();
        Map<String, String> fullPaths = new LinkedHashMap<>();
        List<String> empty = new ArrayList<>();
        for (FileStatus f : files) {
            String source = Storage.relativePath(location, f.getPath());
            String full = f.getPath().toString();
            Optional<String> header = f.getLen() == 0 ? Optional.empty() : storage.firstLine(full);
            if (header.isEmpty()) {
                empty.add(source);
                continue;
            }
            layouts.add(FileLayout.fromHeader(source, BatchIds.of(source), header.get(), label, requireLabel));
            fullPaths.put(source, full);
        }
        return new InputFiles(location, layouts, fullPaths, empty);
    }

    /** Every line of every non-empty input file, numbered from 1 within its file. */
    public static Dataset<Row> readLines(SparkSession spark, InputFiles input) {
        if (input.layouts().isEmpty()) {
            return spark.createDataFrame(List.of(), LINES_SCHEMA);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Job job;
        try {
            job = Job.getInstance(spark.sparkContext().hadoopConfiguration());
            FileInputFormat.setInputPaths(job, input.fullPaths().values().stream().map(Path::new).toArray(Path[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up reading " + input.root() + ": " + e.getMessage(), e);
        }
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> text = (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopRDD(
                job.getConfiguration(), TextInputFormat.class, LongWritable.class, Text.class);

        HashMap<String, String> sourceByPath = new HashMap<>();
        input.fullPaths().forEach((source, full) -> sourceByPath.put(new Path(full).toUri().getPath(), source));

        // Pass 1: lines per partition (each partition is one split of one file, in file and offset order).
        List<Tuple3<Integer, String, Long>> counts = text.mapPartitionsWithInputSplit(
                (split, it) -> {
                    long n = 0;
                    while (it.hasNext()) {
                        it.next();
                        n++;
                    }
                    String src = sourceByPath.get(((FileSplit) split).getPath().toUri().getPath());
                    return List.of(new Tuple3<>(TaskContext.getPartitionId(), src, n)).iterator();
                }, true).collect();
        HashMap<Integer, Long> firstLine = firstLineNumbers(counts);

        // Pass 2: number the lines.
        JavaRDD<Row> rows = text.mapPartitionsWithInputSplit(
                (split, it) -> numbered(sourceByPath.get(((FileSplit) split).getPath().toUri().getPath()),
                        firstLine.get(TaskContext.getPartitionId()), it), true);
        return spark.createDataFrame(rows, LINES_SCHEMA);
    }

    /** The line number of the first line of each partition: partitions of a file follow each other. */
    static HashMap<Integer, Long> firstLineNumbers(List<Tuple3<Integer, String, Long>> counts) {
        List<Tuple3<Integer, String, Long>> sorted = new ArrayList<>(counts);
        sorted.sort((a, b) -> Integer.compare(a._1(), b._1()));
        HashMap<Integer, Long> first = new HashMap<>();
        Map<String, Long> seen = new HashMap<>();
        for (Tuple3<Integer, String, Long> c : sorted) {
            long before = seen.getOrDefault(c._2(), 0L);
            first.put(c._1(), before + 1);
            seen.put(c._2(), before + c._3());
        }
        return first;
    }

    private static Iterator<Row> numbered(String source, long first, Iterator<Tuple2<LongWritable, Text>> it) {
        return new Iterator<>() {
            long next = first;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                Tuple2<LongWritable, Text> t = it.next();
                return RowFactory.create(source, next++, t._2().toString());
            }
        };
    }
}
