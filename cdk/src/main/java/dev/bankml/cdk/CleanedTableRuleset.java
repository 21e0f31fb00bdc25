package dev.bankml.cdk;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.bankml.workflow.quality.QualityCheck;
import software.amazon.awscdk.services.glue.CfnDataQualityRuleset;
import software.constructs.Construct;

/**
 * The cleaned table's AWS Glue Data Quality ruleset, generated from the checks the cleaning job
 * evaluates before it publishes (one definition for both: {@code CleanedTableChecks}), so they show,
 * and can be run, in the Glue console's Data quality tab of the table. DQDL has no severity: each
 * rule carries the check's severity and expectation as a comment, and the description says which
 * failures stop the cleaning job.
 */
public class CleanedTableRuleset extends Construct {

    /**
     * @param name         the ruleset's name
     * @param databaseName the cleaned table's database
     * @param tableName    the cleaned table
     * @param checks       the cleaning job's checks of that table
     */
    public record Props(String name, String databaseName, String tableName, List<QualityCheck> checks) {
    }

    private final CfnDataQualityRuleset ruleset;

    public CleanedTableRuleset(Construct scope, String id, Props props) {
        super(scope, id);
        this.ruleset = CfnDataQualityRuleset.Builder.create(this, "Ruleset")
                .name(props.name())
                .description("The cleaning job's data-quality checks of " + props.databaseName() + "." + props.tableName()
                        + ", generated from the same definitions (workflow quality/CleanedTableChecks). A failed ERROR "
                        + "rule stops the cleaning job from publishing; WARNING and INFO rules are reported only.")
                .ruleset(dqdl(props.checks()))
                .targetTable(CfnDataQualityRuleset.DataQualityTargetTableProperty.builder()
                        .databaseName(props.databaseName())
                        .tableName(props.tableName())
                        .build())
                .tags(Map.of("project", "bankml"))
                .build();
    }

    /** The checks as one DQDL document: {@code Rules = [ ... ]}, one rule per check, in order. */
    static String dqdl(List<QualityCheck> checks) {
        StringBuilder out = new StringBuilder("Rules = [\n");
        for (int i = 0; i < checks.size(); i++) {
            QualityCheck c = checks.get(i);
            out.append("    ").append(rule(c)).append(i < checks.size() - 1 ? "," : "")
                    .append(" # ").append(c.severity()).append(": ").append(c.reportName()).append(", ")
                    .append(c.expectation()).append('\n');
        }
        return out.append("]\n").toString();
    }

    /** One check as a DQDL rule that passes exactly when the cleaning job's check passes. */
    static String rule(QualityCheck c) {
        String column = quoted(c.column());
        return switch (c.kind()) {
            case SIZE -> "RowCount > 0";
            case UNIQUENESS -> "IsUnique " + column;
            // An INFO completeness (a label the run does not require) is measured, never failed.
            case COMPLETENESS -> c.severity() == QualityCheck.Severity.INFO ? "Completeness " + column + " >= 0"
                    : "IsComplete " + column;
            case MIN -> "ColumnValues " + column + " >= " + c.bound().orElseThrow();
            case MAX -> "ColumnValues " + column + " <= " + c.bound().orElseThrow();
            case KNOWN_VALUES, DOMAIN -> "ColumnValues " + column + " in ["
                    + c.values().stream().map(CleanedTableRuleset::quoted).collect(Collectors.joining(",")) + "]";
            // The share of yes answers, measured on the table (the label is a boolean column): always passes.
            case LABEL_RATE -> "CustomSql " + quoted("select avg(case when `" + c.column()
                    + "` then 1.0 else 0.0 end) from primary") + " >= 0";
        };
    }

    private static String quoted(String text) {
        if (text.contains("\"")) {
            throw new IllegalArgumentException("a DQDL string cannot hold a double quote: " + text);
        }
        return "\"" + text + "\"";
    }

    public CfnDataQualityRuleset resource() {
        return ruleset;
    }
}
