package dev.bankml.jobs;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import dev.bankml.workflow.MetricNames;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.JobKind;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * Publishes a job's data- and model-quality figures to CloudWatch (namespace, names, units and
 * dimensions from {@link MetricNames}), when {@code --publish_metrics true}, in the job's own region.
 * Monitoring must never break the data path: any failure to publish is logged and swallowed. A job
 * asked to publish without a region to publish in is refused at configuration time instead: metrics
 * sent to a guessed region would land where no alarm or dashboard of the stack looks.
 */
public final class PipelineMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineMetrics.class);

    /** The AWS CLI's region variable; the SDK for Java v2 reads only {@code AWS_REGION}, so it is added here. */
    public static final String DEFAULT_REGION_VARIABLE = "AWS_DEFAULT_REGION";

    private final boolean enabled;
    private final Optional<String> endpoint;
    private final Optional<Region> region;
    private final List<Dimension> dimensions;
    /** The run's capacity, when it was told it: its DPU-seconds are then published with its other figures. */
    private final Optional<RunCost> cost;
    /** When the run started, as far as the job can tell: when its arguments were read. */
    private final Stopwatch clock = Stopwatch.start();

    private PipelineMetrics(boolean enabled, Optional<String> endpoint, Optional<String> givenRegion,
                            String environment, String job, String label, Optional<RunCost> cost) {
        this.enabled = enabled;
        this.cost = cost;
        this.endpoint = endpoint;
        // The region the stack gives (--aws_region) first: nothing documents a region variable on Glue 5.0 workers.
        this.region = enabled ? Optional.of(givenRegion.map(Region::of).orElseGet(PipelineMetrics::jobRegion))
                : Optional.empty();
        this.dimensions = List.of(
                Dimension.builder().name(MetricNames.DIM_ENVIRONMENT).value(environment).build(),
                Dimension.builder().name(MetricNames.DIM_JOB).value(job).build(),
                Dimension.builder().name(MetricNames.DIM_LABEL).value(label).build());
    }

    /**
     * @param job   the job publishing (its id is the Job dimension)
     * @throws JobConfigurationException when publishing is on, no {@code --aws_region} is given and no
     *                                   region resolves (see {@link #jobRegion()})
     */
    public static PipelineMetrics fromArgs(GlueArgs args, JobKind job, String label) {
        return new PipelineMetrics(args.get(DeploymentSettings.PUBLISH_METRICS), args.find(DeploymentSettings.CLOUDWATCH_ENDPOINT),
                args.find(WiringSettings.AWS_REGION), args.get(DeploymentSettings.ENVIRONMENT), job.id(), label,
                RunCost.from(args));
    }

    /** Publishing in the region the SDK's lookup finds ({@link #jobRegion()}). */
    public static PipelineMetrics of(boolean enabled, Optional<String> endpoint, String environment, String job,
                                     String label) {
        return new PipelineMetrics(enabled, endpoint, Optional.empty(), environment, job, label, Optional.empty());
    }

    /**
     * What the run has cost so far by Glue's billing rule ({@link RunCost}): workers x DPU per worker x the
     * seconds since its arguments were read, one minute at least; empty when the run was not told its capacity.
     */
    public Optional<Double> dpuSeconds() {
        return cost.map(c -> c.dpuSeconds(clock.totalSeconds()));
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The region the job runs in, as the AWS SDK would find it, plus the AWS CLI's variable: the
     * {@code aws.region} system property, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the
     * profile file ({@code ~/.aws/config}), then the instance metadata service.
     *
     * @throws JobConfigurationException naming what to set, when none of them gives a region
     */
    public static Region jobRegion() {
        AwsRegionProviderChain chain = new AwsRegionProviderChain(new SystemSettingsRegionProvider(),
                () -> {
                    String value = System.getenv(DEFAULT_REGION_VARIABLE);
                    return value == null || value.isBlank() ? null : Region.of(value.strip());
                },
                new AwsProfileRegionProvider(), new InstanceProfileRegionProvider());
        try {
            return chain.getRegion();
        } catch (RuntimeException e) {
            throw new JobConfigurationException(DeploymentSettings.PUBLISH_METRICS.flag() + " is true but no AWS region is "
                    + "configured, and CloudWatch metrics must go to the job's own region (where the stack's alarms "
                    + "and dashboard read them). Pass " + WiringSettings.AWS_REGION.flag() + " (the stack does), or set "
                    + "AWS_REGION (or AWS_DEFAULT_REGION, or -Daws.region=...) to the region of the job, or pass "
                    + DeploymentSettings.PUBLISH_METRICS.flag() + " false. (" + e.getMessage() + ")");
        }
    }

    /** Values keyed by metric; NaN values are left out. Returns how many data points were sent (0 if off or failed). */
    public int publish(Map<MetricNames.Metric, Double> values, boolean runSucceeded) {
        if (!enabled) {
            return 0;
        }
        Instant now = Instant.now();
        List<MetricDatum> data = new ArrayList<>();
        values.forEach((metric, value) -> {
            if (value != null && !value.isNaN() && !value.isInfinite()) {
                data.add(datum(metric.name(), value, metric.unit(), now));
            }
        });
        if (runSucceeded) {
            data.add(datum(MetricNames.RUN_SUCCEEDED, 1.0, "Count", now));
        }
        dpuSeconds().ifPresent(d -> data.add(datum(MetricNames.DPU_SECONDS, d, "None", now)));
        try (CloudWatchClient client = client()) {
            // PutMetricData takes at most 1000 data points per call; we send a dozen at most.
            client.putMetricData(b -> b.namespace(MetricNames.NAMESPACE).metricData(data));
            LOG.info("Published {} metric(s) to CloudWatch namespace {}", data.size(), MetricNames.NAMESPACE);
            return data.size();
        } catch (RuntimeException e) {
            LOG.warn("Could not publish metrics to CloudWatch ({}); the job goes on", e.toString());
            return 0;
        }
    }

    private MetricDatum datum(String name, double value, String unit, Instant at) {
        return MetricDatum.builder().metricName(name).value(value).unit(StandardUnit.fromValue(unit))
                .dimensions(dimensions).timestamp(at).build();
    }

    private CloudWatchClient client() {
        CloudWatchClientBuilder b = CloudWatchClient.builder().httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(e -> b.endpointOverride(URI.create(e)));
        b.region(region.orElseThrow());
        return b.build();
    }

    /** A map builder that keeps insertion order, for readable call sites. */
    public static Map<MetricNames.Metric, Double> values(Object... metricThenValue) {
        Map<MetricNames.Metric, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < metricThenValue.length; i += 2) {
            out.put((MetricNames.Metric) metricThenValue[i], ((Number) metricThenValue[i + 1]).doubleValue());
        }
        return out;
    }
}
