package dev.bankml.training.versions;

import java.util.ArrayList;
import java.util.List;

/**
 * One trained model of one label, and everything decided about it since, in order: what a model-risk
 * review asks of a model version. Written as {@code versions/<run>.json} beside the label's models.
 *
 * @param runId       the training run (the version's name)
 * @param label       the yes/no column it predicts
 * @param model       its algorithm
 * @param features    the input columns it reads
 * @param afterCall   the columns among them known only after the call (empty for a model that may score leads)
 * @param trainedOn   the deliveries its training rows came from, each with its rows
 * @param trainRows   rows of the training split it was fitted on
 * @param test        its figures on the run's test split
 * @param gate        the quality gate's decision on it
 * @param createdAt   when it was trained
 * @param events      every status it has had, first to last (who, when, why)
 */
public record ModelVersion(String runId, String label, String model, List<String> features, List<String> afterCall,
                           List<Delivery> trainedOn, long trainRows, TestFigures test, Gate gate, String createdAt,
                           List<Event> events) {

    public ModelVersion {
        features = List.copyOf(features);
        afterCall = List.copyOf(afterCall);
        trainedOn = List.copyOf(trainedOn);
        events = List.copyOf(events);
    }

    /** A delivery a version learnt from: its partition, its version in the ledger, the rows it gave. */
    public record Delivery(String batchId, String version, long rows) {
    }

    /** The version's figures on its run's test split. */
    public record TestFigures(double aucRoc, double aucPr, double brier, double threshold, long rows) {
    }

    /** The quality gate's decision: passed (compared with the champion on the same test rows) or not, and why. */
    public record Gate(boolean passed, String reason) {
    }

    /** One change of status: when, to what, by whom, why. */
    public record Event(String at, ModelStatus status, String by, String reason) {
    }

    /** The status it has now: its last event's. */
    public ModelStatus status() {
        return events.isEmpty() ? ModelStatus.CANDIDATE : events.get(events.size() - 1).status();
    }

    /** Whether it may score leads at all: it reads no column known only after the call. */
    public boolean preCall() {
        return afterCall.isEmpty();
    }

    /** This version with one more event. */
    public ModelVersion with(Event event) {
        List<Event> more = new ArrayList<>(events);
        more.add(event);
        return new ModelVersion(runId, label, model, features, afterCall, trainedOn, trainRows, test, gate, createdAt,
                more);
    }

    /** The last event that gave it {@code status}, if any. */
    public Event last(ModelStatus s) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).status() == s) {
                return events.get(i);
            }
        }
        return null;
    }
}
