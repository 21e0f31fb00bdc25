package dev.bankml.jobs;

/**
 * One delivery as the ledger records it: its identity (location, size, modification time, content
 * digest), where its rows were published, when and by which run, and its counts. Written by the
 * cleaning job in the same publication as the delivery's partitions, so the two always agree; read by
 * every later step of a cycle to find the deliveries it has not handled yet.
 *
 * @param kind          {@code outcomes} or {@code leads}
 * @param sourceFile    the delivery's identity (bucket and key, or absolute path)
 * @param batchId       its partition in its table (and in the quarantine)
 * @param table         the cleaned table's root it was published to
 * @param size          bytes, as listed
 * @param modifiedAt    modification time as listed (ms since the epoch)
 * @param contentDigest SHA-256 of its bytes (hex), taken while the cleaning pass read them
 * @param digestScheme  {@code sha256} (the file's bytes), or {@code sha256-of-N-ranges} for a file cut
 *                      into N ranges (the SHA-256 of the ranges' digests, in order)
 * @param cleanedAt     when it was published
 * @param cleanedByRun  the cleaning run that published it
 * @param cycleId       the cycle (workflow run) that run belonged to
 * @param status        how this version came to be: {@code new}, {@code changed} or {@code reprocessed}
 */
public record LedgerEntry(String kind, String sourceFile, String batchId, String table, long size, long modifiedAt,
                          String contentDigest, String digestScheme, String cleanedAt, String cleanedByRun,
                          String cycleId, String status, long rowsRead, long rowsWritten, long rowsRejected) {

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
}
