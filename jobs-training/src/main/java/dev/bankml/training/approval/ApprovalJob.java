package dev.bankml.training.approval;

import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.jobs.JobMain;
import dev.bankml.jobs.PipelineJob;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.training.champion.ModelStore;
import dev.bankml.training.champion.QualityGate;
import dev.bankml.training.versions.Approval;
import dev.bankml.training.versions.ModelStatus;
import dev.bankml.training.versions.ModelVersion;
import dev.bankml.training.versions.ModelVersions;
import dev.bankml.workflow.settings.JobKind;

/**
 * A person's decision about a model version, on AWS without a laptop: {@code aws glue start-job-run
 * --job-name bankml-<env>-approve --arguments '{"--model_run":"RUN","--by":"NAME","--reason":"TEXT"}'}
 * ({@code "--decision":"reject"} to turn it down); locally {@code bin/pipeline approve|reject RUN}. It holds
 * the warehouse's lock while it decides, so a decision and a running cycle never interleave (a cycle holding
 * it refuses the decision at once, changing nothing). It reads no data: no Spark work.
 */
public final class ApprovalJob {
    private static final Logger LOG = LoggerFactory.getLogger(ApprovalJob.class);

    private ApprovalJob() {
    }

    public static final PipelineJob<ApprovalConfig, ApprovalOutcome> JOB = PipelineJob.of(JobKind.APPROVAL,
            ApprovalConfig.USAGE, ApprovalConfig::from, config -> false,
            (spark, config) -> decide(new Storage(spark.sparkContext().hadoopConfiguration()), config),
            ApprovalOutcome::message);

    public static void main(String[] argv) throws Exception {
        JobMain.run(JOB, argv);
    }

    /**
     * Carries out the decision, holding the warehouse.
     *
     * @throws dev.bankml.jobs.JobConfigurationException naming why the decision cannot be made; nothing changed
     * @throws dev.bankml.jobs.WarehouseBusyException     when a cycle holds the warehouse; nothing changed
     */
    public static ApprovalOutcome decide(Storage storage, ApprovalConfig config) {
        return WarehouseLock.holding(storage, Optional.of(config.ledgerPath()), "approval job", config.context(), () -> {
            Approval approval = new Approval(new ModelStore(storage, config.modelPath()),
                    new ModelVersions(storage, config.modelPath()));
            Approval.Decision d = config.approve()
                    ? approval.approve(config.label(), config.version(), config.by(), config.reason(),
                            QualityGate.PRE_CALL_HOW)
                    : approval.reject(config.label(), config.version(), config.by(), config.reason());
            ApprovalOutcome outcome = new ApprovalOutcome(config.runId(), config.label(), d.version(), d.replaced(),
                    message(d));
            LOG.info("Approval run {}: {}", config.runId(), outcome.message());
            return outcome;
        });
    }

    private static String message(Approval.Decision d) {
        ModelVersion v = d.version();
        ModelVersion.Event e = v.last();
        return "version " + v.runId() + " (" + v.model() + ", label '" + v.label() + "') " + e.status().id() + " by "
                + e.who() + ": " + e.reason() + d.replaced().map(r -> "; version " + r.runId() + " (" + r.model()
                + ") retired").orElse("") + (e.status() == ModelStatus.APPROVED
                ? "; the champion pointer names it: lead deliveries are scored with it from the next cycle" : "");
    }
}
