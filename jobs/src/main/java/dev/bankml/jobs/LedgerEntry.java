package dev.bankml.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One delivery as the ledger records it: its identity (where it sits under the delivery folders, size,
 * modification time, content digest), where its rows were published, when and by which run, its counts,
 * and what the cleaning made of it. Written by the cleaning job in the same publication as the
 * delivery's partitions, so the two always agree; read by every later step of a cycle to find the
 * deliveries it has not handled yet: only {@link #published()} ones have rows to handle.
 *
 * @param kind          {@code outcomes} or {@code leads}: the table its rows went to
 * @param sourceFile    the delivery's identity: its delivery folder and its path under it
 *                      ({@code outcomes/2026-11.csv}), the same wherever the warehouse lives; an entry
 *                      written before issue 25 holds the file's absolute location ({@link #legacy()})
 * @param batchId       its partition in its table (and in the quarantine)
 * @param table         the name of the cleaned table it was published to ({@code outcomes}); a legacy
 *                      entry holds the table's location
 * @param size          bytes, as listed
 * @param modifiedAt    modification time as listed (ms since the epoch)
 * @param contentDigest SHA-256 of its bytes (hex), taken while the cleaning pass read them
 * @param digestScheme  {@code sha256} (the file's bytes), or {@code sha256-of-N-ranges} for a file cut
 *                      into N ranges (the SHA-256 of the ranges' digests, in order)
 * @param cleanedAt     when it was published
 * @param cleanedByRun  the cleaning run that published it
 * @param cycleId       the cycle (workflow run) that run belonged to
 * @param status        how this version came to be: {@code new}, {@code changed} or {@code reprocessed}
 *                      (published); {@code resend} (the bytes of another delivery, published nothing);
 *                      {@code refused} (set aside: nothing of it in the cleaned table)
 * @param rowsRead      data rows read
 * @param rowsWritten   rows in its partition of the cleaned table
 * @param rowsRejected  rows in its partition of the quarantine
 * @param resendOf      for a resend: the batch id of the delivery whose bytes it repeats
 * @param refusal       why the cleaning refused the delivery, when it did: a refused new delivery has
 *                      status {@code refused}; a refused new version of a published delivery keeps the
 *                      published version's entry, with the refused upload's identity here
 */
public record LedgerEntry(String kind, String sourceFile, String batchId, String table, long size, long modifiedAt,
                          String contentDigest, String digestScheme, String cleanedAt, String cleanedByRun,
                          String cycleId, String status, long rowsRead, long rowsWritten, long rowsRejected,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String resendOf,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Refusal refusal) {

    /** A version of a delivery that reached the cleaned table. */
    public static final String NEW = "new";
    public static final String CHANGED = "changed";
    public static final String REPROCESSED = "reprocessed";
    /** The bytes of a delivery already published: nothing of it is published again. */
    public static final String RESEND = "resend";
    /** Set aside by the cleaning: its rows are in no cleaned table. */
    public static final String REFUSED = "refused";

    /**
     * Why an upload of a delivery was refused, and which upload it was (the next cycle, finding the same
     * file unchanged, skips it instead of refusing it again).
     *
     * @param reason   what the cleaning found
     * @param whatToDo how to get the delivery cleaned
     * @param size     the refused upload's size
     * @param modifiedAt its modification time
     * @param contentDigest its digest ({@code scheme:hex}), when it was read
     * @param refusedAt when
     * @param refusedByRun the cleaning run that refused it
     */
    public record Refusal(String reason, String whatToDo, long size, long modifiedAt, String contentDigest,
                          String refusedAt, String refusedByRun) {
    }

    /**
     * Whether this version's rows are in the cleaned table: what evaluating, training and scoring read.
     * A resend and a refused delivery have none (a refused new version of a published delivery keeps
     * the published version, which is).
     */
    @JsonIgnore
    public boolean published() {
        return !RESEND.equals(status) && !REFUSED.equals(status);
    }

    /** Whether the entry was written before identities were relative (its source file is a location). */
    @JsonIgnore
    public boolean legacy() {
        return table != null && table.contains("/");
    }

    /**
     * The delivery's content as later steps know it: its partition and the first 16 hex digits of its
     * digest. Cleaning the same bytes again (a re-run, {@code --reprocess}, a cycle finishing a killed
     * one, {@code bin/pipeline run} on the same export) keeps the version, so nothing downstream counts
     * it as new; a corrected file under the same name gets a new one.
     */
    public String version() {
        String content = contentDigest == null || contentDigest.isEmpty() ? cleanedByRun
                : contentDigest.substring(0, Math.min(16, contentDigest.length()));
        return batchId + "@" + content;
    }

    /** This entry with the refused upload noted (the published version, if any, stays as it is). */
    public LedgerEntry refused(Refusal r) {
        Outcome o = outcome();
        return of(identity(), content(), cleaning(), new Outcome(o.status(), o.rowsRead(), o.rowsWritten(),
                o.rowsRejected(), o.resendOf(), r));
    }

    /**
     * Which delivery, and where its rows go.
     *
     * @param kind       the kind of its rows: the table they go to
     * @param sourceFile its identity
     * @param batchId    its partition
     * @param table      the table's name
     */
    public record Identity(String kind, String sourceFile, String batchId, String table) {
    }

    /** What was listed and read: size, modification time, the digest of the bytes and its scheme. */
    public record Content(long size, long modifiedAt, String contentDigest, String digestScheme) {
    }

    /** When, by which run and in which cycle the entry was written. */
    public record Cleaning(String cleanedAt, String cleanedByRun, String cycleId) {
    }

    /** What the cleaning made of the delivery: its status, its rows, the delivery it repeats, its refusal. */
    public record Outcome(String status, long rowsRead, long rowsWritten, long rowsRejected, String resendOf,
                          Refusal refusal) {
        /** A version whose rows (and quarantined rows) were published. */
        public static Outcome published(String status, long read, long written, long rejected) {
            return new Outcome(status, read, written, rejected, null, null);
        }
    }

    /** An entry from its parts. */
    public static LedgerEntry of(Identity i, Content c, Cleaning k, Outcome o) {
        return new LedgerEntry(i.kind(), i.sourceFile(), i.batchId(), i.table(), c.size(), c.modifiedAt(),
                c.contentDigest(), c.digestScheme(), k.cleanedAt(), k.cleanedByRun(), k.cycleId(), o.status(),
                o.rowsRead(), o.rowsWritten(), o.rowsRejected(), o.resendOf(), o.refusal());
    }

    @JsonIgnore
    public Identity identity() {
        return new Identity(kind, sourceFile, batchId, table);
    }

    @JsonIgnore
    public Content content() {
        return new Content(size, modifiedAt, contentDigest, digestScheme);
    }

    @JsonIgnore
    public Cleaning cleaning() {
        return new Cleaning(cleanedAt, cleanedByRun, cycleId);
    }

    @JsonIgnore
    public Outcome outcome() {
        return new Outcome(status, rowsRead, rowsWritten, rowsRejected, resendOf, refusal);
    }
}
