package dev.bankml.cleaning.pass;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.bankml.jobs.BankSchema;
import dev.bankml.workflow.quality.BankColumn;
import dev.bankml.workflow.quality.ColumnType;

/**
 * The aggregates the data-quality checks need, gathered row by row while the cleaned rows are
 * written (no extra pass): rows, non-missing values per column, minimum and maximum of each integer
 * column, values within the reference domain of each category or month column, and yes answers of
 * each yes/no column. Profiles of different tasks {@link #merge merge} into the table's.
 */
public final class ColumnProfile implements Serializable {
    private static final List<BankColumn> COLUMNS = BankSchema.COLUMNS;
    private static final Set<String> MONTHS = Set.copyOf(BankSchema.MONTHS);
    /** The reference domain of each column, as a set (empty for columns without one). */
    private static final List<Set<String>> KNOWN = COLUMNS.stream()
            .map(c -> (Set<String>) new HashSet<>(c.knownValues())).toList();

    public long rows;
    public final long[] nonMissing = new long[COLUMNS.size()];
    public final int[] min = new int[COLUMNS.size()];
    public final int[] max = new int[COLUMNS.size()];
    public final long[] known = new long[COLUMNS.size()];
    public final long[] yes = new long[COLUMNS.size()];

    public ColumnProfile() {
        Arrays.fill(min, Integer.MAX_VALUE);
        Arrays.fill(max, Integer.MIN_VALUE);
    }

    /** Adds one cleaned row (typed values in bank-column order). */
    void add(Object[] values) {
        rows++;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            nonMissing[i]++;
            BankColumn c = COLUMNS.get(i);
            switch (c.type()) {
                case INTEGER -> {
                    int x = (Integer) v;
                    min[i] = Math.min(min[i], x);
                    max[i] = Math.max(max[i], x);
                }
                case CATEGORY -> {
                    if (KNOWN.get(i).contains(v)) {
                        known[i]++;
                    }
                }
                case MONTH -> {
                    if (MONTHS.contains(v)) {
                        known[i]++;
                    }
                }
                case YES_NO -> {
                    if ((Boolean) v) {
                        yes[i]++;
                    }
                }
            }
        }
    }

    public void merge(ColumnProfile other) {
        rows += other.rows;
        for (int i = 0; i < nonMissing.length; i++) {
            nonMissing[i] += other.nonMissing[i];
            min[i] = Math.min(min[i], other.min[i]);
            max[i] = Math.max(max[i], other.max[i]);
            known[i] += other.known[i];
            yes[i] += other.yes[i];
        }
    }

    /** Index of a column in the profile. */
    static int indexOf(String column) {
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (COLUMNS.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(column);
    }

    /** Whether an integer column had any value (its min and max are meaningful). */
    public boolean hasRange(int i) {
        return COLUMNS.get(i).type() == ColumnType.INTEGER && nonMissing[i] > 0;
    }
}
