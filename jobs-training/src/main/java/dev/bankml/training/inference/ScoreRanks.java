package dev.bankml.training.inference;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

import dev.bankml.jobs.BankSchema;
import dev.bankml.training.data.TrainingColumns;

/**
 * Every scored row's place in the run's ranking, 1 = the highest score, ties broken by a hash of the
 * record id (so a rank is the same on every run over the same rows): one Spark job collects each
 * partition's scores and hashes as two primitive arrays (16 bytes a row: 16 MB for a million rows),
 * the driver sorts them, and a broadcast copy answers each row's rank by binary search, so the
 * ranking needs no global sort of the rows and no single-partition window.
 */
final class ScoreRanks implements Serializable {
    private final double[] ascending;
    /** The sorted record-id hashes of every score held by more than one row. */
    private final Map<Double, long[]> ties;

    private ScoreRanks(double[] ascending, Map<Double, long[]> ties) {
        this.ascending = ascending;
        this.ties = ties;
    }

    /** One partition's scores and hashes. */
    private record Chunk(double[] scores, long[] hashes) implements Serializable {
    }

    /** The ranking of {@code scored}'s rows by {@link TrainingColumns#SCORE}. */
    static ScoreRanks of(Dataset<Row> scored) {
        FlatMapFunction<Iterator<Row>, Chunk> pack = rows -> {
            double[] s = new double[1024];
            long[] h = new long[1024];
            int n = 0;
            while (rows.hasNext()) {
                Row r = rows.next();
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                    h = Arrays.copyOf(h, n * 2);
                }
                s[n] = r.getDouble(0);
                h[n] = r.getLong(1);
                n++;
            }
            return List.of(new Chunk(Arrays.copyOf(s, n), Arrays.copyOf(h, n))).iterator();
        };
        List<Chunk> chunks = scored.select(col(TrainingColumns.SCORE), tieBreak()).javaRDD().mapPartitions(pack)
                .collect();
        int n = chunks.stream().mapToInt(c -> c.scores().length).sum();
        double[] scores = new double[n];
        long[] hashes = new long[n];
        int k = 0;
        for (Chunk c : chunks) {
            System.arraycopy(c.scores(), 0, scores, k, c.scores().length);
            System.arraycopy(c.hashes(), 0, hashes, k, c.hashes().length);
            k += c.scores().length;
        }
        return of(scores, hashes);
    }

    static ScoreRanks of(double[] scores, long[] hashes) {
        double[] ascending = scores.clone();
        Arrays.sort(ascending);
        Map<Double, List<Long>> tied = new HashMap<>();
        for (int i = 1; i < ascending.length; i++) {
            if (ascending[i] == ascending[i - 1]) {
                tied.putIfAbsent(ascending[i], new ArrayList<>());
            }
        }
        for (int i = 0; i < scores.length; i++) {
            List<Long> group = tied.get(scores[i]);
            if (group != null) {
                group.add(hashes[i]);
            }
        }
        Map<Double, long[]> ties = new HashMap<>();
        tied.forEach((score, group) -> {
            long[] h = group.stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(h);
            ties.put(score, h);
        });
        return new ScoreRanks(ascending, ties);
    }

    /** The tie-break of a row: a seeded hash of its record id. */
    static Column tieBreak() {
        return xxhash64(col(BankSchema.RECORD_ID));
    }

    long rows() {
        return ascending.length;
    }

    /** The rank of a row with this score and tie-break: 1 + the rows ranked before it. */
    long rankOf(double score, long hash) {
        long higher = ascending.length - upperBound(score);
        long[] group = ties.get(score);
        long tiedBefore = 0;
        if (group != null) {
            int i = Arrays.binarySearch(group, hash);
            tiedBefore = i >= 0 ? firstOf(group, i) : -i - 1;
        }
        return higher + tiedBefore + 1;
    }

    private static int firstOf(long[] sorted, int i) {
        while (i > 0 && sorted[i - 1] == sorted[i]) {
            i--;
        }
        return i;
    }

    /** The number of scores at or below {@code score}. */
    private int upperBound(double score) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] <= score) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The rank column of rows with a {@link TrainingColumns#SCORE} (broadcast once to the executors). */
    Column column(JavaSparkContext spark) {
        Broadcast<ScoreRanks> shared = spark.broadcast(this);
        UDF2<Double, Long, Long> rank = (score, hash) -> shared.value().rankOf(score, hash);
        return udf(rank, DataTypes.LongType).apply(col(TrainingColumns.SCORE), tieBreak());
    }
}
