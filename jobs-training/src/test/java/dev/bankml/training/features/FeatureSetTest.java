package dev.bankml.training.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.workflow.quality.FeatureSets;

class FeatureSetTest {

    @ParameterizedTest
    @ValueSource(strings = {"deposit", "default", "loan", "housing"})
    void theLabelIsNeverAFeature(String label) {
        for (String which : List.of(FeatureSets.PRE_CALL, FeatureSets.ALL)) {
            FeatureSet fs = FeatureSet.of(label, List.of(), which);
            assertFalse(fs.inputColumns().contains(label), which);
            assertFalse(fs.binaryInputs().contains(label + "_num"), which);
        }
        assertEquals(BankSchema.COLUMNS.size() - 1, FeatureSet.of(label, List.of(), FeatureSets.ALL).inputColumns().size());
    }

    @Test
    void aModelThatMayScoreLeadsReadsNothingKnownOnlyAfterTheCallAndAnAnalysisModelSaysWhatItReads() {
        FeatureSet leads = FeatureSet.of("default", List.of());
        assertEquals(FeatureSets.PRE_CALL, leads.which());
        assertFalse(leads.inputColumns().contains("duration"));
        assertFalse(leads.inputColumns().contains("deposit"), "the call's outcome is known after it too");
        assertEquals(List.of(), leads.afterCallInputs());
        assertEquals(BankSchema.COLUMNS.size() - 3, leads.inputColumns().size());
        FeatureSet analysis = FeatureSet.of("default", List.of(), FeatureSets.ALL);
        assertEquals(List.of("duration", "deposit"), analysis.afterCallInputs());
        assertEquals(leads.inputColumns(), FeatureSet.ofModel("default", List.of(), leads.inputColumns()).inputColumns());
        assertEquals(analysis.inputColumns(),
                FeatureSet.ofModel("default", List.of(), analysis.inputColumns()).inputColumns(),
                "a saved model's features are read again as it was trained");
    }

    @Test
    void excludedColumnsAreLeftOutAndDerivedFeaturesFollowTheirSources() {
        FeatureSet all = FeatureSet.of("deposit", List.of(), FeatureSets.ALL);
        assertTrue(all.pdaysIndicator());
        assertTrue(all.dayOfYear());
        FeatureSet fs = FeatureSet.of("deposit", List.of("duration", "pdays", "month"));
        assertFalse(fs.inputColumns().contains("duration"));
        assertFalse(fs.pdaysIndicator());
        assertFalse(fs.dayOfYear());
        assertFalse(fs.continuousInputs().contains(FeatureSet.DAY_OF_YEAR));
    }

    @Test
    void badNamesAreRefusedWithTheValidOnes() {
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> FeatureSet.of("deposit", List.of("durration")));
        assertTrue(e.getMessage().contains("'durration', which is not a bank column"), e.getMessage());
        assertTrue(assertThrows(JobConfigurationException.class, () -> FeatureSet.of("age", List.of()))
                .getMessage().contains("yes/no columns"));
        assertTrue(assertThrows(JobConfigurationException.class,
                () -> FeatureSet.of("deposit", BankSchema.columnNames())).getMessage().contains("leaves no feature"));
    }
}
