package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.testing.TestSpark;

/**
 * What a writer killed during a dynamic partition overwrite leaves under a table root: Spark's
 * {@code .spark-staging-<job>} folder. The next publication removes it when it is empty and more than a
 * minute old; a folder with a file in it, or a fresh one (a live writer's), stays.
 */
class DeadStagingTest {
    @Test
    void onlyOldEmptyStagingFoldersAreRemoved() throws IOException {
        Path root = TestSpark.workDir("dead-staging");
        long now = System.currentTimeMillis();
        Path dead = Files.createDirectories(root.resolve(".spark-staging-dead/_temporary/0"));
        Path fresh = Files.createDirectories(root.resolve(".spark-staging-fresh/_temporary/0"));
        Path full = Files.createDirectories(root.resolve(".spark-staging-full/batch_id=b1"));
        Files.writeString(full.resolve("part-00000.parquet"), "rows");
        Path partition = Files.createDirectories(root.resolve("batch_id=b0"));
        for (Path old : List.of(root.resolve(".spark-staging-dead"), root.resolve(".spark-staging-full"), partition)) {
            Files.setLastModifiedTime(old, FileTime.fromMillis(now - 10 * 60_000));
        }
        Storage storage = new Storage(new Configuration());

        List<String> removed = PartitionPublisher.removeDeadStaging(root.toString(), storage, now);

        assertEquals(1, removed.size(), removed.toString());
        assertTrue(removed.get(0).endsWith(".spark-staging-dead"), removed.toString());
        assertTrue(!Files.exists(dead.getParent().getParent()), "the dead writer's empty folder is gone");
        assertTrue(Files.isDirectory(fresh), "a folder made in the last minute may be a live writer's");
        assertTrue(Files.exists(full.resolve("part-00000.parquet")), "a folder with a file is not an empty leftover");
        assertTrue(Files.isDirectory(partition), "partitions are never touched");
    }
}
