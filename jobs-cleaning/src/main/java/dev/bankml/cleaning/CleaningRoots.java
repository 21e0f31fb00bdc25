package dev.bankml.cleaning;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
                    s.required()));
        }
        return out;
    }
}
