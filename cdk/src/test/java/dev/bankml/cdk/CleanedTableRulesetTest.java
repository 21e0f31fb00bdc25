package dev.bankml.cdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.quality.QualityCheck;
import dev.bankml.workflow.settings.WiringSettings;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
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
    private static String ruleset;
    private static String description;
    private static List<QualityCheck> checks;
    private static DQRuleset parsed;

    @BeforeAll
    static void synthesizeAndParse() throws Exception {
        synth = SynthesizedPipeline.defaults();
        synth.template().resourceCountIs("AWS::Glue::DataQualityRuleset", 1);
        Capture rules = new Capture();
        Capture words = new Capture();
        synth.template().hasResourceProperties("AWS::Glue::DataQualityRuleset", Match.objectLike(Map.of(
                "Ruleset", rules, "Description", words)));
        ruleset = rules.asString();
        description = words.asString();
        checks = synth.stack().definition().cleanedTableChecks();
        parsed = new DQDLParser().parse(ruleset);
    }

    @Test
    void theRulesetTargetsTheCleanedTableTheJobsRead() {
        String outcomes = synth.stack().definition().cleanedTable(DeliveryKind.OUTCOMES);
        assertEquals("bankml_dev.cleaned_outcomes", outcomes);
        synth.template().hasResourceProperties("AWS::Glue::DataQualityRuleset", Match.objectLike(Map.of(
                "Name", "bankml-dev-cleaned_outcomes",
                "TargetTable", Match.objectEquals(Map.of("DatabaseName", "bankml_dev", "TableName", "cleaned_outcomes")))));
        synth.template().hasResourceProperties("AWS::Glue::Job", Match.objectLike(Map.of("Name", "bankml-dev-train",
                "NonOverridableArguments", Match.objectLike(Map.of(WiringSettings.SOURCE_TABLE.flag(), outcomes)))));
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
        String text = ruleset;
        for (QualityCheck.Severity severity : QualityCheck.Severity.values()) {
            long rules = checks.stream().filter(c -> c.severity() == severity).count();
            assertEquals(rules, text.lines().filter(l -> l.contains(" # " + severity + ": ")).count(), severity.name());
        }
        assertTrue(description.contains("A failed ERROR rule stops the cleaning job from publishing"));
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
        return rule.getRuleType() + " " + new TreeMap<>(rule.getParameters()) + " "
                + rule.getCondition().getFormattedCondition();
    }
}
