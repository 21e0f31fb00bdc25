package dev.bankml.local;

import java.util.List;
import java.util.Optional;

import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.settings.Default;
import dev.bankml.workflow.settings.LocalSettings;
import dev.bankml.workflow.settings.Setting.Scope;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.Settings;
import dev.bankml.workflow.settings.ValueType;

/**
 * bin/pipeline's own options: where the warehouse is, what to upload, what to benchmark. Scope
 * {@link Setting.Scope#RUNNER}.
 */
public final class RunnerSettings {
    private RunnerSettings() {
    }

    public static final Setting<String> INPUT = Setting.builder("input", Scope.RUNNER, ValueType.path())
            .byDefault(Default.derived("the repository's data/sample/bank.csv"))
            .help("raw CSV file or folder")
            .build();
    public static final Setting<String> WAREHOUSE = Setting.builder("warehouse", Scope.RUNNER, ValueType.path())
            .byDefault(Default.derived("warehouse/ in the repository"))
            .help("local folder laid out like the buckets")
            .build();
    public static final Setting<String> S3_BUCKET = Setting.builder("s3_bucket", Scope.RUNNER,
                    ValueType.text("[a-z0-9][a-z0-9.-]{2,62}", false, "an S3 bucket name", "NAME"))
            .byDefault("bankml-local")
            .help("with " + LocalSettings.S3_ENDPOINT.flag() + ": the bucket the warehouse lives in")
            .build();
    public static final Setting<String> HISTORY_METRIC = Setting.builder("metric", Scope.RUNNER,
                    ValueType.choice(List.of("auc_pr", "auc_roc", "f1", "accuracy", "precision", "recall",
                            "validation_auc_pr", "train_seconds")))
            .byDefault("auc_pr")
            .help("the metric bin/pipeline history shows")
            .build();
    public static final Setting<Long> BENCH_ROWS = Setting.builder("rows", Scope.RUNNER,
                    ValueType.integer(1_000, 100_000_000, null))
            .byDefault(100_000L)
            .help("rows of the synthetic export the benchmark generates")
            .build();
    public static final Setting<Long> BENCH_REPEAT = Setting.builder("repeat", Scope.RUNNER, ValueType.integer(1, 20, null))
            .byDefault(3L)
            .help("pairs of cleaning runs the benchmark times (medians)")
            .build();
    public static final Setting<List<String>> BENCH_STAGES = Setting.builder("stages", Scope.RUNNER,
                    ValueType.list("generate|clean|train|score|cycle",
                            "some of generate (only), clean, train, score, cycle (the monthly cycle against a full run "
                                    + "on the sample, or on --input)", "clean,train,score"))
            .byDefault(List.of("clean", "train", "score"))
            .help("which stages the benchmark times")
            .build();
    public static final Setting<String> BENCH_WORK = Setting.builder("work", Scope.RUNNER, ValueType.path())
            .byDefault(Default.derived("bench-work/ in the repository"))
            .help("the benchmark's working folder")
            .build();
    public static final Setting<String> DELIVERY_KIND = Setting.builder("kind", Scope.RUNNER,
                    ValueType.choice(DeliveryKind.ids()))
            .help("which kind of delivery the files are: outcomes (labelled history) or leads (to score)")
            .build();
    public static final Setting<String> REPLAY_FIRST_MONTH = Setting.builder("history_until", Scope.RUNNER,
                    ValueType.choice(List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                            "nov", "dec")))
            .byDefault("apr")
            .help("the replay's first delivery holds the outcomes of the months up to this one; then one cycle "
                    + "per month")
            .build();
    public static final Setting<Double> LEADS_SHARE = Setting.builder("leads_share", Scope.RUNNER,
                    ValueType.decimal(0, true, 0.5))
            .byDefault(0.1)
            .help("bin/pipeline run holds this share of the input's rows back as a lead delivery (without the label "
                    + "and the after-call columns) and scores it; 0 delivers every row as outcomes")
            .build();
    public static final Setting<String> PEER_OUTPUT = Setting.builder("output", Scope.RUNNER, ValueType.path())
            .help("the CSV file the peer benchmark's rows are written to")
            .build();

    /** Every option of the runner's own, in order (the job settings are in {@link Settings}). */
    public static final List<Setting<?>> ALL = List.of(INPUT, WAREHOUSE, S3_BUCKET, HISTORY_METRIC, BENCH_ROWS,
            BENCH_REPEAT, BENCH_STAGES, BENCH_WORK, DELIVERY_KIND, REPLAY_FIRST_MONTH,
            LEADS_SHARE, PEER_OUTPUT);

    /** The option with this name, if it is one of the runner's own. */
    static Optional<Setting<?>> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
