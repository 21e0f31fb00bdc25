package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;

/**
 * The cleaned crawler's exclusions, as synthesized, applied the way the Glue guide defines its glob
 * patterns ("Include and exclude patterns"): relative to the target folder, '*' matches within one
 * name component and never crosses a '/', '**' crosses folders, '?' is one character of a component.
 * Everything the cleaning job keeps beside the partitions (staging folders of a run that failed,
 * Hadoop's {@code _temporary}, {@code _SUCCESS} markers) is skipped; the partitions are crawled.
 */
class CrawlerExclusionsTest {
    private static List<Object> exclusions;

    /** Keys relative to {@code cleaned/outcomes/} that the crawler must not read. */
    static final List<String> SKIPPED = List.of(
            "_staging/20260101T000000Z/batch_id=2026_01_csv-9019a6e9/part-00000-1.c000.snappy.parquet",
            "_staging/20260101T000000Z/replaced/batch_id=2026_01_csv-9019a6e9/part-00000.snappy.parquet",
            "_SUCCESS",
            "batch_id=2026_01_csv-9019a6e9/_SUCCESS",
            "batch_id=2026_01_csv-9019a6e9/_temporary/0/_temporary/attempt_1/part-00000.snappy.parquet");
    /** Keys it must read: the partitions' files. */
    static final List<String> CRAWLED = List.of(
            "batch_id=2026_01_csv-9019a6e9/part-00000-1.c000.snappy.parquet",
            "batch_id=2026_02_csv_b-1a2b3c4d/part_00001.snappy.parquet");

    @BeforeAll
    static void synthesize() {
        Capture excluded = new Capture();
        SynthesizedPipeline.defaults().template().hasResourceProperties("AWS::Glue::Crawler", Match.objectLike(Map.of(
                "Name", "bankml-dev-crawl-cleaned",
                "Targets", Map.of("S3Targets", Match.arrayWith(List.of(Match.objectLike(Map.of("Exclusions", excluded))))))));
        exclusions = excluded.asArray();
    }

    /** A Glue exclude pattern as a regular expression over a key relative to the crawled folder. */
    static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        Matcher m = Pattern.compile("\\*\\*|\\*|\\?|[^*?]+").matcher(pattern);
        while (m.find()) {
            String part = m.group();
            regex.append(switch (part) {
                case "**" -> ".*";
                case "*" -> "[^/]*";
                case "?" -> "[^/]";
                default -> Pattern.quote(part);
            });
        }
        return Pattern.compile(regex.toString());
    }

    private static boolean excluded(List<Object> patterns, String key) {
        return patterns.stream().anyMatch(p -> glob((String) p).matcher(key).matches());
    }

    @Test
    void everyUnderscoreFileAndFolderIsSkippedAtAnyDepth() {
        SKIPPED.forEach(key -> assertTrue(excluded(exclusions, key), key + " is crawled, with " + exclusions));
    }

    @Test
    void thePartitionsAreCrawled() {
        CRAWLED.forEach(key -> assertFalse(excluded(exclusions, key), key + " is skipped, with " + exclusions));
    }

    /** The reason for the folder patterns: with file patterns only, a staging folder's files are crawled. */
    @Test
    void filePatternsAloneWouldCrawlAStagingFolder() {
        assertFalse(excluded(List.of("_*", "**/_*"), SKIPPED.get(0)));
        assertTrue(glob("**/_*/**").matcher(SKIPPED.get(4)).matches());
        assertFalse(glob("_*").matcher("_staging/x").matches(), "'*' stays within a folder");
    }
}
