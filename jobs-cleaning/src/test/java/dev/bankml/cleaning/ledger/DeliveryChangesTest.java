package dev.bankml.cleaning.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.bankml.cleaning.input.BatchIds;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.jobs.LedgerEntry;
import dev.bankml.workflow.DeliveryKind;

/** Which deliveries a run reads, found by identity: its folder and its path under it, wherever the warehouse is. */
class DeliveryChangesTest {

    private static LedgerEntry legacy(String location, String table) {
        return LedgerEntry.of(new LedgerEntry.Identity("outcomes", location, BatchIds.of(location), table),
                new LedgerEntry.Content(100, 1_000, "ab", "sha256"), new LedgerEntry.Cleaning("t", "r", "c"),
                LedgerEntry.Outcome.published(LedgerEntry.NEW, 5, 5, 0));
    }

    @Test
    void anEntryWrittenBeforeIsKnownByItsPathUnderTheFolderItLivesUnderWhereverThatIsNow() {
        LedgerEntry onDisk = legacy("/data/wh/raw/outcomes/2026/11.csv", "file:/data/wh/cleaned/outcomes");
        assertEquals(Optional.of("outcomes/2026/11.csv"), DeliveryChanges.legacyIdentity(onDisk, "/data/wh/raw/outcomes"));
        assertEquals(Optional.of("outcomes/2026/11.csv"), DeliveryChanges.legacyIdentity(onDisk, "/backup/wh/raw/outcomes"),
                "a warehouse moved: matched by the longest tail of its folder's path");
        LedgerEntry onS3 = legacy("old-bucket/raw/outcomes/11.csv", "s3a://old-bucket/cleaned/outcomes");
        assertEquals(Optional.of("outcomes/11.csv"), DeliveryChanges.legacyIdentity(onS3, "new-bucket/raw/outcomes"));
        assertEquals(Optional.empty(), DeliveryChanges.legacyIdentity(onDisk, "/data/wh/raw/leads"));
    }

    @Test
    void aListedFileFindsItsLegacyEntryAndKeepsItsBatchIdAndARefusedUploadIsNotReadAgain() {
        String location = "/data/wh/raw/outcomes/11.csv";
        LedgerEntry old = legacy(location, "file:/data/wh/cleaned/outcomes");
        InputFiles.SourceFile listed = new InputFiles.SourceFile("outcomes/11.csv", "11.csv", "file:" + location, 100,
                false, 1_000, DeliveryKind.OUTCOMES, BatchIds.of("outcomes/11.csv"));
        List<Delivery> found = DeliveryChanges.classify(List.of(listed), List.of(old), Optional.empty(),
                Map.of(DeliveryKind.OUTCOMES, "/data/wh/raw/outcomes"));
        assertEquals(Delivery.Status.UNCHANGED, found.get(0).status());
        assertEquals(BatchIds.of(location), found.get(0).file().batchId(), "the partition it has, not a new one");

        LedgerEntry refusedUpload = old.refused(new LedgerEntry.Refusal("shrinks", "", 40, 2_000, "sha256:cd", "t", "r"));
        InputFiles.SourceFile shrunk = new InputFiles.SourceFile("outcomes/11.csv", "11.csv", "file:" + location, 40,
                false, 2_000, DeliveryKind.OUTCOMES, BatchIds.of("outcomes/11.csv"));
        Map<DeliveryKind, String> roots = Map.of(DeliveryKind.OUTCOMES, "/data/wh/raw/outcomes");
        assertEquals(Delivery.Status.REFUSED_EARLIER, DeliveryChanges.classify(List.of(shrunk), List.of(refusedUpload),
                Optional.empty(), roots).get(0).status());
        assertEquals(Delivery.Status.REPROCESSED, DeliveryChanges.classify(List.of(shrunk), List.of(refusedUpload),
                Optional.of("11.csv"), roots).get(0).status());
        assertEquals(Delivery.Status.UNCHANGED, DeliveryChanges.classify(List.of(listed), List.of(refusedUpload),
                Optional.empty(), roots).get(0).status(), "the published version put back");
    }
}
