package dev.bankml.cleaning;

import static dev.bankml.workflow.settings.JobKind.CLEANING;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.bankml.cleaning.audit.PublishGate;
import dev.bankml.cleaning.input.RawInput;
import dev.bankml.cleaning.rules.DuplicatePolicy;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfig;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.RunContext;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.RunSettings;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.Usage;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * The cleaning job's configuration, read once from its Glue-style arguments (see {@link Settings}).
 *
 * @param context      the run's id, metrics and connections
 * @param sourcePath   a CSV file or a folder of CSV files (the outcomes, in a cycle)
 * @param targetPath   root of the cleaned Parquet table (of the outcomes, in a cycle)
 * @param leads        where lead deliveries are read and published, when the run has them
 * @param rejectedPath root of the quarantine table
 * @param reportPath   folder of the run reports ({@code <target_path>/_reports/} by default)
 * @param ledgerPath   the delivery ledger: with it, only new or changed deliveries are cleaned
 * @param reprocess    deliveries to clean again on purpose ({@code all} or one delivery)
 * @param rules        how rows and deliveries are judged
 */
public record CleaningConfig(RunContext context, String sourcePath, String targetPath, Optional<Leads> leads,
                             String rejectedPath, String reportPath, Optional<String> ledgerPath,
                             Optional<String> reprocess, Rules rules) implements JobConfig {

    public static final String USAGE = Usage.of(CLEANING);

    /**
     * How rows and deliveries are judged.
     *
     * @param label           the label column ({@code deposit} by default)
     * @param requireLabel    whether the label column of the source's files must be present (off for data to score)
     * @param duplicates      what to do with repeated records (in a file, or published by an earlier delivery)
     * @param encoding        the input's character encoding (ASCII-compatible)
     * @param limits          what the publish gate allows (rejected share, partition shrink)
     * @param leadsAsOutcomes a lead file whose header names the label is cleaned as outcomes
     *                        ({@code --leads_with_labels outcomes}); otherwise one whose rows carry it is refused
     * @param holdIncomplete  a new delivery that looks incomplete is held back until a later cycle
     */
    public record Rules(String label, boolean requireLabel, DuplicatePolicy duplicates, Charset encoding,
                        PublishGate.Limits limits, boolean leadsAsOutcomes, boolean holdIncomplete) {
    }

    /**
     * Where the lead deliveries come from and go.
     *
     * @param sourcePath the folder of lead deliveries
     * @param targetPath root of the cleaned leads table
     */
    public record Leads(String sourcePath, String targetPath) {
    }

    public static CleaningConfig from(GlueArgs args) {
        String target = args.required(WiringSettings.TARGET_PATH, CLEANING);
        String source = args.required(WiringSettings.SOURCE_PATH, CLEANING);
        String rejected = args.required(WiringSettings.REJECTED_PATH, CLEANING);
        Optional<String> leadsSource = args.find(WiringSettings.LEADS_SOURCE_PATH);
        Optional<String> leadsTarget = args.find(WiringSettings.LEADS_TARGET_PATH);
        if (leadsSource.isPresent() != leadsTarget.isPresent()) {
            throw new JobConfigurationException("give both " + WiringSettings.LEADS_SOURCE_PATH.flag() + " and "
                    + WiringSettings.LEADS_TARGET_PATH.flag() + ", or neither");
        }
        Optional<String> ledger = args.find(WiringSettings.LEDGER_PATH);
        Optional<String> reprocess = args.find(RunSettings.REPROCESS);
        if (reprocess.isPresent() && ledger.isEmpty()) {
            throw new JobConfigurationException(RunSettings.REPROCESS.flag() + " needs " + WiringSettings.LEDGER_PATH.flag()
                    + ": without a ledger every run cleans everything anyway");
        }
        String label = args.get(DeploymentSettings.LABEL);
        return new CleaningConfig(
                RunContext.from(args, CLEANING, label),
                source,
                target,
                leadsSource.map(s -> new Leads(s, leadsTarget.orElseThrow())),
                rejected,
                args.find(WiringSettings.REPORT_PATH).orElse(Storage.join(target, "_reports/")),
                ledger,
                reprocess,
                new Rules(label, args.get(WiringSettings.REQUIRE_LABEL),
                        DuplicatePolicy.valueOf(args.get(CleaningSettings.DUPLICATES).toUpperCase(Locale.ROOT)),
                        Charset.forName(args.get(CleaningSettings.ENCODING)),
                        new PublishGate.Limits(args.get(CleaningSettings.MAX_REJECTED_FRACTION),
                                args.get(CleaningSettings.MAX_PARTITION_SHRINK)),
                        args.get(CleaningSettings.LEADS_WITH_LABELS).equals("outcomes"),
                        args.get(CleaningSettings.HOLD_INCOMPLETE)));
    }

    public String runId() {
        return context.runId();
    }

    public String label() {
        return rules.label();
    }

    public boolean requireLabel() {
        return rules.requireLabel();
    }

    public DuplicatePolicy duplicates() {
        return rules.duplicates();
    }

    public Charset encoding() {
        return rules.encoding();
    }

    public PublishGate.Limits limits() {
        return rules.limits();
    }

    /** Whether the run is a cycle's: with a ledger, deliveries are known by their place in their folder. */
    public boolean inCycle() {
        return ledgerPath.isPresent();
    }

    /**
     * The folders deliveries are read from. Without a ledger the source must hold files (a classic run
     * cleans what it is pointed at); in a cycle an empty folder only means nothing was delivered.
     */
    public List<RawInput.Source> sources() {
        List<RawInput.Source> out = new ArrayList<>();
        out.add(new RawInput.Source(DeliveryKind.OUTCOMES, sourcePath, !inCycle(), inCycle()));
        leads.ifPresent(l -> out.add(new RawInput.Source(DeliveryKind.LEADS, l.sourcePath(), false, inCycle())));
        return out;
    }

    /** The table root a kind of delivery is published to. */
    public String targetOf(DeliveryKind kind) {
        return kind == DeliveryKind.LEADS && leads.isPresent() ? leads.get().targetPath() : targetPath;
    }
}
