package dev.bankml.cleaning;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.cleaning.input.Refusal;
import dev.bankml.cleaning.ledger.DeliveryOutcomes;

/**
 * What a person must hear about the deliveries of a run, in the run's one-line summary and in the log:
 * re-uploads and resends not published again (naming the delivery a resend repeats), refusals with the
 * reason and what to do, deliveries refused earlier and still there, uploads that look incomplete.
 */
final class DeliveryNotes {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryNotes.class);

    private DeliveryNotes() {
    }

    /** The notes of a report, each after "; ", or nothing. */
    static String of(CleaningReport r) {
        StringBuilder b = new StringBuilder();
        long reuploaded = r.deliveries().stream().filter(CleaningReport.DeliveryReport::sameContent).count();
        if (reuploaded > 0) {
            b.append("; ").append(reuploaded).append(reuploaded == 1 ? " delivery" : " deliveries")
                    .append(" uploaded again with the bytes it had: read, not published again");
        }
        CleaningReport.Publication p = r.publication();
        p.resends().forEach(s -> b.append("; ").append(s.sourceFile()).append(" is a resend, ").append(s.reason())
                .append(": nothing of it is published, evaluated, trained on or scored"));
        p.refused().forEach(s -> b.append("; REFUSED ").append(s.sourceFile()).append(" (set aside): ").append(s.reason()));
        list(b, p.refusedEarlier(), " refused earlier and unchanged since: not read again (", ")");
        p.held().forEach(s -> b.append("; held back ").append(s.sourceFile()).append(": ").append(s.reason()));
        p.incomplete().stream().filter(s -> p.held().stream().noneMatch(h -> h.batchId().equals(s.batchId())))
                .forEach(s -> b.append("; ").append(s.sourceFile()).append(" looks incomplete: ").append(s.reason()));
        return b.toString();
    }

    private static void list(StringBuilder b, List<CleaningReport.SetAside> items, String what, String end) {
        if (!items.isEmpty()) {
            b.append("; ").append(items.size()).append(items.size() == 1 ? " delivery" : " deliveries").append(what)
                    .append(String.join(", ", items.stream().map(CleaningReport.SetAside::sourceFile).toList()))
                    .append(end);
        }
    }

    /** One log line per delivery a person should know about. */
    static void log(List<DeliveryOutcomes.Outcome> outcomes) {
        for (DeliveryOutcomes.Outcome o : outcomes) {
            String file = o.delivery().file().identity();
            switch (o.kind()) {
                case RESEND -> LOG.warn("Delivery {} is a resend: {}; nothing of it is published again", file,
                        CleaningRun.repeats(o.original().orElseThrow()));
                case REFUSED -> LOG.error("Delivery {} refused and set aside: {}. What to do: {}", file,
                        o.refusal().map(Refusal::reason).orElse(""), o.refusal().map(Refusal::whatToDo).orElse(""));
                case REFUSED_EARLIER -> LOG.warn("Delivery {} was refused earlier and is unchanged: {}", file,
                        o.refusal().map(Refusal::reason).orElse(""));
                case HELD -> LOG.warn("Delivery {} held back until a later cycle: {}", file, o.incomplete().orElse(""));
                case SAME_CONTENT -> LOG.info("Delivery {} was uploaded again with the bytes it had: its partitions "
                        + "stay as they are", file);
                default -> o.incomplete().ifPresent(why -> LOG.warn("Delivery {} looks incomplete: {}", file, why));
            }
        }
    }
}
