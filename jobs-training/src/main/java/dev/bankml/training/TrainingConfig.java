package dev.bankml.training;

import java.util.List;
import java.util.Optional;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.PipelineMetrics;
import dev.bankml.jobs.RunIds;
import dev.bankml.workflow.Arg;
import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.PipelineSettings;

/**
 * The training job's configuration, from its Glue-style arguments.
 *
 * @param source          cleaned Parquet root or catalog table
 * @param features        label and feature columns
 * @param algorithms      the algorithms to train
 * @param promotionMargin a champion worse than the previous one by more than this (test AUC-PR) is not promoted
 * @param parallelism     how many models train at the same time
 * @param cleaningReport  the cleaning run report to embed in the HTML report (optional)
 */
public record TrainingConfig(String runId, DataSource source,
                             String modelPath, String metricsPath, String predictionsPath, FeatureSet features,
                             List<Algorithm> algorithms, long seed, double testFraction, TuningBudget tuning,
                             double promotionMargin, int parallelism, Optional<String> cleaningReport,
                             PipelineMetrics metrics) {

    public static final String USAGE = """
            Training job: cleaned bank data -> six tuned MLlib classifiers and XGBoost, metrics, champion model, predictions.
            Required (one source):
              --source_path PATH            cleaned Parquet root (local, s3:// or s3a://), or
              --source_table DB.TABLE       the cleaned table in the Glue Data Catalog / local catalog
              --model_path PATH             model store root (champion pointer per label)
              --metrics_path PATH           metrics root (JSON per run, Parquet history, HTML report)
              --predictions_path PATH       test-split predictions root
            Optional:
              --label NAME                  yes/no column to predict (default deposit; e.g. default, loan)
              --exclude_features a,b        columns never used as features (e.g. duration)
              --models lr,dt,rf,gbt,nb,svm,xgb  which algorithms (default all seven)
              --tuning fast|standard|thorough  search budget (default standard)
              --seed N                      split and model seed (default 42)
              --test_fraction X             share of rows held out for testing (default 0.2)
              --promotion_margin X          keep the previous champion if the new one is worse by more (default 0.01)
              --parallelism N               models trained at the same time (default 2)
              --cleaning_report PATH        cleaning report JSON to show in the HTML report
              --run_id ID, --environment NAME, --publish_metrics true|false, --cloudwatch_endpoint URL,
              --s3_endpoint URL
            Unknown arguments (such as the ones AWS Glue adds) are ignored.""";

    public static TrainingConfig from(GlueArgs args) {
        DataSource source = DataSource.from(args);
        String modelPath = args.required(Arg.MODEL_PATH, "model store root");
        String metricsPath = args.required(Arg.METRICS_PATH, "metrics root");
        String predictionsPath = args.required(Arg.PREDICTIONS_PATH, "test-split predictions root");
        String label = args.string(Arg.LABEL, PipelineSettings.DEFAULT_LABEL).toLowerCase(java.util.Locale.ROOT);
        return new TrainingConfig(
                RunIds.fromArgs(args),
                source,
                modelPath,
                metricsPath,
                predictionsPath,
                FeatureSet.of(label, args.list(Arg.EXCLUDE_FEATURES)),
                Algorithm.parseList(args.list(Arg.MODELS)),
                args.longValue(Arg.SEED, 42),
                args.doubleValue(Arg.TEST_FRACTION, 0.2, 0.05, 0.5),
                TuningBudget.parse(args.string(Arg.TUNING, PipelineSettings.DEFAULT_TUNING)),
                args.doubleValue(Arg.PROMOTION_MARGIN, PipelineSettings.DEFAULT_PROMOTION_MARGIN, 0.0, 1.0),
                (int) args.longValue("parallelism", 2),
                args.optional(Arg.CLEANING_REPORT),
                PipelineMetrics.fromArgs(args, MetricNames.JOB_TRAINING, label));
    }

    public String label() {
        return features.label();
    }
}
