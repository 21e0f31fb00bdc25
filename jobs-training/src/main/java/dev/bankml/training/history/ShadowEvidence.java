package dev.bankml.training.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the monitoring history says of a challenger, the evidence a person reads before approving it: the
 * outcome deliveries on which it was scored beside the champion, per delivery and summed (rows, yes answers,
 * the yes each would have reached in its top share of the rows, and the row-weighted mean of each one's
 * AUC-ROC, AUC-PR and Brier score), and the lead deliveries it scored in the shadow. Pure.
 *
 * @param challengerRunId the challenger's version
 * @param deliveries      the outcome deliveries measured with it, oldest first
 * @param leadsScored     the lead deliveries it scored in the shadow
 * @param sum             the deliveries summed
 */
public record ShadowEvidence(String challengerRunId, List<MonitoringRecord> deliveries, long leadsScored, Sum sum) {

    /**
     * The deliveries summed: totals, and means weighted by each delivery's rows (over the deliveries where the
     * figure exists).
     *
     * @param contactShare the top share the yes answers were counted in (the last delivery's)
     */
    public record Sum(int deliveries, long rows, long yes, Double contactShare, long championCaptured,
                      long challengerCaptured, Figures champion, Figures challenger) {
    }

    /** Row-weighted means of one model's out-of-time figures. */
    public record Figures(Double aucRoc, Double aucPr, Double brier) {
    }

    /** The evidence of every challenger in the records, by challenger run, in the order they first appear. */
    public static Map<String, ShadowEvidence> of(List<MonitoringRecord> records) {
        Map<String, List<MonitoringRecord>> outcomes = new LinkedHashMap<>();
        Map<String, Long> leads = new LinkedHashMap<>();
        for (MonitoringRecord r : records) {
            if (r.challenger() == null || r.challenger().runId() == null) {
                continue;
            }
            String run = r.challenger().runId();
            if (MonitoringRecord.DELIVERY.equals(r.record())) {
                outcomes.computeIfAbsent(run, k -> new ArrayList<>()).add(r);
                leads.putIfAbsent(run, 0L);
            } else if (MonitoringRecord.SCORING.equals(r.record())) {
                outcomes.computeIfAbsent(run, k -> new ArrayList<>());
                leads.merge(run, 1L, Long::sum);
            }
        }
        Map<String, ShadowEvidence> out = new LinkedHashMap<>();
        outcomes.forEach((run, rs) -> out.put(run, new ShadowEvidence(run, List.copyOf(rs), leads.get(run), sum(rs))));
        return out;
    }

    static Sum sum(List<MonitoringRecord> rs) {
        long rows = 0;
        long yes = 0;
        long champion = 0;
        long challenger = 0;
        Double share = null;
        for (MonitoringRecord r : rs) {
            long n = r.rows() == null ? 0 : r.rows();
            rows += n;
            yes += r.baseRate() == null ? 0 : Math.round(r.baseRate() * n);
            champion += r.capturedYes() == null ? 0 : r.capturedYes();
            challenger += r.challenger().capturedYes() == null ? 0 : r.challenger().capturedYes();
            share = r.contactShare() == null ? share : r.contactShare();
        }
        return new Sum(rs.size(), rows, yes, share, champion, challenger,
                new Figures(mean(rs, MonitoringRecord::aucRoc), mean(rs, MonitoringRecord::aucPr),
                        mean(rs, MonitoringRecord::brier)),
                new Figures(mean(rs, r -> r.challenger().aucRoc()), mean(rs, r -> r.challenger().aucPr()),
                        mean(rs, r -> r.challenger().brier())));
    }

    private static Double mean(List<MonitoringRecord> rs, Function<MonitoringRecord, Double> f) {
        double weighted = 0;
        long weight = 0;
        for (MonitoringRecord r : rs) {
            Double v = f.apply(r);
            if (v != null && r.rows() != null) {
                weighted += v * r.rows();
                weight += r.rows();
            }
        }
        return weight == 0 ? null : weighted / weight;
    }

    /**
     * One line: "2 outcome deliveries (1,200 rows, 540 yes) beside the champion: AUC-ROC 0.7812 vs 0.7750,
     * AUC-PR ..., Brier ...; yes in the top 20%: 170 vs 161; 3 lead deliveries scored in the shadow".
     */
    public String describe() {
        return outcomes() + String.format(Locale.ROOT, "; %d lead deliver%s scored in the shadow", leadsScored,
                leadsScored == 1 ? "y" : "ies");
    }

    /** The outcome deliveries' part of {@link #describe()}. */
    public String outcomes() {
        StringBuilder b = new StringBuilder();
        if (sum.deliveries() == 0) {
            b.append("no outcome delivery measured beside the champion yet");
        } else {
            b.append(String.format(Locale.ROOT, "%d outcome deliver%s (%,d rows, %,d yes) beside the champion, "
                            + "challenger vs champion: AUC-ROC %s vs %s, AUC-PR %s vs %s, Brier %s vs %s",
                    sum.deliveries(), sum.deliveries() == 1 ? "y" : "ies", sum.rows(), sum.yes(),
                    fmt(sum.challenger().aucRoc()), fmt(sum.champion().aucRoc()), fmt(sum.challenger().aucPr()),
                    fmt(sum.champion().aucPr()), fmt(sum.challenger().brier()), fmt(sum.champion().brier())));
            if (sum.contactShare() != null) {
                b.append(String.format(Locale.ROOT, "; yes in the top %s%%: %,d vs %,d", percent(sum.contactShare()),
                        sum.challengerCaptured(), sum.championCaptured()));
            }
        }
        return b.toString();
    }

    static String fmt(Double d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.4f", d);
    }

    static String percent(double share) {
        String p = String.format(Locale.ROOT, "%.1f", 100 * share);
        return p.endsWith(".0") ? p.substring(0, p.length() - 2) : p;
    }
}
