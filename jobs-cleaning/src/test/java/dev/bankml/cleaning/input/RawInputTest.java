package dev.bankml.cleaning.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.CleaningReport;
import dev.bankml.cleaning.CleaningTestRun;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.testing.TestSpark;

/** Files cut into many splits clean exactly as whole files: same line numbers, same ids, same duplicates. */
class RawInputTest {

    private static List<String> rows(CleaningTestRun run) {
        List<String> out = new ArrayList<>();
        run.cleaned().drop(BankSchema.BATCH_ID).collectAsList().forEach(r -> out.add(r.toString()));
        run.quarantine().drop(BankSchema.BATCH_ID).collectAsList().forEach(r -> out.add("Q" + r.toString()));
        out.sort(null);
        return out;
    }

    @Test
    void aFileCutInManySplitsCleansToTheSameRowsAsWholeWithTheSameLineNumbers() throws Exception {
        Path dir = TestSpark.workDir("raw-input");
        Path sample = TestSpark.sampleCsv();
        // The sample, then its first 300 data lines again: duplicates that lie splits apart.
        List<String> lines = new ArrayList<>(Files.readAllLines(sample));
        lines.addAll(lines.subList(1, 301));
        Files.write(dir.resolve("bank.csv"), lines);
        Files.copy(CleaningTestRun.fixture("crlf.csv"), dir.resolve("small.csv"));

        CleaningTestRun whole = CleaningTestRun.fresh();
        CleaningReport w = whole.run(dir);
        assertEquals(300, w.duplicates().withinFile());

        Configuration hadoop = CleaningTestRun.spark().sparkContext().hadoopConfiguration();
        hadoop.setLong(RawInput.SPLIT_MAX_SIZE, 64 * 1024);
        try {
            Storage storage = new Storage(hadoop);
            InputFiles input = DeliveryLayouts.discover(storage, storage.resolve(dir.toString()), "deposit", true,
                    StandardCharsets.UTF_8);
            assertTrue(RawInput.plan(input, 2, hadoop).size() >= 10, "the file is read in many splits");
            CleaningTestRun cut = CleaningTestRun.fresh();
            CleaningReport c = cut.run(dir);
            assertEquals(w.linesRead(), c.linesRead());
            assertEquals(w.rowsWritten(), c.rowsWritten());
            assertEquals(300, c.duplicates().withinFile(), "duplicates found across split boundaries");
            assertEquals(w.rejectedByReason(), c.rejectedByReason());
            assertEquals(rows(whole), rows(cut), "same ids, values, files and line numbers");

            List<Row> first = cut.cleaned().filter("line_number = 2 and source_file like '%bank.csv'").collectAsList();
            assertEquals(1, first.size());
            assertEquals(Integer.parseInt(lines.get(1).split(",")[0]), first.get(0).getInt(1), "line 2 is the first record");
            Row last = cut.quarantine().orderBy(org.apache.spark.sql.functions.desc(BankSchema.LINE_NUMBER)).first();
            assertEquals(lines.size(), last.getLong(1), "the last line keeps its number");
            assertEquals(lines.get(lines.size() - 1), last.getString(2));
        } finally {
            hadoop.unset(RawInput.SPLIT_MAX_SIZE);
        }
    }

    @Test
    void readsGzipCompressedInput() throws Exception {
        Path dir = TestSpark.workDir("raw-gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("good.csv.gz")))) {
            out.write(Files.readAllBytes(CleaningTestRun.fixture("good.csv")));
        }
        CleaningTestRun run = CleaningTestRun.fresh();
        CleaningReport r = run.run(dir);
        assertEquals(5, r.rowsWritten());
        assertEquals(List.of(dir.resolve("good.csv.gz").toString()),
                r.inputFiles().stream().map(CleaningReport.InputFile::sourceFile).toList());
    }
}
