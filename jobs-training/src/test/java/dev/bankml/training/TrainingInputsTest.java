package dev.bankml.training;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;

import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.JobFailedException;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.training.data.TrainingSplit;

/** Inputs the job must refuse before training, with a message a person can act on. */
class TrainingInputsTest {

    private static Path write(String name, Dataset<Row> rows) {
        Path out = TestSpark.workDir(name).resolve("bank");
        rows.write().mode(SaveMode.Overwrite).parquet(out.toString());
        return out;
    }

    private static Dataset<Row> sample() {
        return TrainingFixtures.spark().read().parquet(TrainingFixtures.cleanedSample().toString());
    }

    @Test
    void aLabelOfTheWrongTypeIsNamedWithItsTypeAndTheExpectedOne() {
        Path source = write("string-label", sample().withColumn(BankSchema.DEPOSIT,
                when(col(BankSchema.DEPOSIT), "yes").otherwise("no")));
        TrainingFixtures.Outputs out = TrainingFixtures.outputs("string-label-out");
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> TrainingFixtures.train(source, out, "--models", "lr"));
        assertTrue(e.getMessage().contains("column 'deposit' is string, expected boolean"), e.getMessage());
        assertFalse(Files.exists(Path.of(out.models(), "deposit/champion.json")));
    }

    @Test
    void aFeatureOfTheWrongTypeIsNamedToo() {
        Path source = write("string-age", sample().withColumn(BankSchema.AGE, col(BankSchema.AGE).cast("string")));
        JobConfigurationException e = assertThrows(JobConfigurationException.class,
                () -> TrainingFixtures.train(source, TrainingFixtures.outputs("string-age-out"), "--models", "lr"));
        assertTrue(e.getMessage().contains("column 'age' is string, expected int"), e.getMessage());
    }

    @Test
    void fiftyRowsAreTooFewAndTheMessageSaysHowManyAreNeededNotThatTheLabelLeaked() {
        Dataset<Row> yes = sample().filter(col(BankSchema.DEPOSIT)).orderBy(BankSchema.RECORD_ID).limit(25);
        Dataset<Row> no = sample().filter(col(BankSchema.DEPOSIT).equalTo(false)).orderBy(BankSchema.RECORD_ID).limit(25);
        Path source = write("fifty", yes.union(no));
        TrainingFixtures.Outputs out = TrainingFixtures.outputs("fifty-out");
        JobFailedException e = assertThrows(JobFailedException.class, () -> TrainingFixtures.train(source, out));
        assertTrue(e.getMessage().startsWith("too few rows to train and evaluate: label 'deposit' has 25 yes and 25 no "
                + "rows (5 yes and 5 no in the test split). At least 100 rows of each class are needed"), e.getMessage());
        assertFalse(e.getMessage().contains("leaked"), e.getMessage());
        assertFalse(Files.exists(Path.of(out.models(), "deposit/champion.json")));
    }

    @Test
    void theMinimumFollowsTheTestFraction() {
        assertEquals(100, TrainingSplit.minimumRowsPerClass(0.2));
        assertEquals(40, TrainingSplit.minimumRowsPerClass(0.5));
    }
}
