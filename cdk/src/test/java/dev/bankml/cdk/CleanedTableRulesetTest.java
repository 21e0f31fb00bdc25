package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.quality.QualityCheck;
import software.amazon.glue.dqdl.model.DQRule;
import software.amazon.glue.dqdl.model.DQRuleset;
import software.amazon.glue.dqdl.parser.DQDLParser;

/**
 * The cleaned table's Glue Data Quality ruleset, as synthesized, read by AWS Glue's own DQDL parser:
 * it is valid DQDL, it targets the table the jobs read, and it holds exactly one rule per check the
 * cleaning job evaluates (the same definitions, {@code WorkflowDefinition.cleanedTableChecks()}),
 * each read back as the check it renders.
 */
class CleanedTableRulesetTest {
    private static SynthesizedPipeline synth;
    private static Map<String, Object> ruleset;
    private static List<QualityCheck> checks;
    private static DQRuleset parsed;

    @BeforeAll
    static void synthesizeAndParse() throws Exception {
        synth = SynthesizedPipeline.defaults();
        Map<String, Map<String, Object>> rulesets = synth.resourcesOfType("AWS::Glue::DataQualityRuleset");
        assertEquals(1, rulesets.size());
        ruleset = rulesets.values().iterator().next();
        checks = synth.stack().definition().cleanedTableChecks();
        parsed = new DQDLParser().parse((String) ruleset.get("Ruleset"));
    }

    @Test
    void theRulesetTargetsTheCleanedTableTheJobsRead() {
        WorkflowDefinition wf = synth.stack().definition();
        @SuppressWarnings("unchecked")
        Map<String, Object> target = (Map<String, Object>) ruleset.get("TargetTable");
        String outcomes = wf.cleanedTable(dev.bankml.workflow.DeliveryKind.OUTCOMES);
        assertEquals(outcomes, target.get("DatabaseName") + "." + target.get("TableName"));
        assertEquals("bankml-dev-cleaned_outcomes", ruleset.get("Name"));
        assertEquals(outcomes, synth.jobArguments("bankml-dev-train").get("--source_table"));
    }

    @Test
    void glueParsesOneRulePerInJobCheckAndReadsBackTheSameCheck() {
        List<DQRule> rules = parsed.getRules();
        assertEquals(checks.size(), rules.size(), parsed.toString());
        assertEquals(34, checks.size(), "the deployed cleaning step requires the label: no optional-label check");
        for (int i = 0; i < checks.size(); i++) {
            assertEquals(expected(checks.get(i)), readBack(rules.get(i)), "rule " + i + " of\n" + parsed);
        }
    }

    @Test
    void eachRuleSaysItsSeverityAndTheDescriptionWhatFailsTheCleaning() {
        String text = (String) ruleset.get("Ruleset");
        for (QualityCheck.Severity severity : QualityCheck.Severity.values()) {
            long rules = checks.stream().filter(c -> c.severity() == severity).count();
            assertEquals(rules, text.lines().filter(l -> l.contains(" # " + severity + ": ")).count(), severity.name());
        }
        assertTrue(((String) ruleset.get("Description")).contains("A failed ERROR rule stops the cleaning job from publishing"));
    }

    /** What the parser should read back for a check: rule type, target column, condition. */
    private static String expected(QualityCheck c) {
        String column = c.column();
        return switch (c.kind()) {
            case SIZE -> "RowCount {} > 0";
            case UNIQUENESS -> "IsUnique {TargetColumn=" + column + "} ";
            case COMPLETENESS -> c.severity() == QualityCheck.Severity.ERROR ? "IsComplete {TargetColumn=" + column + "} "
                    : "Completeness {TargetColumn=" + column + "} >= 0";
            case MIN -> "ColumnValues {TargetColumn=" + column + "} >= " + c.bound().orElseThrow();
            case MAX -> "ColumnValues {TargetColumn=" + column + "} <= " + c.bound().orElseThrow();
            case KNOWN_VALUES, DOMAIN -> "ColumnValues {TargetColumn=" + column + "} in ["
                    + c.values().stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",")) + "]";
            case LABEL_RATE -> "CustomSql {CustomSqlStatement=select avg(case when `" + column
                    + "` then 1.0 else 0.0 end) from primary} >= 0";
        };
    }

    private static String readBack(DQRule rule) {
        return rule.getRuleType() + " " + new java.util.TreeMap<>(rule.getParameters()) + " "
                + rule.getCondition().getFormattedCondition();
    }
}
