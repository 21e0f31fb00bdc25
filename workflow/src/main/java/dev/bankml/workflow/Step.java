package dev.bankml.workflow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.bankml.workflow.settings.JobKind;

/**
 * One step of the workflow: a crawler that registers a table, or a Glue job run with arguments.
 *
 * @param id          stable identifier (used in resource names and log lines)
 * @param kind        crawler or job
 * @param description what the step does, for people
 * @param after       the step that must have SUCCEEDED before this one starts (empty for the first)
 * @param reads       the location this step reads (the first, when it reads several)
 * @param writes      the location this step writes (a crawler "writes" its catalog tables)
 * @param crawler     crawler details (for {@link Kind#CRAWLER})
 * @param job         job details (for {@link Kind#JOB})
 */
public record Step(
        String id,
        Kind kind,
        String description,
        Optional<String> after,
        String reads,
        String writes,
        Optional<Crawler> crawler,
        Optional<Job> job) {

    /** What runs in a step. */
    public enum Kind { CRAWLER, JOB }

    /**
     * A crawler over S3 prefixes: each target folder becomes one table.
     *
     * @param targets     the folders crawled
     * @param tablePrefix prefix of the table names the crawler creates
     * @param tableNames  the resulting tables (prefix + folder name), same order as {@code targets}
     * @param exclusions  glob patterns (relative to each target) the crawler skips
     */
    public record Crawler(List<String> targets, String tablePrefix, List<String> tableNames,
                          List<String> exclusions) {
        public Crawler {
            targets = List.copyOf(targets);
            tableNames = List.copyOf(tableNames);
            exclusions = List.copyOf(exclusions);
        }
    }

    /**
     * A Glue job running one of our Java classes.
     *
     * @param kind      which of the pipeline's jobs
     * @param arguments Glue-style arguments without the leading dashes, in a stable order
     */
    public record Job(JobKind kind, Map<String, String> arguments) {
        public Job {
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        }

        /** The Maven module whose jar holds the class. */
        public String module() {
            return kind.module();
        }

        /** The fully qualified main class. */
        public String mainClass() {
            return kind.mainClass();
        }

        /** Arguments as {@code --key value} pairs, ready for a {@code main(String[])}. */
        public String[] argv() {
            return arguments.entrySet().stream()
                    .flatMap(e -> Stream.of("--" + e.getKey(), e.getValue()))
                    .toArray(String[]::new);
        }
    }

    static Step crawler(String id, String description, String after, Crawler crawler, String catalogTables) {
        return new Step(id, Kind.CRAWLER, description, Optional.ofNullable(after), crawler.targets().get(0),
                catalogTables, Optional.of(crawler), Optional.empty());
    }

    static Step job(String id, String description, String after, String reads, String writes, Job job) {
        return new Step(id, Kind.JOB, description, Optional.ofNullable(after), reads, writes, Optional.empty(),
                Optional.of(job));
    }
}
