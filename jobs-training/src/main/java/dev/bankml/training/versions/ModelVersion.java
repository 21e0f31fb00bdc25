package dev.bankml.training.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One trained model of one label, and everything decided about it since, in order: what a model-risk
 * review asks of a model version. Written as one JSON line ({@code <models>/versions/<label>-<run>.json}),
 * the row of the catalog's {@code model_versions} table (workflow/.../catalog/OutputTables spells the
 * same names).
 *
 * @param runId    the training run that saved it (the version's name; scored rows carry it as
 *                 {@code model_run_id})
 * @param label    the yes/no column it predicts
 * @param model    its algorithm
 * @param inputs   the columns it reads
 * @param training what it learnt from
 * @param test     its figures on the run's test split
 * @param gate     the quality gate's decision on it
 * @param events   every status it has had, first to last (who, when, why)
 */
public record ModelVersion(String runId, String label, String model, Inputs inputs, Training training,
                           TestFigures test, Gate gate, List<Event> events) {

    public ModelVersion {
        events = List.copyOf(events);
    }

    /**
     * The columns a version reads.
     *
     * @param features  the input columns
     * @param afterCall those among them known only after the call (empty for a model that may score leads)
     */
    public record Inputs(List<String> features, List<String> afterCall) {
        public Inputs {
            features = List.copyOf(features);
            afterCall = List.copyOf(afterCall);
        }
    }

    /**
     * What a version learnt from.
     *
     * @param at         when it was trained
     * @param source     the table or folder the training read
     * @param deliveries the outcome deliveries its rows came from (empty for a training without a ledger)
     * @param rows       rows of the training split it was fitted on
     */
    public record Training(String at, String source, List<Delivery> deliveries, long rows) {
        public Training {
            deliveries = List.copyOf(deliveries);
        }
    }

    /** A delivery a version learnt from: its partition, its file, its version in the ledger, the rows it gave. */
    public record Delivery(String batchId, String sourceFile, String version, long rows) {
    }

    /** The version's figures on its run's test split (null where a figure is not a number: no Brier for margins). */
    public record TestFigures(Double aucRoc, Double aucPr, Double brier, Double threshold, long rows) {
        public static TestFigures of(double aucRoc, double aucPr, double brier, double threshold, long rows) {
            return new TestFigures(finite(aucRoc), finite(aucPr), finite(brier), finite(threshold), rows);
        }

        private static Double finite(double d) {
            return Double.isFinite(d) ? d : null;
        }
    }

    /** The quality gate's decision: passed (compared with the champion on the same test rows) or not, and why. */
    public record Gate(boolean passed, String reason) {
    }

    /** One change of status: when, to what, by whom, why. */
    public record Event(String at, ModelStatus status, String who, String reason) {
    }

    /** The status it has now: its last event's. */
    public ModelStatus status() {
        return events.isEmpty() ? ModelStatus.CANDIDATE : last().status();
    }

    /** Its last event (null for a version with none, which is a candidate). */
    public Event last() {
        return events.isEmpty() ? null : events.get(events.size() - 1);
    }

    /** Whether it may score leads at all: it reads no column known only after the call. */
    public boolean preCall() {
        return inputs.afterCall().isEmpty();
    }

    /** This version with one more event. */
    public ModelVersion with(Event event) {
        List<Event> more = new ArrayList<>(events);
        more.add(event);
        return new ModelVersion(runId, label, model, inputs, training, test, gate, more);
    }

    /** The last event that gave it {@code status}, if any. */
    public Optional<Event> last(ModelStatus s) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).status() == s) {
                return Optional.of(events.get(i));
            }
        }
        return Optional.empty();
    }

    /** The approval in force at {@code when} (ISO-8601): the last approval at or before it. */
    public Optional<Event> approvalAt(String when) {
        Event found = null;
        for (Event e : events) {
            if (e.status() == ModelStatus.APPROVED && e.at().compareTo(when) <= 0) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }
}
