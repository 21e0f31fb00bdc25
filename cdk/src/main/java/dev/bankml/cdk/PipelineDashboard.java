package dev.bankml.cdk;

import static dev.bankml.cdk.PipelineMonitoring.GLUE_ELAPSED_TIME;
import static dev.bankml.cdk.PipelineMonitoring.PERIOD;
import static dev.bankml.cdk.PipelineMonitoring.dpuSeconds;
import static dev.bankml.cdk.PipelineMonitoring.labelled;
import static dev.bankml.cdk.PipelineMonitoring.runSucceeded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bankml.cdk.PipelineMonitoring.Props;
import dev.bankml.workflow.MetricNames;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.DashboardProps;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MathExpressionProps;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.YAxisProps;
import software.constructs.Construct;

/**
 * The pipeline's CloudWatch dashboard: the alarm strip, a row per job, what the runs cost (DPU-seconds
 * per job and per cycle, from {@link MetricNames#DPU_SECONDS}), model quality, the champion on new
 * outcomes, data quality. Every metric comes from {@link MetricNames} or Glue's and EventBridge's own.
 */
public final class PipelineDashboard {

    /** A cycle runs its four jobs within hours, and at most one a day starts on its own: a day is a cycle. */
    static final Duration CYCLE_PERIOD = Duration.days(1);

    private PipelineDashboard() {
    }

    /**
     * The dashboard, as {@code scope}'s child {@code id} (the monitoring construct's, so its logical id stays
     * what it was before the dashboard had a file of its own: a new one would replace a dashboard of the same
     * name, and CloudFormation's cleanup would delete it).
     *
     * @param props  what the monitoring watches
     * @param alarms every alarm, in the strip's order
     */
    static Dashboard create(Construct scope, String id, Props props, List<IAlarm> alarms) {
        return new Dashboard(scope, id, DashboardProps.builder()
                .dashboardName(props.namePrefix() + "-pipeline")
                .defaultInterval(Duration.days(14))
                .widgets(rows(props, alarms))
                .build());
    }

    private static List<List<IWidget>> rows(Props props, List<IAlarm> all) {
        List<List<IWidget>> rows = new ArrayList<>();
        rows.add(List.of(
                TextWidget.Builder.create().width(24).height(2).markdown("# Bank ML pipeline: " + props.environment()
                        + "\nOne row per job (duration from Glue, successful runs and rows from the jobs), what the runs "
                        + "cost, then model quality and data quality. Red alarms below say what to look at first.").build()));
        rows.add(List.of(AlarmStatusWidget.Builder.create().title("Alarms").width(24).height(3).alarms(all).build()));

        Map<String, List<MetricNames.Metric>> rowMetrics = new LinkedHashMap<>();
        rowMetrics.put(MetricNames.JOB_CLEANING, List.of(MetricNames.ROWS_READ, MetricNames.ROWS_WRITTEN,
                MetricNames.ROWS_REJECTED));
        rowMetrics.put(MetricNames.JOB_TRAINING, List.of(MetricNames.TRAINING_ROWS, MetricNames.TRAINING_SECONDS));
        rowMetrics.put(MetricNames.JOB_MONITORING, List.of(MetricNames.UNSEEN_VALUES));
        rowMetrics.put(MetricNames.JOB_INFERENCE, List.of(MetricNames.ROWS_SCORED, MetricNames.SCORING_REJECTED));
        for (Map.Entry<String, List<MetricNames.Metric>> e : rowMetrics.entrySet()) {
            String job = e.getKey();
            String glueJob = props.glueJobNames().get(job);
            rows.add(List.of(
                    graph("Job " + job + ": duration (ms, Glue)", List.of(new Metric(MetricProps.builder()
                            .namespace(JobRole.GLUE_METRIC_NAMESPACE).metricName(GLUE_ELAPSED_TIME)
                            .dimensionsMap(Map.of("JobName", glueJob, "JobRunId", "ALL", "Type", "count"))
                            .statistic("Maximum").period(PERIOD).label(glueJob).build())), List.of()),
                    graph("Job " + job + ": successful runs", List.of(runSucceeded(props, job).with(MetricOptions.builder()
                            .label(MetricNames.RUN_SUCCEEDED + " (" + job + ")").build())), List.of()),
                    graph("Job " + job + ": rows", e.getValue().stream()
                            .map(m -> (IMetric) labelled(props, m, "Sum")).toList(), List.of())));
        }

        rows.add(cost(props));
        rows.add(List.of(
                graph("Model quality: champion AUC", List.of(labelled(props, MetricNames.CHAMPION_AUC_ROC, "Maximum"),
                        labelled(props, MetricNames.CHAMPION_AUC_PR, "Maximum")),
                        List.of(HorizontalAnnotation.builder().value(props.thresholds().aucFloor()).label("AUC-ROC alarm floor").build())),
                graph("Model quality: margin over previous champion", List.of(
                        labelled(props, MetricNames.CHAMPION_MARGIN, "Maximum")), List.of()),
                graph("Model quality: promoted (1) or kept previous (0)", List.of(
                        labelled(props, MetricNames.MODEL_PROMOTED, "Maximum")), List.of())));
        rows.add(List.of(
                graph("New outcomes: the champion's out-of-time AUC-ROC", List.of(
                        labelled(props, MetricNames.OUT_OF_TIME_AUC_ROC, "Minimum")), List.of()),
                graph("New outcomes: AUC-ROC drop below the champion's test AUC-ROC", List.of(
                        labelled(props, MetricNames.OUT_OF_TIME_AUC_DROP, "Maximum")),
                        List.of(HorizontalAnnotation.builder().value(props.thresholds().aucDropAlarm()).label("alarm").build())),
                graph("Drift: largest PSI of a new delivery", List.of(labelled(props, MetricNames.MAX_PSI, "Maximum")),
                        List.of(HorizontalAnnotation.builder().value(props.thresholds().psiAlarm()).label("alarm").build()))));
        rows.add(List.of(
                graph("Data quality: rows", List.of(labelled(props, MetricNames.ROWS_READ, "Sum"),
                        labelled(props, MetricNames.ROWS_WRITTEN, "Sum"), labelled(props, MetricNames.ROWS_REJECTED, "Sum")),
                        List.of()),
                graph("Data quality: rejected fraction", List.of(labelled(props, MetricNames.REJECTED_FRACTION, "Maximum")),
                        List.of(HorizontalAnnotation.builder().value(props.thresholds().rejectedFractionCeiling())
                                .label("alarm ceiling").build())),
                graph("Scoring: share predicted yes", List.of(labelled(props, MetricNames.POSITIVE_SHARE, "Maximum")),
                        List.of())));
        return rows;
    }

    private static GraphWidget graph(String title, List<IMetric> metrics, List<HorizontalAnnotation> annotations) {
        return GraphWidget.Builder.create().title(title).width(8).height(6).left(metrics)
                .leftAnnotations(annotations)
                .leftYAxis(YAxisProps.builder().showUnits(false).build())
                .build();
    }

    /**
     * What the runs cost, in DPU-seconds (Glue's billing unit: workers x DPUs per worker x seconds, one
     * minute at least): each job's runs, each cycle's total (the four jobs' sum per day), and the total over
     * the dashboard's time range in DPU-hours, which the region's price per DPU-hour turns into money.
     */
    private static List<IWidget> cost(Props props) {
        Map<String, IMetric> byJob = new LinkedHashMap<>();
        List<IMetric> lines = new ArrayList<>();
        int i = 0;
        for (String job : props.glueJobNames().keySet()) {
            Metric m = dpuSeconds(props, job);
            lines.add(m.with(MetricOptions.builder().label(MetricNames.DPU_SECONDS + " (" + job + ")").build()));
            byJob.put("j" + i++, m.with(MetricOptions.builder().period(CYCLE_PERIOD).build()));
        }
        String sum = "SUM([" + String.join(",", byJob.keySet()) + "])";
        MathExpression perCycle = new MathExpression(MathExpressionProps.builder().expression(sum).usingMetrics(byJob)
                .label("DPU-seconds of the day's cycle (all jobs)").period(CYCLE_PERIOD).build());
        MathExpression hours = new MathExpression(MathExpressionProps.builder().expression(sum + "/3600")
                .usingMetrics(byJob).label("DPU-hours in the time range (x the price per DPU-hour)").period(CYCLE_PERIOD)
                .build());
        return List.of(
                graph("Cost: DPU-seconds per job run", lines, List.of()),
                graph("Cost: DPU-seconds per cycle", List.of(perCycle), List.of()),
                SingleValueWidget.Builder.create().title("Cost: DPU-hours, whole time range").width(8).height(6)
                        .metrics(List.of(hours)).setPeriodToTimeRange(true).build());
    }
}
