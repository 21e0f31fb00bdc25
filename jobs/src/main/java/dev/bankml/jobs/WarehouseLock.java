package dev.bankml.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.workflow.StorageLayout;

/**
 * One cycle at a time on a warehouse: {@code <ledger>/_lock.json} names the cycle that holds the
 * warehouse, who started it, on which host and process, when, and when it last showed it was alive (a
 * daemon thread renews the heartbeat every {@value #HEARTBEAT_SECONDS} seconds). A cycle takes the lock
 * for its whole run; each job of the cycle re-enters it (same cycle id); a job or a cycle of another
 * cycle is refused at once, naming the holder. A lock whose heartbeat is older than
 * {@value #STALE_MINUTES} minutes, or whose process on this host is gone, belongs to a cycle that died:
 * it is moved aside and taken over.
 *
 * <p>On a local disk taking the lock is atomic (a hard link that fails if the lock exists). On S3A it is
 * a check then a put: two cycles started within the same second could both get it (Hadoop 3.3's S3A has
 * no conditional write). The deployed workflow runs one cycle at a time anyway; the lock is what stops a
 * job started by hand during a cycle.
 */
public final class WarehouseLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);
    /** The lock's file name in the ledger's folder (hidden from the ledger's listing of deliveries). */
    public static final String FILE = StorageLayout.LOCK_FILE;
    static final long HEARTBEAT_SECONDS = 30;
    static final long STALE_MINUTES = 5;

    /**
     * Who holds the lock.
     *
     * @param owner       what took it ({@code bin/pipeline cycle}, {@code cleaning job})
     * @param cycleId     the cycle: jobs of the same cycle re-enter the lock
     * @param runId       the run that took it
     * @param host        where that run's driver lives
     * @param pid         its process
     * @param startedAt   when it took the lock
     * @param heartbeatAt when it last renewed it
     */
    public record Holder(String owner, String cycleId, String runId, String host, long pid, String startedAt,
                         String heartbeatAt) {
        Holder beating(Instant now) {
            return new Holder(owner, cycleId, runId, host, pid, startedAt, now.toString());
        }
    }

    private final LockFile file;
    private final Holder holder;
    /** Renews the heartbeat; none when the lock was re-entered (the holder of its cycle renews it). */
    private final Optional<ScheduledExecutorService> heartbeat;

    private WarehouseLock(LockFile file, Holder holder, boolean reentered) {
        this.file = file;
        this.holder = holder;
        this.heartbeat = reentered ? Optional.empty() : Optional.of(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warehouse-lock-" + holder.runId());
            t.setDaemon(true);
            return t;
        }));
        heartbeat.ifPresent(h -> h.scheduleAtFixedRate(this::renew, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS,
                TimeUnit.SECONDS));
    }

    /**
     * Takes the warehouse whose ledger is at {@code ledgerRoot} for a cycle, or re-enters it when the cycle
     * holds it already.
     *
     * @throws WarehouseBusyException when another cycle holds it, naming that cycle
     */
    public static WarehouseLock take(Storage storage, String ledgerRoot, String owner, String cycleId, String runId) {
        LockFile file = LockFile.of(storage, Storage.join(storage.resolve(ledgerRoot), FILE));
        Instant now = Instant.now();
        Holder me = new Holder(owner, cycleId, runId, ThisProcess.host(), ThisProcess.pid(), now.toString(),
                now.toString());
        for (int attempt = 0; attempt < 3; attempt++) {
            if (file.create(Json.write(me))) {
                return new WarehouseLock(file, me, false);
            }
            Optional<String> seen = file.read();
            if (seen.isEmpty()) {
                continue; // released meanwhile
            }
            Optional<Holder> other = parse(seen.get());
            if (other.isPresent() && cycleId.equals(other.get().cycleId())) {
                return new WarehouseLock(file, other.get(), true);
            }
            if (!stale(other, file.modifiedAt(), now)) {
                throw new WarehouseBusyException(busy(other, file));
            }
            LOG.warn("Taking over the warehouse lock {} of a cycle that died: {}", file.location(),
                    other.map(Holder::toString).orElse("(unreadable lock)"));
            file.takeOver(seen.get(), runId);
        }
        throw new WarehouseBusyException(busy(file.read().flatMap(WarehouseLock::parse), file));
    }

    /**
     * Runs a job's body holding the warehouse whose ledger is at {@code ledgerRoot}, or re-entering the hold
     * of its cycle; without a ledger (a job run on files by hand) the body runs as it is.
     *
     * @throws WarehouseBusyException when another cycle holds the warehouse
     */
    public static <R> R holding(Storage storage, Optional<String> ledgerRoot, String owner, RunContext context,
                                Supplier<R> body) {
        if (ledgerRoot.isEmpty()) {
            return body.get();
        }
        try (WarehouseLock lock = take(storage, ledgerRoot.get(), owner, context.cycleId(), context.runId())) {
            return body.get();
        }
    }

    /**
     * Refuses at once when a live cycle holds the warehouse, without taking it: for a command that would
     * first empty the warehouse (a replay) and takes the lock for each of its cycles afterwards.
     *
     * @throws WarehouseBusyException when another cycle holds the warehouse
     */
    public static void requireFree(Storage storage, String ledgerRoot) {
        LockFile file = LockFile.of(storage, Storage.join(storage.resolve(ledgerRoot), FILE));
        Optional<String> seen = file.read();
        if (seen.isPresent()) {
            Optional<Holder> other = parse(seen.get());
            if (!stale(other, file.modifiedAt(), Instant.now())) {
                throw new WarehouseBusyException(busy(other, file));
            }
        }
    }

    /** Whether this run re-entered the lock its cycle holds (it then releases nothing). */
    public boolean reentered() {
        return heartbeat.isEmpty();
    }

    public Holder holder() {
        return holder;
    }

    private void renew() {
        try {
            Optional<Holder> now = file.read().flatMap(WarehouseLock::parse);
            if (now.isPresent() && holder.runId().equals(now.get().runId())) {
                file.overwrite(Json.write(holder.beating(Instant.now())));
            } else {
                LOG.error("The warehouse lock {} is no longer this run's ({}): another cycle took it over", file.location(),
                        now.map(Holder::toString).orElse("gone"));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the warehouse lock {}: {}", file.location(), e.getMessage());
        }
    }

    /** Releases the lock if this run took it (a re-entered lock stays with its cycle). */
    @Override
    public void close() {
        if (heartbeat.isEmpty()) {
            return;
        }
        heartbeat.get().shutdownNow();
        try {
            Optional<Holder> now = file.read().flatMap(WarehouseLock::parse);
            if (now.isPresent() && holder.runId().equals(now.get().runId())) {
                file.delete();
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not release the warehouse lock {} ({}); the next cycle takes it over once it is stale",
                    file.location(), e.getMessage());
        }
    }

    static Optional<Holder> parse(String json) {
        try {
            return Optional.of(Json.read(json, Holder.class));
        } catch (RuntimeException e) {
            return Optional.empty(); // being written, or damaged: its file's age decides
        }
    }

    /** A lock is stale when its process on this host is gone, or it has not beaten for a while. */
    static boolean stale(Optional<Holder> holder, Optional<Long> fileModifiedAt, Instant now) {
        if (holder.isPresent() && ThisProcess.gone(holder.get().host(), holder.get().pid())) {
            return true;
        }
        Instant last = holder.flatMap(h -> instant(h.heartbeatAt()))
                .orElseGet(() -> Instant.ofEpochMilli(fileModifiedAt.orElse(now.toEpochMilli())));
        return Duration.between(last, now).toMinutes() >= STALE_MINUTES;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String busy(Optional<Holder> other, LockFile file) {
        if (other.isEmpty()) {
            return "another cycle is taking the warehouse (its lock " + file.location() + " is being written): "
                    + "wait for it to finish";
        }
        Holder h = other.get();
        return "another cycle is running since " + h.startedAt() + ", started by " + h.owner() + " (" + h.host()
                + ", pid " + h.pid() + "; cycle " + h.cycleId() + ", last heartbeat " + h.heartbeatAt() + "). Wait for "
                + "it to finish; if it died, its lock " + file.location() + " is taken over once its heartbeat is "
                + STALE_MINUTES + " minutes old (at once on " + h.host() + " when process " + h.pid() + " is gone).";
    }
}
