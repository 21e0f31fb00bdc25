package dev.bankml.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.GlueArgs;
import dev.bankml.training.candidates.Algorithm;
import dev.bankml.training.candidates.TuningBudget;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.TrainingSettings;

/** The settings' allowed values and the training job's own names for them are the same lists. */
class TrainingSettingsTest {

    @Test
    void everyTuningChoiceIsABudgetAndEveryBudgetAChoice() {
        String expected = TrainingSettings.TUNING.type().expected();
        for (TuningBudget b : TuningBudget.values()) {
            assertEquals(b, TuningBudget.parse(TrainingSettings.TUNING.parse(b.id())));
            assertTrue(expected.contains(b.id()), expected);
        }
        assertEquals("one of " + Arrays.stream(TuningBudget.values()).map(TuningBudget::id).sorted().toList(), expected);
    }

    @Test
    void everyAlgorithmIsAcceptedByItsIdAndShortNameAndNothingElse() {
        for (Algorithm a : Algorithm.values()) {
            assertEquals(List.of(a), Algorithm.parseList(TrainingSettings.MODELS.parse(a.id())));
        }
        List<String> shortNames = TrainingSettings.MODELS.parse("lr,dt,rf,gbt,nb,svm,xgb");
        assertEquals(List.of(Algorithm.values()), Algorithm.parseList(shortNames));
        assertEquals(List.of(Algorithm.values()), Algorithm.parseList(GlueArgs.parse().get(TrainingSettings.MODELS)),
                "no models given: all seven");
    }

    @Test
    void theLabelChoicesAreTheYesNoColumns() {
        assertEquals("one of " + BankSchema.labelCandidates().stream().sorted().toList(), DeploymentSettings.LABEL.type().expected());
    }
}
