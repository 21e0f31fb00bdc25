package dev.bankml.cleaning;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;

class RawInputTest {

    @Test
    void numbersLinesExactlyWhenAFileIsSplitAcrossManyPartitions() throws Exception {
        Path dir = TestSpark.workDir("raw-input");
        Path sample = TestSpark.sampleCsv();
        Files.copy(sample, dir.resolve("bank.csv"));
        Files.copy(CleaningRun.fixture("crlf.csv"), dir.resolve("small.csv"));
        Configuration hadoop = CleaningRun.spark().sparkContext().hadoopConfiguration();
        hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", 64 * 1024);
        try {
            Storage storage = new Storage(hadoop);
            InputFiles input = RawInput.discover(storage, storage.resolve(dir.toString()), "deposit", true);
            Dataset<Row> lines = RawInput.readLines(CleaningRun.spark(), input).cache();
            assertTrue(lines.rdd().getNumPartitions() >= 10, "the sample is read in many splits");

            List<String> expected = Files.readAllLines(sample);
            List<Row> bank = lines.filter(col(BankSchema.SOURCE_FILE).equalTo("bank.csv"))
                    .orderBy(BankSchema.LINE_NUMBER).collectAsList();
            assertEquals(expected.size(), bank.size());
            for (int i = 0; i < bank.size(); i++) {
                assertEquals(i + 1, bank.get(i).getLong(1));
                assertEquals(expected.get(i), bank.get(i).getString(2));
            }
            List<Long> small = lines.filter(col(BankSchema.SOURCE_FILE).equalTo("small.csv"))
                    .orderBy(BankSchema.LINE_NUMBER).collectAsList().stream().map(r -> r.getLong(1)).toList();
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), small);
        } finally {
            hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
        }
    }

    @Test
    void readsGzipCompressedInput() throws Exception {
        Path dir = TestSpark.workDir("raw-gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("good.csv.gz")))) {
            out.write(Files.readAllBytes(CleaningRun.fixture("good.csv")));
        }
        CleaningRun run = CleaningRun.fresh();
        CleaningReport r = run.run(dir);
        assertEquals(5, r.rowsWritten());
        assertEquals(List.of("good.csv.gz"), r.inputFiles().stream().map(CleaningReport.InputFile::sourceFile).toList());
    }
}
