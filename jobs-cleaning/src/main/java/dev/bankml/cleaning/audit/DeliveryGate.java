package dev.bankml.cleaning.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.Refusal;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.RunSettings;

/**
 * Which deliveries of a cycle the cleaning refuses, each on its own counts, so that one bad file is set
 * aside and the others are published: a lead file whose rows carry the label (it holds outcomes), a
 * delivery with too large a share of rejected rows, a new version of a delivery that would remove too
 * many of its partition's rows. Pure.
 */
public final class DeliveryGate {
    private DeliveryGate() {
    }

    /**
     * @param previousRows rows now published in each partition this run would replace
     * @param reportFile   where the run report goes, for the messages
     * @return batch id → why it is refused, for the refused deliveries only
     */
    public static Map<String, Refusal> refusals(CleaningCounts counts, InputFiles input, Map<String, Long> previousRows,
                                                PublishGate.Limits limits, String label, String reportFile) {
        Map<String, Refusal> out = new TreeMap<>();
        for (InputFiles.SourceFile f : input.files()) {
            labelledLeads(counts, f, label)
                    .or(() -> rejectedShare(counts, f, limits, reportFile))
                    .or(() -> shrink(counts, f, previousRows, limits))
                    .ifPresent(r -> out.put(f.batchId(), r));
        }
        return out;
    }

    private static Optional<Refusal> labelledLeads(CleaningCounts counts, InputFiles.SourceFile f, String label) {
        long labelled = counts.partitions().ignoredValues().getOrDefault(f.batchId(), Map.of()).getOrDefault(label, 0L);
        if (f.kind() != DeliveryKind.LEADS || labelled == 0) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(String.format(Locale.ROOT, "%s was delivered as leads, but %,d of its %,d rows "
                        + "carry a value in the label column '%s': leads are customers not called yet, so this file "
                        + "holds outcomes", f.identity(), labelled, counts.rowsReadOf(f.batchId()), label),
                "deliver it as outcomes (to the outcomes deliveries: bin/pipeline deliver with kind outcomes, "
                        + "or the outcomes prefix of the raw bucket) and remove it from the leads, or clean lead files whose header names the label as outcomes "
                        + "with " + CleaningSettings.LEADS_WITH_LABELS.flag() + " outcomes"));
    }

    private static Optional<Refusal> rejectedShare(CleaningCounts counts, InputFiles.SourceFile f,
                                                   PublishGate.Limits limits, String reportFile) {
        long read = counts.rowsReadOf(f.batchId());
        long rejected = counts.rejectedPerPartition().getOrDefault(f.batchId(), 0L);
        double share = read == 0 ? 0.0 : (double) rejected / read;
        if (share <= limits.maxRejectedFraction()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(String.format(Locale.ROOT, "%,d of the %,d rows of %s (%.2f%%) were rejected, "
                        + "above %s %s", rejected, read, f.identity(), 100 * share,
                CleaningSettings.MAX_REJECTED_FRACTION.flag(), limits.maxRejectedFraction()),
                "look at the reasons in the run report (" + reportFile + ") and in the quarantine (batch_id="
                        + f.batchId() + "); deliver the file again, corrected, under the same name, or raise "
                        + CleaningSettings.MAX_REJECTED_FRACTION.flag() + " and run with " + RunSettings.REPROCESS.flag()
                        + " " + f.identity()));
    }

    private static Optional<Refusal> shrink(CleaningCounts counts, InputFiles.SourceFile f,
                                            Map<String, Long> previousRows, PublishGate.Limits limits) {
        long before = previousRows.getOrDefault(f.batchId(), 0L);
        long after = counts.rowsPerPartition().getOrDefault(f.batchId(), 0L);
        double lost = before == 0 ? 0.0 : (double) (before - after) / before;
        if (lost <= limits.maxPartitionShrink()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(String.format(Locale.ROOT, "this version of %s would shrink its partition "
                        + "batch_id=%s from %,d to %,d cleaned rows (%.0f%% fewer), more than %s %s allows; the "
                        + "published version stays", f.identity(), f.batchId(), before, after, 100 * lost,
                CleaningSettings.MAX_PARTITION_SHRINK.flag(), limits.maxPartitionShrink()),
                "if this version is right (a correction, a deliberate truncation), run with "
                        + CleaningSettings.MAX_PARTITION_SHRINK.flag() + " 1 " + RunSettings.REPROCESS.flag() + " "
                        + f.identity()));
    }
}
