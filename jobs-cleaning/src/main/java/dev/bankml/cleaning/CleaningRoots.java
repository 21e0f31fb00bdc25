package dev.bankml.cleaning;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.fs.Path;

import dev.bankml.cleaning.input.BatchIds;
import dev.bankml.cleaning.input.RawInput;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.DeliveryKind;

/** The resolved locations a cleaning run reads and publishes to. */
record CleaningRoots(String source, String target, Optional<String> leadsSource, Optional<String> leadsTarget,
                     String rejected, Optional<String> ledger) {

    static CleaningRoots of(Storage storage, CleaningConfig c) {
        return new CleaningRoots(storage.resolve(c.sourcePath()), storage.resolve(c.targetPath()),
                c.leads().map(l -> storage.resolve(l.sourcePath())), c.leads().map(l -> storage.resolve(l.targetPath())),
                storage.resolve(c.rejectedPath()), c.ledgerPath().map(storage::resolve));
    }

    /** The table a kind of delivery is published to. */
    String tableOf(DeliveryKind kind) {
        return kind == DeliveryKind.LEADS ? leadsTarget.orElse(target) : target;
    }

    List<String> tables() {
        List<String> out = new ArrayList<>(List.of(target));
        leadsTarget.ifPresent(out::add);
        return out;
    }

    /** The roots besides the cleaned table and the quarantine. */
    List<String> others() {
        List<String> out = new ArrayList<>();
        leadsTarget.ifPresent(out::add);
        ledger.ifPresent(out::add);
        return out;
    }

    List<RawInput.Source> sources(CleaningConfig c) {
        List<RawInput.Source> out = new ArrayList<>();
        for (RawInput.Source s : c.sources()) {
            out.add(new RawInput.Source(s.kind(), s.kind() == DeliveryKind.LEADS ? leadsSource.orElseThrow() : source,
                    s.required(), s.inCycle()));
        }
        return out;
    }

    /** Each kind's delivery folder as an identity (bucket and path, or absolute path): what legacy entries hold. */
    Map<DeliveryKind, String> deliveryFolders() {
        Map<DeliveryKind, String> out = new EnumMap<>(DeliveryKind.class);
        out.put(DeliveryKind.OUTCOMES, BatchIds.identityOf(new Path(source)));
        leadsSource.ifPresent(l -> out.put(DeliveryKind.LEADS, BatchIds.identityOf(new Path(l))));
        return out;
    }
}
