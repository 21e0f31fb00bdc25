package dev.bankml.training.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.bankml.jobs.Json;

/**
 * One record of the monitoring history: a delivery measured (out-of-time metrics for outcomes, drift
 * for every kind), a training decision, a lead delivery scored, or a cycle's summary. One flat shape
 * for all of them, so the history is one table (JSON and Parquet); fields that do not apply to a
 * record are null.
 *
 * @param record             {@code delivery}, {@code training}, {@code scoring} or {@code cycle}
 * @param cycleId            the cycle (workflow run) it belongs to
 * @param runId              the job run that wrote it
 * @param at                 when (ISO-8601)
 * @param kind               the delivery's kind ({@code outcomes}, {@code leads})
 * @param version            the delivery's ledger version ({@code batch_id@cleaning_run})
 * @param rows               rows measured or scored
 * @param baseRate           share of yes among the outcomes
 * @param aucRoc             the champion's AUC-ROC on the delivery (out-of-time)
 * @param brier              mean squared error of P(yes) (null for a margin model)
 * @param championTestAucRoc the champion's AUC-ROC on its own test rows
 * @param aucDrop            {@code championTestAucRoc - aucRoc}
 * @param aucAlarm           whether the drop passed the alarm margin
 * @param psi                population stability index per feature
 * @param maxPsi             the largest index (features and score)
 * @param maxPsiOf           which feature (or {@code score}) has it
 * @param psiAlarm           whether it passed the alarm threshold
 * @param unseen             per categorical feature, values the champion never saw, with counts
 * @param decision           training: {@code trained} or {@code skipped}
 * @param reason             why, in words
 * @param newLabelledRows    training: labelled rows since the last training
 * @param trainedOnRows      training: rows the training read
 * @param trainedOn          training: the outcome versions it read
 * @param promoted           training: whether the new champion was promoted
 * @param deliveriesNew      cycle: deliveries cleaned for the first time ...
 * @param deliveriesChanged  ... cleaned again because they changed (or were asked for)
 * @param deliveriesUnchanged ... left alone
 * @param contactShare       outcomes: the top share of the rows, by score, in which the yes answers are counted
 * @param capturedYes        outcomes: the yes answers among the champion's top {@code contactShare} of the rows
 * @param challenger         while a candidate waits: the challenger beside the champion on this delivery
 * @param dpuSeconds         what the job run that wrote the record had cost on Glue when it wrote it, in
 *                           DPU-seconds; on a {@code cycle} record, the cycle's total over the runs that wrote
 *                           records in it (null when the runs were not told their capacity)
 */
public record MonitoringRecord(
        String record,
        String cycleId,
        String runId,
        String at,
        String label,
        String kind,
        String batchId,
        String sourceFile,
        String version,
        String championRunId,
        String championModel,
        Long rows,
        Double baseRate,
        Double aucRoc,
        Double aucPr,
        Double precision,
        Double recall,
        Double brier,
        Double threshold,
        Double championTestAucRoc,
        Double aucDrop,
        Boolean aucAlarm,
        Map<String, Double> psi,
        Double maxPsi,
        String maxPsiOf,
        Double scorePsi,
        Boolean psiAlarm,
        Map<String, Map<String, Long>> unseen,
        String decision,
        String reason,
        Long newLabelledRows,
        Long trainedOnRows,
        List<String> trainedOn,
        Boolean promoted,
        Long rowsScored,
        Long rowsNotScorable,
        Long predictedYes,
        Long deliveriesNew,
        Long deliveriesChanged,
        Long deliveriesUnchanged,
        Double contactShare,
        Long capturedYes,
        Challenger challenger,
        Double dpuSeconds) {

    /**
     * The challenger (the candidate waiting for approval) beside the champion on one delivery: which
     * version, and on outcomes its out-of-time figures (null for leads, which it scored in the shadow).
     *
     * @param capturedYes the yes answers among its top {@code contact_share} of the rows
     */
    public record Challenger(String runId, String model, Double aucRoc, Double aucPr, Double brier, Long capturedYes) {
        /** A lead delivery it scored in the shadow. */
        public static Challenger inTheShadow(String runId, String model) {
            return new Challenger(runId, model, null, null, null, null);
        }

        /** Its out-of-time figures on an outcome delivery. */
        public static Challenger outOfTime(String runId, String model, double aucRoc, double aucPr, double brier,
                                           long capturedYes) {
            return new Challenger(runId, model, Builder.finite(aucRoc), Builder.finite(aucPr), Builder.finite(brier),
                    capturedYes);
        }
    }

    public static final String DELIVERY = "delivery";
    public static final String TRAINING = "training";
    public static final String SCORING = "scoring";
    public static final String CYCLE = "cycle";
    public static final String TRAINED = "trained";
    public static final String SKIPPED = "skipped";

    /** A record with only the fields every record has; the builder's {@code with...} fill the rest. */
    public static Builder of(String record, String cycleId, String runId, String label) {
        return new Builder(record, cycleId, runId, label);
    }

    /**
     * The same record with the cost of the run that writes it (or, for a cycle record, the cycle's): a copy
     * through the record's own JSON form, the form the history stores, so no field is listed twice.
     */
    public MonitoringRecord costing(Double runDpuSeconds) {
        ObjectNode json = Json.MAPPER.valueToTree(this);
        json.put("dpu_seconds", runDpuSeconds);
        return Json.MAPPER.convertValue(json, MonitoringRecord.class);
    }

    public boolean alarm() {
        return Boolean.TRUE.equals(aucAlarm) || Boolean.TRUE.equals(psiAlarm);
    }

    /** Fills a record field by field (the record has too many to pass positionally at every call site). */
    public static final class Builder {
        private final String record;
        private final String cycleId;
        private final String runId;
        private final String label;
        private String at = Instant.now().toString();
        private String kind;
        private String batchId;
        private String sourceFile;
        private String version;
        private String championRunId;
        private String championModel;
        private Long rows;
        private Double baseRate;
        private Double aucRoc;
        private Double aucPr;
        private Double precision;
        private Double recall;
        private Double brier;
        private Double threshold;
        private Double championTestAucRoc;
        private Double aucDrop;
        private Boolean aucAlarm;
        private Map<String, Double> psi;
        private Double maxPsi;
        private String maxPsiOf;
        private Double scorePsi;
        private Boolean psiAlarm;
        private Map<String, Map<String, Long>> unseen;
        private String decision;
        private String reason;
        private Long newLabelledRows;
        private Long trainedOnRows;
        private List<String> trainedOn;
        private Boolean promoted;
        private Long rowsScored;
        private Long rowsNotScorable;
        private Long predictedYes;
        private Long deliveriesNew;
        private Long deliveriesChanged;
        private Long deliveriesUnchanged;
        private Double contactShare;
        private Long capturedYes;
        private Challenger challenger;

        private Builder(String record, String cycleId, String runId, String label) {
            this.record = record;
            this.cycleId = cycleId;
            this.runId = runId;
            this.label = label;
        }

        /** When the record was made (ISO-8601; now unless told). */
        public Builder at(String at) {
            this.at = at;
            return this;
        }

        public Builder delivery(String kind, String batchId, String sourceFile, String version) {
            this.kind = kind;
            this.batchId = batchId;
            this.sourceFile = sourceFile;
            this.version = version;
            return this;
        }

        public Builder champion(String runId, String model, double testAucRoc) {
            this.championRunId = runId;
            this.championModel = model;
            this.championTestAucRoc = finite(testAucRoc);
            return this;
        }

        public Builder rows(long rows) {
            this.rows = rows;
            return this;
        }

        public Builder outOfTime(double baseRate, double aucRoc, double aucPr, double precision, double recall,
                                 double brier, double threshold, double aucDrop, boolean alarm) {
            this.baseRate = finite(baseRate);
            this.aucRoc = finite(aucRoc);
            this.aucPr = finite(aucPr);
            this.precision = finite(precision);
            this.recall = finite(recall);
            this.brier = finite(brier);
            this.threshold = finite(threshold);
            this.aucDrop = finite(aucDrop);
            this.aucAlarm = alarm;
            return this;
        }

        public Builder drift(Map<String, Double> psi, double maxPsi, String maxPsiOf, double scorePsi, boolean alarm,
                             Map<String, Map<String, Long>> unseen) {
            Map<String, Double> finitePsi = new TreeMap<>();
            psi.forEach((k, v) -> {
                if (Double.isFinite(v)) {
                    finitePsi.put(k, v);
                }
            });
            this.psi = finitePsi;
            this.maxPsi = finite(maxPsi);
            this.maxPsiOf = maxPsiOf.isEmpty() ? null : maxPsiOf;
            this.scorePsi = finite(scorePsi);
            this.psiAlarm = alarm;
            this.unseen = unseen;
            return this;
        }

        public Builder decision(String decision, String reason) {
            this.decision = decision;
            this.reason = reason;
            return this;
        }

        public Builder training(long newLabelledRows, long trainedOnRows, List<String> trainedOn,
                                Boolean promoted) {
            this.newLabelledRows = newLabelledRows;
            this.trainedOnRows = trainedOnRows;
            this.trainedOn = trainedOn;
            this.promoted = promoted;
            return this;
        }

        public Builder scoring(long scored, long notScorable, long yes) {
            this.rowsScored = scored;
            this.rowsNotScorable = notScorable;
            this.predictedYes = yes;
            return this;
        }

        public Builder cycle(long newDeliveries, long changed, long unchanged) {
            this.deliveriesNew = newDeliveries;
            this.deliveriesChanged = changed;
            this.deliveriesUnchanged = unchanged;
            return this;
        }

        /** The yes answers among the champion's top share of the delivery's rows, by score. */
        public Builder captured(double share, long yes) {
            this.contactShare = share;
            this.capturedYes = yes;
            return this;
        }

        public Builder challenger(Challenger c) {
            this.challenger = c;
            return this;
        }

        public MonitoringRecord build() {
            return new MonitoringRecord(record, cycleId, runId, at, label, kind, batchId, sourceFile, version,
                    championRunId, championModel, rows, baseRate, aucRoc, aucPr, precision, recall, brier, threshold,
                    championTestAucRoc, aucDrop, aucAlarm, psi, maxPsi, maxPsiOf, scorePsi, psiAlarm, unseen, decision,
                    reason, newLabelledRows, trainedOnRows, trainedOn, promoted, rowsScored, rowsNotScorable,
                    predictedYes, deliveriesNew, deliveriesChanged, deliveriesUnchanged, contactShare, capturedYes,
                    challenger, null);
        }

        static Double finite(double d) {
            return Double.isFinite(d) ? d : null;
        }
    }
}
