package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bankml.jobs.Json;
import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.local.PipelineCommand;

/**
 * The README's main command, {@code bin/pipeline run}, on the sample into a fresh warehouse: one
 * MLlib model and XGBoost (the seven models are trained once, by jobs-training's shared fixture),
 * a tenth of the sample held back as a lead delivery and scored.
 */
class LocalPipelineTest {
    private static Path warehouse;
    private static String console;

    @BeforeAll
    static void runTheWholeWorkflow() {
        warehouse = TestSpark.workDir("warehouse");
        PipelineCommand.Result r = PipelineCommand.run("run", "--warehouse", warehouse.toString(), "--tuning", "fast",
                "--models", "lr,xgb", "--run_id", "e2e");
        console = r.output();
        assertEquals(0, r.status(), console);
    }

    private static Dataset<Row> parquet(String relative) {
        return TestSpark.session().read().parquet(warehouse.resolve(relative).toString());
    }

    @Test
    void everyStepRanInOrderAndThePersonIsToldWhatHappened() {
        int last = -1;
        for (String step : List.of("[1/6] crawl-raw", "[2/6] clean", "[3/6] crawl-cleaned", "[4/6] evaluate",
                "[5/6] train", "[6/6] score")) {
            int at = console.indexOf(step);
            assertTrue(at > last, step + " missing or out of order:\n" + console);
            last = at;
        }
        assertTrue(console.contains("11,162 rows in: 11,162 cleaned, 0 quarantined"), console);
        assertTrue(console.contains("Quality gate: PROMOTED"), console);
        assertTrue(console.contains("Training: no champion yet for this label"), console);
        assertTrue(console.contains("[6/6] score          1,097 rows scored"), console);
        assertTrue(console.contains("Leads: 1,097 new customers scored by"), console);
        assertTrue(console.contains("Contact list, first 10 by rank"), console);
        assertTrue(console.contains("report.html   <- open this"), console);
        for (String model : List.of("logistic_regression", "xgboost")) {
            assertTrue(console.contains(model), model + " not in the summary:\n" + console);
        }
    }

    @Test
    void countsAddUpAcrossTheOutputs() throws Exception {
        JsonNode cleaning = Json.read(Files.readString(warehouse.resolve("artifacts/reports/cleaning/latest.json")));
        assertEquals(11_162, cleaning.get("rows_read").asLong());
        assertEquals(cleaning.get("rows_read").asLong(),
                cleaning.get("rows_written").asLong() + cleaning.get("rows_rejected").asLong());
        long outcomes = parquet("cleaned/outcomes").count();
        long leads = parquet("cleaned/leads").count();
        assertEquals(11_162, outcomes + leads, "every sample row is an outcome or a held-back lead");
        assertEquals(1_097, leads);
        long test = parquet("artifacts/predictions/test").filter("run_id = 'e2e'").count();
        assertTrue(Math.abs(test - 0.2 * outcomes) < 0.02 * outcomes, "a fifth of the outcomes tested: " + test);
        Dataset<Row> scored = heldBackLeadsScored();
        assertEquals(leads, scored.count(), "each held-back lead scored once");
        assertEquals(0, scored.join(parquet("cleaned/outcomes"), "record_id").count(),
                "the score step scores lead deliveries only, never the rows the champion trained on");
        assertTrue(TestSpark.session().catalog().tableExists("bankml.raw_outcomes"));
        assertTrue(TestSpark.session().catalog().tableExists("bankml.cleaned_outcomes"));
    }

    /** The run's scored lead delivery: the other tests here score files of their own into the same folder. */
    private static Dataset<Row> heldBackLeadsScored() {
        return parquet("artifacts/predictions/scored/label=deposit").filter("batch_id like '%leads_csv-%'");
    }

    @Test
    void theScoredLeadsAreATableAnAnalystQueries() {
        PipelineCommand.Result r = PipelineCommand.run("sql", "--warehouse", warehouse.toString(),
                "SELECT count(*) AS leads, sum(CAST(contact AS INT)) AS to_call FROM scored_leads "
                        + "WHERE batch_id LIKE '%leads_csv-%'"); // the held-back leads (other tests score files of their own)
        assertEquals(0, r.status(), r.output());
        long contacted = heldBackLeadsScored().filter("contact").count();
        assertTrue(r.output().lines().anyMatch(l -> l.matches("\\s*1097\\s+" + contacted + "\\s*")), r.output());
        PipelineCommand.Result versions = PipelineCommand.run("sql", "--warehouse", warehouse.toString(),
                "SELECT run_id, model, test.auc_roc > 0.7 AS honest FROM model_versions WHERE run_id = 'e2e'");
        assertEquals(0, versions.status(), versions.output());
        assertTrue(versions.output().lines().anyMatch(l -> l.matches("e2e\\s+\\w+\\s+true\\s*")), versions.output());
        assertTrue(versions.output().contains("(1 row)"), "the run's saved model is one version: " + versions.output());
    }

    @Test
    void theReportNamesTheChampionAndEmbedsItsCharts() throws Exception {
        JsonNode champion = Json.read(Files.readString(warehouse.resolve("artifacts/models/deposit/champion.json")));
        assertEquals("e2e", champion.get("run_id").asText());
        String html = Files.readString(warehouse.resolve("artifacts/metrics/deposit/runs/e2e/report.html"));
        assertTrue(html.contains("Champion: " + champion.get("model").asText()), "report names the champion");
        assertTrue(html.split("data:image/png;base64,").length >= 4, "ROC, PR and feature charts embedded");
        assertTrue(html.contains("Data quality of the cleaning run"));
        assertTrue(!html.contains("http://") && !html.contains("https://"), "no external asset");
        assertTrue(Files.isDirectory(warehouse.resolve("artifacts/models/deposit/runs/e2e/" + champion.get("model").asText())));
        assertEquals(2, Json.read(Files.readString(warehouse.resolve("artifacts/metrics/deposit/runs/e2e/metrics.json"))).size());
    }

    @Test
    void newCustomersWithoutALabelAreScoredWithTheChampion() throws Exception {
        Path input = TestSpark.workDir("new-customers").resolve("new.csv");
        List<String> sample = Files.readAllLines(TestSpark.sampleCsv());
        StringBuilder csv = new StringBuilder();
        for (String line : sample.subList(0, 51)) {
            csv.append(line, 0, line.lastIndexOf(',')).append('\n'); // drop the deposit column
        }
        csv.append("41,astronaut,married,secondary,no,100,yes,no,cellular,5,may,300,1,-1,0,unknown\n");
        csv.append("41,admin.,married,secondary,no,lots,yes,no,cellular,5,may,300,1,-1,0,unknown\n");
        Files.writeString(input, csv.toString(), StandardCharsets.UTF_8);
        PipelineCommand.Result r = PipelineCommand.run("score", "--input", input.toString(), "--warehouse",
                warehouse.toString(), "--run_id", "score1");
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().contains("Scored 51 of 52 rows"), r.output());
        assertTrue(r.output().contains("NOT_AN_INTEGER:balance"), r.output());
        assertTrue(r.output().contains("1 unseen category values"), r.output());
        assertTrue(r.output().contains("job=astronaut (1)"), r.output());
        assertEquals(51, parquet("artifacts/predictions/scored").filter("batch_id like '%new_csv-%'").count());
        traceNamesTheVersionThatScoredACustomer(parquet("artifacts/predictions/scored")
                .filter("batch_id like '%new_csv-%'").select("record_id").first().getString(0));

        // Another file afterwards: exactly its rows are scored and counted, not the earlier file's again.
        Path other = input.resolveSibling("second.csv");
        Files.writeString(other, String.join("\n", sample.subList(0, 21)) + "\n", StandardCharsets.UTF_8);
        PipelineCommand.Result second = PipelineCommand.run("score", "--input", other.toString(), "--warehouse",
                warehouse.toString());
        assertEquals(0, second.status(), second.output());
        assertTrue(second.output().contains("Scored 20 of 20 rows"), second.output());
        assertEquals(20, parquet("artifacts/predictions/scored").filter("batch_id like '%second_csv-%'").count());
        assertEquals(51, parquet("artifacts/predictions/scored").filter("batch_id like '%new_csv-%'").count());
    }

    /** bin/pipeline trace and models on the run's warehouse: the version the gate approved scored the customer. */
    private static void traceNamesTheVersionThatScoredACustomer(String recordId) {
        PipelineCommand.Result trace = PipelineCommand.run("trace", recordId, "--warehouse", warehouse.toString());
        assertEquals(0, trace.status(), trace.output());
        assertTrue(trace.output().contains("Record " + recordId + ", label deposit: scored in 1 lead delivery"),
                trace.output());
        assertTrue(trace.output().contains(", version e2e (now approved), pre-call ("), trace.output());
        assertTrue(trace.output().contains("    approved by quality gate at "), trace.output());
        PipelineCommand.Result models = PipelineCommand.run("models", "--warehouse", warehouse.toString());
        assertEquals(0, models.status(), models.output());
        assertTrue(models.output().lines().anyMatch(l -> l.startsWith("e2e ") && l.contains(" approved ")
                && l.contains("quality gate, ")), models.output());
    }

    @Test
    void badOptionsAreRefusedBeforeTheWarehouseIsTouched() throws Exception {
        List<String> before;
        try (var files = Files.walk(warehouse.resolve("cleaned"))) {
            before = files.map(Path::toString).sorted().toList();
        }
        for (String[] bad : List.of(new String[] {"--tuning", "bogus"}, new String[] {"--models", "xyz"},
                new String[] {"--label", "nosuch"})) {
            long t0 = System.nanoTime();
            PipelineCommand.Result r = PipelineCommand.run("run", "--warehouse", warehouse.toString(), bad[0], bad[1]);
            assertEquals(2, r.status(), r.output());
            assertTrue(r.output().contains("ERROR: argument " + bad[0] + " is '" + bad[1] + "'"), r.output());
            assertTrue((System.nanoTime() - t0) / 1e9 < 5, "refused at once");
        }
        try (var files = Files.walk(warehouse.resolve("cleaned"))) {
            assertEquals(before, files.map(Path::toString).sorted().toList(), "the cleaned data was not replaced");
        }
        PipelineCommand.Result noModel = PipelineCommand.run("score", "--input", TestSpark.sampleCsv().toString(),
                "--warehouse", TestSpark.workDir("no-model").toString());
        assertEquals(2, noModel.status(), noModel.output());
        assertTrue(noModel.output().contains("no champion model"), noModel.output());
    }

    @Test
    void historyShowsTheRunAsATable() {
        PipelineCommand.Result r = PipelineCommand.run("history", "--warehouse", warehouse.toString());
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().lines().anyMatch(l -> l.startsWith("e2e ") && l.contains("*+")), r.output());
    }

    /**
     * The only outcomes delivery has too many bad rows: the cleaning sets it aside and the run goes on, so
     * the training, asked for with nothing to train on, is the step that fails, and the run stops there.
     */
    @Test
    void aRefusedDeliveryIsSetAsideAndAFailingStepStopsTheRunNamingTheStepAndWhatToLookAt() {
        Path mostlyBad = TestSpark.projectRoot().resolve("jobs-cleaning/src/test/resources/fixtures/mixed-good-bad.csv");
        PipelineCommand.Result r = PipelineCommand.run("run", "--warehouse", TestSpark.workDir("failing").toString(),
                "--input", mostlyBad.toString(), "--tuning", "fast", "--models", "nb");
        assertEquals(1, r.status(), r.output());
        assertTrue(r.output().contains("REFUSED outcomes/mixed-good-bad.csv (set aside): 7 of the 18 rows of "
                + "outcomes/mixed-good-bad.csv (38.89%) were rejected"), r.output());
        assertTrue(r.output().contains("FAILED at step 'train'"), r.output());
        assertTrue(r.output().contains("Look at:"), r.output());
        assertTrue(!r.output().contains("[6/6] score"), "the run stopped at the failing step");
    }

    @Test
    void aBadOptionGetsAClearErrorAndStatus2() {
        PipelineCommand.Result r = PipelineCommand.run("run", "--warehouse", warehouse.toString(), "--input", "no/such.csv");
        assertEquals(2, r.status());
        assertTrue(r.output().contains("--input no/such.csv does not exist"), r.output());
    }
}
