package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.testing.TestSpark;

class StorageTest {
    private final Storage storage = new Storage(new Configuration());

    @Test
    void mapsS3ToS3aWhereNoS3FileSystemIsRegistered() {
        assertEquals("s3a://bucket/raw/", storage.resolve("s3://bucket/raw/"));
        assertEquals("s3a://bucket/raw/", storage.resolve("s3a://bucket/raw/"));
    }

    @Test
    void keepsS3WhereAFileSystemServesIt() {
        Configuration glueLike = new Configuration();
        glueLike.set("fs.s3.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
        assertEquals("s3://bucket/raw/", new Storage(glueLike).resolve("s3://bucket/raw/"));
    }

    @Test
    void makesLocalPathsAbsoluteUris() {
        String resolved = storage.resolve("data/sample/");
        assertTrue(resolved.startsWith("file:/") && resolved.endsWith("/data/sample/"), resolved);
    }

    @Test
    void listsDataFilesSkippingHiddenOnesAndWritesSmallFiles() throws Exception {
        Path dir = TestSpark.workDir("storage");
        Files.writeString(dir.resolve("b.csv"), "x");
        Files.createDirectories(dir.resolve("2024"));
        Files.writeString(dir.resolve("2024/a.csv"), "x");
        Files.createDirectories(dir.resolve("_reports"));
        Files.writeString(dir.resolve("_reports/r.json"), "{}");
        Files.writeString(dir.resolve(".hidden.csv"), "x");
        String root = storage.resolve(dir.toString());
        List<String> names = storage.listDataFiles(root).stream()
                .map(FileStatus::getPath).map(p -> Storage.relativePath(root, p)).toList();
        assertEquals(List.of("2024/a.csv", "b.csv"), names);

        storage.writeString(Storage.join(root, "out/note.txt"), "hello\r\nworld");
        assertEquals("hello\r\nworld", storage.readString(Storage.join(root, "out/note.txt")).orElseThrow());
        assertEquals("hello", storage.firstLine(Storage.join(root, "out/note.txt")).orElseThrow());
    }
}
