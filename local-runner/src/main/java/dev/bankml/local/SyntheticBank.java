package dev.bankml.local;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded synthetic bank export of N rows in one CSV file, shaped like the sample: rows of
 * {@code data/sample/bank.csv} drawn with replacement, {@code age} ±2, {@code balance} and
 * {@code duration} with ±10% multiplicative and small additive noise, and 0.5% of the lines broken
 * on purpose (a non-numeric age, a missing field, an extra field, an invalid month). The same rows
 * and seed always give the same bytes, so a benchmark can be rerun on identical input.
 */
final class SyntheticBank {
    static final double DIRTY_SHARE = 0.005;

    private SyntheticBank() {
    }

    /** Writes the file (replacing it); returns its path. */
    static Path generate(Path csv, long rows, long seed) {
        List<String> sample;
        try {
            sample = Files.readAllLines(RunnerPaths.sampleInput());
            Files.createDirectories(csv.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RunnerPaths.DEFAULT_INPUT + " or create " + csv.getParent(), e);
        }
        String header = sample.get(0);
        String[][] body = sample.subList(1, sample.size()).stream().map(l -> l.split(",", -1)).toArray(String[][]::new);
        Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write(header);
            out.write('\n');
            SplittableRandom rnd = new SplittableRandom(seed);
            String[] f = new String[body[0].length];
            StringBuilder line = new StringBuilder(256);
            for (long id = 0; id < rows; id++) {
                System.arraycopy(body[rnd.nextInt(body.length)], 0, f, 0, f.length);
                f[0] = Integer.toString(clamp(Integer.parseInt(f[0]) + rnd.nextInt(-2, 3), 18, 95));
                // Multiplicative and additive noise, so that even zero balances and short calls vary.
                f[5] = Long.toString(Math.round(Integer.parseInt(f[5]) * (1 + 0.1 * rnd.nextGaussian())
                        + rnd.nextInt(-50, 51)));
                f[11] = Long.toString(Math.max(0, Math.round(Integer.parseInt(f[11]) * (1 + 0.1 * rnd.nextGaussian())
                        + rnd.nextInt(-5, 6))));
                line.setLength(0);
                for (int i = 0; i < f.length; i++) {
                    line.append(i == 0 ? "" : ",").append(f[i]);
                }
                if (rnd.nextDouble() < DIRTY_SHARE) {
                    dirty(line, f, rnd.nextInt(4));
                }
                out.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + tmp, e);
        }
        try {
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + csv, e);
        }
        return csv;
    }

    private static void dirty(StringBuilder line, String[] f, int kind) {
        String s = line.toString();
        String broken = switch (kind) {
            case 0 -> "abc" + s.substring(f[0].length());
            case 1 -> s.substring(0, s.lastIndexOf(','));
            case 2 -> s.replace("," + f[10] + ",", ",xyz,");
            default -> s + ",extra";
        };
        line.setLength(0);
        line.append(broken);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
