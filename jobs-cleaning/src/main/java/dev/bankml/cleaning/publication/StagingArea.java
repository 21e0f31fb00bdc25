package dev.bankml.cleaning.publication;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.fs.FileStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.Json;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.ThisProcess;

/**
 * A run's private staging folders, {@code <root>/_staging/<run_id>/}, under the root of every table
 * the run publishes to: the cleaned tables, the quarantine and the delivery ledger (Spark, Hive and
 * Athena skip names starting with {@code _}), so that publishing is a move within one bucket. Each holds a lease file the run rewrites every 30 seconds,
 * naming its host and process; a staging folder whose lease is older than
 * {@value #LEASE_EXPIRY_MINUTES} minutes, or whose process on this host is gone, belongs to a run
 * that died (killed, crashed, lost its driver). The next run on the same roots rolls back such a
 * run's unfinished publication and deletes what it left, together with leftovers of Spark's own
 * committer ({@code .spark-staging-*}, {@code _temporary}); a live concurrent run is left alone.
 */
public final class StagingArea implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StagingArea.class);
    static final String FOLDER = "_staging";
    public static final String LEASE = "_lease";
    static final long LEASE_EXPIRY_MINUTES = 5;
    private static final long LEASE_REFRESH_SECONDS = 30;

    private final Storage storage;
    private final String runId;
    private final String cleanedRoot;
    private final String rejectedRoot;
    /** Every root the run stages under: the cleaned root and the quarantine's first. */
    private final List<String> roots;
    private ScheduledExecutorService heartbeat;
    private boolean opened;
    /** The roots that did not exist before this run: removed again if the run leaves them empty. */
    private final List<String> createdRoots = new ArrayList<>();

    public StagingArea(Storage storage, String runId, String cleanedRoot, String rejectedRoot) {
        this(storage, runId, cleanedRoot, rejectedRoot, List.of());
    }

    /**
     * @param cleanedRoot  where the cleaned rows of every kind are staged, and the publication journal
     * @param rejectedRoot where the quarantined rows are staged
     * @param otherRoots   the other roots the run publishes to (the leads table, the ledger)
     */
    public StagingArea(Storage storage, String runId, String cleanedRoot, String rejectedRoot, List<String> otherRoots) {
        this.storage = storage;
        this.runId = runId;
        this.cleanedRoot = cleanedRoot;
        this.rejectedRoot = rejectedRoot;
        List<String> all = new ArrayList<>(List.of(cleanedRoot, rejectedRoot));
        otherRoots.stream().filter(r -> !all.contains(r)).forEach(all::add);
        this.roots = List.copyOf(all);
    }

    /** This run's staging folder under one of its roots. */
    public String stage(String root) {
        if (!roots.contains(root)) {
            throw new IllegalArgumentException(root + " is not one of this run's roots " + roots);
        }
        return stageOf(root, runId);
    }

    public String cleanedStage() {
        return stageOf(cleanedRoot, runId);
    }

    public String rejectedStage() {
        return stageOf(rejectedRoot, runId);
    }

    static String stageOf(String root, String runId) {
        return Storage.join(root, FOLDER + "/" + runId);
    }

    /** Cleans up after dead runs, then creates this run's folders and keeps its lease fresh. */
    public void open() {
        opened = true;
        long now = System.currentTimeMillis();
        for (String root : roots) {
            if (!storage.exists(root)) {
                createdRoots.add(root);
            }
        }
        for (String root : roots) {
            recoverAbandoned(root, now);
        }
        renewLease();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "staging-lease-" + runId);
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleAtFixedRate(() -> {
            try {
                renewLease();
            } catch (RuntimeException e) {
                LOG.warn("Could not renew the staging lease of run {}: {}", runId, e.getMessage());
            }
        }, LEASE_REFRESH_SECONDS, LEASE_REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    /** What a lease file says: whose run it is and where its driver lives. */
    public record Lease(String runId, String host, long pid, long renewedAt) {
    }

    private void renewLease() {
        String stamp = Json.write(new Lease(runId, ThisProcess.host(), ThisProcess.pid(), System.currentTimeMillis()));
        for (String root : roots) {
            storage.writeString(Storage.join(stageOf(root, runId), LEASE), stamp);
        }
    }

    /** Stops the lease and deletes this run's staging folders (what was published has moved out of them). */
    @Override
    public void close() {
        if (!opened) {
            return; // never opened: nothing of this run's to remove
        }
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        for (String stage : roots.stream().map(r -> stageOf(r, runId)).toList()) {
            try {
                storage.deleteRecursively(stage);
            } catch (RuntimeException e) {
                LOG.warn("Could not delete the staging folder {} ({}); the next run will", stage, e.getMessage());
            }
        }
        for (String root : roots) {
            try {
                String folder = Storage.join(root, FOLDER);
                if (storage.list(folder).isEmpty() && storage.exists(folder)) {
                    storage.deleteRecursively(folder);
                }
                if (createdRoots.contains(root) && storage.list(root).isEmpty() && storage.exists(root)) {
                    storage.deleteRecursively(root);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not tidy {} ({})", root, e.getMessage());
            }
        }
    }

    /** Rolls back and deletes the staging folders of dead runs under {@code root}, and Spark's leftovers. */
    void recoverAbandoned(String root, long now) {
        for (FileStatus s : storage.list(Storage.join(root, FOLDER))) {
            String stage = s.getPath().toString();
            String owner = s.getPath().getName();
            if (owner.equals(runId) || !expired(stage, now)) {
                continue;
            }
            String journalFile = Storage.join(stage, Publication.JOURNAL);
            Optional<Publication.Journal> journal = storage.readString(journalFile)
                    .flatMap(text -> journal(text, journalFile, stage));
            if (journal.isPresent() && Publication.PUBLISHING.equals(journal.get().state())) {
                LOG.warn("Run {} died while publishing: rolling its partial publication back", owner);
                Publication.rollBack(storage, journal.get());
            }
            LOG.info("Removing the staging folder of run {}, which died (its process is gone or its lease expired): {}",
                    owner, stage);
            storage.deleteRecursively(stage);
        }
        for (FileStatus s : storage.list(root)) {
            String name = s.getPath().getName();
            boolean sparkLeftover = s.isDirectory() && (name.startsWith(".spark-staging-") || name.equals("_temporary"));
            if (sparkLeftover && now - s.getModificationTime() > LEASE_EXPIRY_MINUTES * 60_000) {
                LOG.info("Removing {}, left by a Spark write that never committed", s.getPath());
                storage.deleteRecursively(s.getPath().toString());
            }
        }
    }

    /**
     * A dead run's journal. An empty one is discarded: the journal is in place before the first move, so a
     * run that left it empty (a version that wrote it in place) had moved nothing. One that cannot be read
     * otherwise stops the run, naming the file and what to do: nothing can be rolled back without it.
     */
    static Optional<Publication.Journal> journal(String text, String file, String stage) {
        if (text.isBlank()) {
            LOG.warn("The publish journal {} is empty: its run died before it moved anything; discarding it", file);
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(text, Publication.Journal.class));
        } catch (RuntimeException e) {
            throw new IllegalStateException("the publish journal " + file + " of a run that died cannot be read ("
                    + e.getMessage() + "), so its partial publication cannot be rolled back. It lists the partitions "
                    + "that run was moving; the ones it replaced are kept under " + Storage.join(stage, "replaced/")
                    + ". Check those partitions of the tables, the quarantine and the ledger, then move " + stage
                    + " out of the way and run again.", e);
        }
    }

    private boolean expired(String stage, long now) {
        String leaseFile = Storage.join(stage, LEASE);
        Optional<Lease> lease = storage.readString(leaseFile).flatMap(StagingArea::parseLease);
        if (lease.isPresent() && ThisProcess.gone(lease.get().host(), lease.get().pid())) {
            return true; // its driver ran on this machine and is gone
        }
        long last = storage.modificationTime(leaseFile).or(() -> storage.modificationTime(stage)).orElse(0L);
        return now - last > LEASE_EXPIRY_MINUTES * 60_000;
    }

    private static Optional<Lease> parseLease(String json) {
        try {
            return Optional.of(Json.read(json, Lease.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
