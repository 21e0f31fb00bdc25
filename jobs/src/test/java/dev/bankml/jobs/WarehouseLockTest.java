package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One cycle at a time: the lock a cycle takes on its warehouse, re-entered by its jobs, refused to others. */
class WarehouseLockTest {
    private final Storage storage = new Storage(new Configuration());

    private static String ledger(Path dir) {
        return dir.resolve("cleaned/ledger").toString();
    }

    @Test
    void ofCyclesStartedTogetherOneTakesTheWarehouseAndTheOthersAreRefusedAtOnce(@TempDir Path dir) throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<WarehouseLock>> takers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String cycle = "cycle-" + i;
            takers.add(pool.submit(() -> {
                start.await();
                try {
                    return WarehouseLock.take(storage, ledger(dir), "bin/pipeline cycle", cycle, "run-" + cycle);
                } catch (WarehouseBusyException e) {
                    assertTrue(e.getMessage().startsWith("another cycle is running since "), e.getMessage());
                    return null;
                }
            }));
        }
        start.countDown();
        List<WarehouseLock> won = new ArrayList<>();
        for (Future<WarehouseLock> f : takers) {
            if (f.get() != null) {
                won.add(f.get());
            }
        }
        pool.shutdown();
        assertEquals(1, won.size(), "exactly one cycle holds the warehouse");
        won.get(0).close();
        assertFalse(Files.exists(dir.resolve("cleaned/ledger/" + WarehouseLock.FILE)), "released");
    }

    @Test
    void theJobsOfTheHoldingCycleReenterTheLockAndAnotherCycleIsToldWhoHoldsIt(@TempDir Path dir) {
        try (WarehouseLock cycle = WarehouseLock.take(storage, ledger(dir), "bin/pipeline cycle", "local-1", "run-1")) {
            try (WarehouseLock job = WarehouseLock.take(storage, ledger(dir), "cleaning job", "local-1", "run-1b")) {
                assertTrue(job.reentered());
            }
            assertTrue(Files.exists(dir.resolve("cleaned/ledger/" + WarehouseLock.FILE)), "a job leaves its cycle's lock");
            WarehouseBusyException e = assertThrows(WarehouseBusyException.class,
                    () -> WarehouseLock.take(storage, ledger(dir), "cleaning job", "by-hand", "run-2"));
            assertEquals("another cycle is running since " + cycle.holder().startedAt() + ", started by bin/pipeline cycle ("
                    + ThisProcess.host() + ", pid " + ThisProcess.pid() + "; cycle local-1, last heartbeat "
                    + cycle.holder().heartbeatAt() + "). Wait for it to finish; if it died, its lock "
                    + Storage.join(storage.resolve(ledger(dir)), WarehouseLock.FILE) + " is taken over once its heartbeat is 5 minutes "
                    + "old (at once on " + ThisProcess.host() + " when process " + ThisProcess.pid() + " is gone).",
                    e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("cleaned/ledger/" + WarehouseLock.FILE)));
    }

    @Test
    void aLockWhoseProcessIsGoneOrWhoseHeartbeatIsOldIsTakenOver(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path file = dir.resolve("cleaned/ledger/" + WarehouseLock.FILE);
        Files.createDirectories(file.getParent());
        String now = Instant.now().toString();
        Files.writeString(file, Json.write(new WarehouseLock.Holder("bin/pipeline cycle", "dead", "run-dead",
                ThisProcess.host(), gone.pid(), now, now)));
        try (WarehouseLock l = WarehouseLock.take(storage, ledger(dir), "bin/pipeline cycle", "next", "run-next")) {
            assertFalse(l.reentered());
            assertEquals("next", WarehouseLock.parse(Files.readString(file)).orElseThrow().cycleId());
        }

        String old = Instant.now().minusSeconds(6 * 60).toString();
        Files.writeString(file, Json.write(new WarehouseLock.Holder("bin/pipeline cycle", "elsewhere", "run-far",
                "another-host", 1, old, old)));
        try (WarehouseLock l = WarehouseLock.take(storage, ledger(dir), "bin/pipeline cycle", "next2", "run-next2")) {
            assertEquals("next2", WarehouseLock.parse(Files.readString(file)).orElseThrow().cycleId());
        }
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).toList(), "nothing left beside it");
        }
    }
}
