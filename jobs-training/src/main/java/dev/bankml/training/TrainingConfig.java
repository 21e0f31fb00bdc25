package dev.bankml.training;

import static dev.bankml.workflow.settings.JobKind.TRAINING;

import java.util.List;
import java.util.Optional;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.RunContext;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.TuningBudget;
import dev.bankml.training.data.DataSource;
import dev.bankml.training.features.FeatureSet;
import dev.bankml.training.history.RetrainPolicy;
import dev.bankml.training.report.RunParameters;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.TrainingSettings;
import dev.bankml.workflow.settings.Usage;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The training job's configuration, read once from its Glue-style arguments (see {@link Settings}).
 *
 * @param context         the run's id, metrics and connections
 * @param source          cleaned Parquet root or catalog table
 * @param features        label and feature columns
 * @param algorithms      the algorithms to train
 * @param promotion       when a run's champion replaces the label's
 * @param parallelism     how many models train at the same time
 * @param cleaningReport  the cleaning run report to embed in the HTML report (optional)
 * @param ledgerPath      the delivery ledger: with it, a run trains only when the retraining policy says so
 * @param monitoringPath  the monitoring history (the policy reads it; the decision is recorded there)
 * @param retrain         train whatever the policy says
 * @param policy          when training is due
 */
public record TrainingConfig(RunContext context, DataSource source, String modelPath, String metricsPath,
                             String predictionsPath, FeatureSet features, List<Algorithm> algorithms, long seed,
                             double testFraction, TuningBudget tuning, Promotion promotion, int parallelism,
                             Optional<String> cleaningReport, Optional<String> ledgerPath,
                             Optional<String> monitoringPath, boolean retrain, RetrainPolicy policy)
        implements JobConfig {

    public static final String USAGE = Usage.of(TRAINING,
            "Give exactly one of " + WiringSettings.SOURCE_PATH.flag() + " and " + WiringSettings.SOURCE_TABLE.flag() + ".");

    /**
     * When a run's champion replaces the label's.
     *
     * @param margin a champion worse than the previous one by more than this (test AUC-PR) fails the gate
     * @param manual whether a model that passes waits as a candidate for a person's approval (else the gate
     *               approves it)
     */
    public record Promotion(double margin, boolean manual) {
    }

    public static TrainingConfig from(GlueArgs args) {
        DataSource source = DataSource.from(args);
        String modelPath = args.required(WiringSettings.MODEL_PATH, TRAINING);
        String metricsPath = args.required(WiringSettings.METRICS_PATH, TRAINING);
        String predictionsPath = args.required(WiringSettings.PREDICTIONS_PATH, TRAINING);
        String label = args.get(DeploymentSettings.LABEL);
        return new TrainingConfig(
                RunContext.from(args, TRAINING, label),
                source,
                modelPath,
                metricsPath,
                predictionsPath,
                FeatureSet.of(label, args.get(TrainingSettings.EXCLUDE_FEATURES), args.get(TrainingSettings.FEATURES)),
                Algorithm.parseList(args.get(TrainingSettings.MODELS)),
                args.get(TrainingSettings.SEED),
                args.get(TrainingSettings.TEST_FRACTION),
                TuningBudget.parse(args.get(TrainingSettings.TUNING)),
                new Promotion(args.get(TrainingSettings.PROMOTION_MARGIN),
                        TrainingSettings.MANUAL.equals(args.get(TrainingSettings.APPROVAL))),
                Math.toIntExact(args.get(TrainingSettings.PARALLELISM)),
                args.find(WiringSettings.CLEANING_REPORT),
                args.find(WiringSettings.LEDGER_PATH),
                args.find(WiringSettings.MONITORING_PATH),
                args.get(RunSettings.RETRAIN),
                new RetrainPolicy(args.get(TrainingSettings.RETRAIN_MIN_NEW_ROWS), args.get(TrainingSettings.RETRAIN_MIN_NEW_SHARE)));
    }

    public String runId() {
        return context.runId();
    }

    public String label() {
        return features.label();
    }

    /** What the run was asked to do, as its report shows it. */
    public RunParameters parameters() {
        return new RunParameters(source.describe(), label(), features.inputColumns(), features.excluded(),
                algorithms.stream().map(Algorithm::id).toList(), tuning.id(), seed, testFraction, promotion.margin());
    }
}
