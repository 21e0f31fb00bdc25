package dev.bankml.cleaning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.bankml.cleaning.audit.CleaningCounts;
import dev.bankml.cleaning.input.InputFiles;
import dev.bankml.cleaning.input.InputSplit;
import dev.bankml.cleaning.input.RawInput;
import dev.bankml.cleaning.pass.ContentKeys;
import dev.bankml.cleaning.pass.KeySet;
import dev.bankml.cleaning.pass.SplitCleaner;
import dev.bankml.cleaning.pass.SplitResult;
import dev.bankml.cleaning.publication.StagingArea;
import dev.bankml.jobs.SparkSessions;
import dev.bankml.jobs.Storage;

/**
 * The run's Spark work: the input cut into splits, one task per split that cleans its lines and
 * writes both tables' Parquet files into the staging folders, counting everything on the way (one
 * Spark job), preceded by a line-counting scan only for files cut into several splits.
 */
final class CleaningPass implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CleaningPass.class);

    private final JavaSparkContext jsc;
    private final CleaningConfig config;
    private final StagingArea staging;
    private final Broadcast<SerializableWritable<Configuration>> hadoop;

    private CleaningPass(JavaSparkContext jsc, CleaningConfig config, StagingArea staging,
                         Broadcast<SerializableWritable<Configuration>> hadoop) {
        this.jsc = jsc;
        this.config = config;
        this.staging = staging;
        this.hadoop = hadoop;
    }

    static CleaningPass start(SparkSession spark, Storage storage, CleaningConfig config, StagingArea staging) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new CleaningPass(jsc, config, staging, jsc.broadcast(new SerializableWritable<>(new Configuration(storage.conf()))));
    }

    /** The input's splits: whole small files, byte ranges of large ones. */
    List<InputSplit> plan(InputFiles input, Storage storage) {
        return RawInput.plan(input, jsc.sc().defaultParallelism(), storage.conf());
    }

    /**
     * For files cut into several splits only: one scan that counts each split's lines (so every line
     * gets its number in the cleaning pass) and its content keys (so a record repeated across a split
     * boundary is still a duplicate). Whole files need none of this: their task sees every line.
     */
    CleaningCounts.SplitIndex scan(InputFiles input, List<InputSplit> splits) {
        List<InputSplit> cut = splits.stream().filter(s -> !s.wholeFile()).toList();
        if (cut.isEmpty()) {
            return new CleaningCounts.SplitIndex(Map.of(), Map.of());
        }
        LOG.info("Scanning {} split(s) of {} large file(s) to number their lines", cut.size(),
                cut.stream().mapToInt(InputSplit::fileIndex).distinct().count());
        SplitCleaner.Plan plan = plan(input, Map.of(), Map.of(), false);
        List<SplitResult> scans = described("scan line counts and keys", () -> jsc.parallelize(cut, cut.size())
                .mapPartitions(new SplitCleaner(SplitCleaner.Mode.SCAN, plan, hadoop, null)).collect());
        return CleaningCounts.SplitIndex.of(new ArrayList<>(scans), splits);
    }

    /**
     * The pass: every split cleaned, both tables staged, everything counted; results in split order.
     *
     * @param history kind → the keys of the records earlier deliveries of that kind published (broadcast to
     *                the tasks: a record found there is a duplicate across deliveries)
     */
    List<SplitResult> cleanAndStage(InputFiles input, List<InputSplit> splits, CleaningCounts.SplitIndex index,
                                    Map<String, KeySet> history) {
        if (splits.isEmpty()) {
            return List.of();
        }
        LOG.info("Cleaning {} file(s) ({} MB) in {} task(s), staging under {}{}", input.files().size(),
                input.totalBytes() >> 20, splits.size(), staging.cleanedStage(), history.isEmpty() ? ""
                        : "; records looked up among " + history.values().stream().mapToLong(KeySet::size).sum()
                                + " published before");
        boolean exportKeys = input.files().size() > 1 || config.ledgerPath().isPresent();
        SplitCleaner.Plan plan = plan(input, index.firstLine(), index.earlier(), exportKeys);
        Broadcast<Map<String, KeySet>> published = jsc.broadcast(new TreeMap<>(history));
        try {
            List<SplitResult> results = new ArrayList<>(described("clean and stage", () -> jsc.parallelize(splits,
                    splits.size()).mapPartitions(new SplitCleaner(SplitCleaner.Mode.CLEAN, plan, hadoop, published))
                    .collect()));
            results.sort(Comparator.comparingInt(r -> r.splitId));
            return results;
        } finally {
            published.destroy();
        }
    }

    /** Runs {@code work} with its Spark jobs named after this run and {@code what}. */
    private <T> T described(String what, Supplier<T> work) {
        return SparkSessions.described(jsc.sc(), "cleaning " + config.runId() + ": " + what, work);
    }

    private SplitCleaner.Plan plan(InputFiles input, Map<Integer, Long> firstLine,
                                   Map<Integer, ContentKeys.Table> earlier, boolean exportKeys) {
        Map<Integer, SplitCleaner.PlannedFile> files = new TreeMap<>();
        for (int f = 0; f < input.layouts().size(); f++) {
            InputFiles.SourceFile file = input.files().get(f);
            files.put(f, new SplitCleaner.PlannedFile(input.layouts().get(f), file.relative(), file.kind().id()));
        }
        return new SplitCleaner.Plan(files, new SplitCleaner.Rules(config.encoding().name(), config.duplicates(),
                exportKeys), new SplitCleaner.Stage(staging.cleanedStage(), staging.rejectedStage(), config.runId()),
                new TreeMap<>(firstLine), new TreeMap<>(earlier));
    }

    @Override
    public void close() {
        hadoop.destroy();
    }
}
