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

class FeatureSetTest {

    @ParameterizedTest
    @ValueSource(strings = {"deposit", "default", "loan", "housing"})
    void theLabelIsNeverAFeature(String label) {
        FeatureSet fs = FeatureSet.of(label, List.of());
        assertFalse(fs.inputColumns().contains(label));
        assertFalse(fs.binaryInputs().contains(label + "_num"));
        assertEquals(BankSchema.COLUMNS.size() - 1, fs.inputColumns().size());
    }

    @Test
    void excludedColumnsAreLeftOutAndDerivedFeaturesFollowTheirSources() {
        FeatureSet all = FeatureSet.of("deposit", List.of());
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
