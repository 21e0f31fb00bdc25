package dev.bankml.cdk;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.bankml.workflow.MetricNames;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Alarms and a dashboard ({@link PipelineDashboard}) over the metrics the jobs publish ({@link MetricNames}) and Glue's own job
 * metrics. Names, units and dimensions all come from {@link MetricNames}, the constants the jobs
 * publish with.
 *
 * <p>Alarms carry no Unit: CloudWatch matches a metric with a Unit only against data points sent with
 * that same unit, and a mismatch would silently blind the alarm (or, for the missing-data alarm, fire
 * it forever).
 */
public class PipelineMonitoring extends Construct {

    /**
     * What the alarms and the dashboard watch and where they notify.
     *
     * @param namePrefix       prefix of alarm and dashboard names (the topic policy trusts it)
     * @param environment      the Environment dimension
     * @param label            the Label dimension
     * @param thresholds       where the alarms fire
     * @param topic            where alarms notify
     * @param glueJobNames     the Glue job name for each {@code MetricNames.JOB_*} value
     * @param failureRuleNames the EventBridge failure rules (their matches count failures)
     * @param deliveryAlarms   the alarms on lost delivery notifications (shown in the alarm strip)
     */
    public record Props(String namePrefix, String environment, String label, Thresholds thresholds, ITopic topic,
            Map<String, String> glueJobNames, List<String> failureRuleNames, List<? extends IAlarm> deliveryAlarms) {
        public Props {
            // In workflow order: the dashboard's lines follow it.
            glueJobNames = Collections.unmodifiableMap(new LinkedHashMap<>(glueJobNames));
            failureRuleNames = List.copyOf(failureRuleNames);
            deliveryAlarms = List.copyOf(deliveryAlarms);
        }
    }

    /**
     * Where the alarms fire, as the deployment configures them.
     *
     * @param aucFloor                champion AUC-ROC alarm threshold
     * @param rejectedFractionCeiling rejected-fraction alarm threshold
     * @param staleRunHours           hours without a successful scoring run before the alarm fires (0: no alarm)
     * @param aucDropAlarm            the out-of-time AUC-ROC alarm: a drop below the champion's test AUC-ROC above this
     * @param psiAlarm                the drift alarm: a population stability index above this
     */
    public record Thresholds(double aucFloor, double rejectedFractionCeiling, int staleRunHours, double aucDropAlarm,
            double psiAlarm) {

        /** The thresholds a deployment's configuration sets. */
        public static Thresholds of(PipelineConfig config) {
            return new Thresholds(config.aucFloor(), config.rejectedFractionCeiling(), config.staleRunHours(),
                    config.aucDropAlarm(), config.psiAlarm());
        }
    }

    /** Glue's own job metric (from --enable-metrics) shown as each job's duration, in milliseconds. */
    public static final String GLUE_ELAPSED_TIME = "glue.driver.aggregate.elapsedTime";
    /** EventBridge's count of rule matches (namespace AWS/Events, dimension RuleName). */
    public static final String EVENTS_NAMESPACE = "AWS/Events";
    public static final String EVENTS_TRIGGERED_RULES = "TriggeredRules";

    static final Duration PERIOD = Duration.hours(1);
    /** A failure keeps its alarm red on the dashboard this long. */
    static final int FAILURE_VISIBLE_HOURS = 24;

    private final Alarm aucAlarm;
    private final Alarm rejectedAlarm;
    private final Alarm refusedAlarm;
    private final Alarm staleRunAlarm;
    private final Alarm outOfTimeAlarm;
    private final Alarm driftAlarm;
    private final List<Alarm> failureAlarms = new ArrayList<>();
    private final Dashboard dashboard;

    public PipelineMonitoring(Construct scope, String id, Props props) {
        super(scope, id);
        SnsAction notify = new SnsAction(props.topic());

        this.aucAlarm = new Alarm(this, "ChampionAucLow", AlarmProps.builder()
                .alarmName(props.namePrefix() + "-champion-auc-low")
                .alarmDescription("The champion model's test AUC-ROC fell below " + props.thresholds().aucFloor()
                        + ": look at the training report and the cleaned data of the last run")
                .metric(metric(props, MetricNames.CHAMPION_AUC_ROC, "Minimum"))
                .threshold(props.thresholds().aucFloor())
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(1)
                // Training runs once per workflow run: between runs the last verdict stands.
                .treatMissingData(TreatMissingData.IGNORE)
                .build());
        this.rejectedAlarm = new Alarm(this, "RejectedFractionHigh", AlarmProps.builder()
                .alarmName(props.namePrefix() + "-rejected-fraction-high")
                .alarmDescription("The cleaning job rejected more than " + props.thresholds().rejectedFractionCeiling()
                        + " of the rows read: look at the quarantine and the cleaning report")
                .metric(metric(props, MetricNames.REJECTED_FRACTION, "Maximum"))
                .threshold(props.thresholds().rejectedFractionCeiling())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.IGNORE)
                .build());
        // A refused delivery is set aside and the cycle goes on with the others: only a person can fix it (a file
        // that is not the bank's format, or one too damaged to publish), so every refusal reaches the topic.
        this.refusedAlarm = new Alarm(this, "DeliveriesRefused", AlarmProps.builder()
                .alarmName(props.namePrefix() + "-deliveries-refused")
                .alarmDescription("The cleaning job refused a delivery and set it aside (the other deliveries went on): "
                        + "the cleaning report's publication.refused says which file, why and what to do")
                .metric(metric(props, MetricNames.DELIVERIES_REFUSED, "Maximum"))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.IGNORE)
                .build());
        // Scoring is the last step: its RunSucceeded means a whole workflow run succeeded. Every hour
        // without one is breaching, so the alarm fires after staleRunHours hours in a row of silence. Only
        // for deliveries at least weekly (CloudWatch's 7-day evaluation range); 0 leaves it out.
        this.staleRunAlarm = props.thresholds().staleRunHours() <= 0 ? null : new Alarm(this, "NoSuccessfulRun", AlarmProps.builder()
                .alarmName(props.namePrefix() + "-no-successful-run")
                .alarmDescription("No workflow run has finished scoring successfully in the last "
                        + props.thresholds().staleRunHours() + " hours: did the delivery arrive, was the cycle started, did a step fail?")
                .metric(runSucceeded(props, MetricNames.JOB_INFERENCE))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(props.thresholds().staleRunHours())
                .datapointsToAlarm(props.thresholds().staleRunHours())
                .treatMissingData(TreatMissingData.BREACHING)
                .build());
        // The champion on customers it never saw: the same margin the monitoring job flags (and retrains on).
        this.outOfTimeAlarm = new Alarm(this, "OutOfTimeAucDrop", AlarmProps.builder()
                .alarmName(props.namePrefix() + "-out-of-time-auc-drop")
                .alarmDescription("On new outcomes the champion's AUC-ROC fell more than " + props.thresholds().aucDropAlarm()
                        + " below its test AUC-ROC: look at the monitoring report; the next cycle retrains")
                .metric(metric(props, MetricNames.OUT_OF_TIME_AUC_DROP, "Maximum"))
                .threshold(props.thresholds().aucDropAlarm())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.IGNORE)
                .build());
        this.driftAlarm = new Alarm(this, "DriftHigh", AlarmProps.builder()
                .alarmName(props.namePrefix() + "-drift-high")
                .alarmDescription("A new delivery's population stability index (a feature or the score) is above "
                        + props.thresholds().psiAlarm() + ": look at the monitoring report's PSI table; the next cycle retrains")
                .metric(metric(props, MetricNames.MAX_PSI, "Maximum"))
                .threshold(props.thresholds().psiAlarm())
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.IGNORE)
                .build());
        for (Alarm a : alarms()) {
            a.addAlarmAction(notify);
        }
        // Failures are notified by the EventBridge rules themselves (with the run id and error message);
        // these alarms have no action and only keep a failure visible on the dashboard for a day.
        for (String rule : props.failureRuleNames()) {
            failureAlarms.add(new Alarm(this, "Failures-" + rule, AlarmProps.builder()
                    .alarmName(rule + "-last-" + FAILURE_VISIBLE_HOURS + "h")
                    .alarmDescription("A run matched " + rule + " in the last " + FAILURE_VISIBLE_HOURS
                            + " hours (the e-mail from the alerts topic has the details)")
                    .metric(new Metric(MetricProps.builder().namespace(EVENTS_NAMESPACE)
                            .metricName(EVENTS_TRIGGERED_RULES).dimensionsMap(Map.of("RuleName", rule))
                            .statistic("Sum").period(PERIOD).build()))
                    .threshold(1)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .evaluationPeriods(FAILURE_VISIBLE_HOURS)
                    .datapointsToAlarm(1)
                    .treatMissingData(TreatMissingData.NOT_BREACHING)
                    .build()));
        }

        List<IAlarm> strip = new ArrayList<>(alarms());
        strip.addAll(props.deliveryAlarms());
        strip.addAll(failureAlarms);
        this.dashboard = PipelineDashboard.create(this, "Dashboard", props, strip);
    }

    /** One of our metrics, with the dimensions every published data point carries. */
    static Metric metric(Props props, MetricNames.Metric m, String statistic) {
        return ours(props, m.name(), m.job(), statistic);
    }

    /** The same, labelled with its unit for a graph. */
    static Metric labelled(Props props, MetricNames.Metric m, String statistic) {
        return metric(props, m, statistic).with(MetricOptions.builder().label(m.name() + " (" + m.unit() + ")").build());
    }

    /** A job's DPU-seconds (published by every job when it finishes), summed per period. */
    static Metric dpuSeconds(Props props, String job) {
        return ours(props, MetricNames.DPU_SECONDS, job, "Sum");
    }

    static Metric runSucceeded(Props props, String job) {
        return ours(props, MetricNames.RUN_SUCCEEDED, job, "Sum");
    }

    private static Metric ours(Props props, String name, String job, String statistic) {
        return new Metric(MetricProps.builder()
                .namespace(MetricNames.NAMESPACE)
                .metricName(name)
                .dimensionsMap(dimensions(props, job))
                .statistic(statistic)
                .period(PERIOD)
                .build());
    }

    private static Map<String, String> dimensions(Props props, String job) {
        return Map.of(MetricNames.DIM_ENVIRONMENT, props.environment(), MetricNames.DIM_JOB, job,
                MetricNames.DIM_LABEL, props.label());
    }

    public Alarm aucAlarm() {
        return aucAlarm;
    }

    public Alarm rejectedAlarm() {
        return rejectedAlarm;
    }

    /** The alarms on the pipeline's metrics that notify the topic, in the dashboard's order. */
    List<Alarm> alarms() {
        List<Alarm> out = new ArrayList<>(List.of(aucAlarm, rejectedAlarm, refusedAlarm, outOfTimeAlarm, driftAlarm));
        if (staleRunAlarm != null) {
            out.add(3, staleRunAlarm);
        }
        return out;
    }

    /** The no-successful-run alarm, when {@code staleRunHours} asks for one. */
    public Optional<Alarm> staleRunAlarm() {
        return Optional.ofNullable(staleRunAlarm);
    }

    public Alarm outOfTimeAlarm() {
        return outOfTimeAlarm;
    }

    public Alarm driftAlarm() {
        return driftAlarm;
    }

    public List<Alarm> failureAlarms() {
        return failureAlarms;
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
