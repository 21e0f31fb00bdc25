package dev.bankml.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bankml.jobs.GlueArgs;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.jobs.WarehouseBusyException;
import dev.bankml.jobs.WarehouseLock;
import dev.bankml.workflow.StorageLayout;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.SettingValues;
import dev.bankml.workflow.settings.WiringSettings;

/** The runner's parsing, its command table and its dispatch, without Spark: each refusal before anything runs. */
class RunnerCommandLineTest {

    @Test
    void optionsAndOperandsAreToldApartAndABareFlagTakesNoWord() {
        Invocation in = Invocation.parse("--kind", "leads", "--verbose", "a.csv", "--warehouse=/tmp/w", "b.csv");
        assertEquals(List.of("a.csv", "b.csv"), in.operands());
        assertEquals("leads", in.options().get(RunnerSettings.DELIVERY_KIND));
        assertEquals("/tmp/w", in.options().get(RunnerSettings.WAREHOUSE));
        assertTrue(in.options().flagged(dev.bankml.workflow.settings.CommandLineSettings.VERBOSE));
        Invocation explicit = Invocation.parse("--verbose", "false", "c.csv");
        assertEquals("false", explicit.options().asMap().get("verbose"));
        assertEquals(List.of("c.csv"), explicit.operands());
    }

    @Test
    void everyCommandIsDeclaredOnceAndTheUsageAndItsHelpComeFromTheTable() {
        Set<String> names = new HashSet<>();
        String usage = Commands.usage();
        for (Command c : Commands.ALL) {
            assertTrue(names.add(c.name()), "declared twice: " + c.name());
            assertTrue(usage.contains("  " + c.name() + " "), c.name() + " missing from the usage:\n" + usage);
            Result help = Result.of(c.name(), "--help");
            assertEquals(0, help.status, help.output);
            assertFalse(help.output.isBlank(), c.name());
        }
        assertTrue(Result.of("score", "--help").output.contains("--contact_share"), "score's help lists its options");
        assertTrue(Result.of("clean", "--help").output.contains("--target_path"), "clean's help is the job's usage");
        assertTrue(Result.of("deliver", "--help").output.startsWith("bin/pipeline deliver [options] FILE..."));
    }

    @Test
    void anUnknownCommandAMisspeltOptionAStrayOperandOrABadValueExit2BeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path warehouse = dir.resolve("w");
        Result unknown = Result.of("trian");
        assertEquals(2, unknown.status);
        assertTrue(unknown.output.contains("unknown command 'trian'") && unknown.output.contains("Usage:"), unknown.output);

        Result misspelt = Result.of("cycle", "--warehouse", warehouse.toString(), "--retrian", "true");
        assertEquals(2, misspelt.status);
        assertTrue(misspelt.output.contains("bin/pipeline cycle has no option --retrian; it takes [--warehouse"),
                misspelt.output);

        Result stray = Result.of("cycle", "--warehouse", warehouse.toString(), "now");
        assertEquals(2, stray.status);
        assertTrue(stray.output.contains("bin/pipeline cycle takes options only, not 'now'"), stray.output);

        for (String[] bad : List.of(new String[] {"--tuning", "bogus"}, new String[] {"--models", "xyz"},
                new String[] {"--label", "nosuch"}, new String[] {"--contact_share", "0.2", "--contact_count", "5"})) {
            String[] argv = Stream.concat(Stream.of("run", "--warehouse", warehouse.toString()), Stream.of(bad))
                    .toArray(String[]::new);
            Result r = Result.of(argv);
            assertEquals(2, r.status, r.output);
            assertTrue(r.output.startsWith("ERROR: argument --"), r.output);
        }
        Result missingInput = Result.of("run", "--warehouse", warehouse.toString(), "--input", dir.resolve("no.csv").toString());
        assertEquals(2, missingInput.status);
        assertTrue(missingInput.output.contains("--input " + dir.resolve("no.csv") + " does not exist"), missingInput.output);
        assertFalse(Files.exists(warehouse), "nothing was written before the refusal");
    }

    @Test
    void deliverCopiesEachFileIntoItsKindsRawFolder(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("leads-dec.csv"), "age\n30\n", StandardCharsets.UTF_8);
        Path warehouse = dir.resolve("w");
        Result r = Result.of("deliver", "--kind", "leads", "--warehouse", warehouse.toString(), a.toString());
        assertEquals(0, r.status, r.output);
        assertEquals("age\n30\n", Files.readString(warehouse.resolve("raw/leads/leads-dec.csv")));
        assertEquals(2, Result.of("deliver", "--warehouse", warehouse.toString(), a.toString()).status, "no --kind");
        assertEquals(2, Result.of("deliver", "--kind", "leads", "--warehouse", warehouse.toString()).status, "no file");
        assertEquals(2, Result.of("deliver", "--kind", "bills", "--warehouse", warehouse.toString(), a.toString()).status);
    }

    @Test
    void aStepsArgumentsAreTheWorkflowsChangedByNameThenThePersonsOptionsTheJobReads() {
        WorkflowDefinition wf = WorkflowDefinition.of(StorageLayout.underOneRoot("/w"),
                SettingValues.defaults(SettingValues.Defaults.JOB));
        Map<String, String> workflow = wf.step(WorkflowDefinition.CLEAN).job().orElseThrow().arguments();
        assertTrue(workflow.containsKey(WiringSettings.LEDGER_PATH.name()), workflow.toString());
        GlueArgs given = GlueArgs.parse("--max_rejected_fraction", "0.5", "--target_path", "/mine",
                "--model_path", "/not/read/by/cleaning", "--warehouse", "/w");
        GlueArgs args = StepArguments.of(wf, WorkflowDefinition.CLEAN)
                .set(WiringSettings.SOURCE_PATH, "/in.csv").remove(WiringSettings.LEDGER_PATH)
                .withOptions(given, s -> s != WiringSettings.TARGET_PATH).args();
        assertEquals("/in.csv", args.asMap().get(WiringSettings.SOURCE_PATH.name()));
        assertFalse(args.asMap().containsKey(WiringSettings.LEDGER_PATH.name()));
        assertEquals("0.5", args.asMap().get(CleaningSettings.MAX_REJECTED_FRACTION.name()));
        assertEquals(workflow.get(WiringSettings.TARGET_PATH.name()), args.asMap().get(WiringSettings.TARGET_PATH.name()),
                "an option the filter refuses is not taken");
        assertFalse(args.asMap().containsKey("model_path"), "not a cleaning argument");
        assertFalse(args.asMap().containsKey("warehouse"), "the runner's own option");
        assertThrows(JobConfigurationException.class, () -> Invocation.parse("x").withoutOperands("cycle"));
    }

    /** A command run in this JVM, what it printed (out and err together) and its status. */
    @Test
    void aCycleStartedWhileAnotherHoldsTheWarehouseExits4AtOnceNamingTheHolder(@TempDir Path dir) {
        Path warehouse = dir.resolve("w");
        String ledger = StorageLayout.underOneRoot(warehouse.toString()).ledger();
        Storage storage = new Storage(new org.apache.hadoop.conf.Configuration());
        try (WarehouseLock other = WarehouseLock.take(storage, ledger, "bin/pipeline cycle", "local-other", "run-other")) {
            for (String command : List.of("cycle", "run", "replay")) {
                Result busy = Result.of(command, "--warehouse", warehouse.toString());
                assertEquals(WarehouseBusyException.EXIT_STATUS, busy.status, busy.output);
                assertTrue(busy.output.startsWith("bank-glue-ml:") || busy.output.startsWith("BUSY:"), busy.output);
                assertTrue(busy.output.contains("BUSY: another cycle is running since " + other.holder().startedAt()
                        + ", started by bin/pipeline cycle (" + other.holder().host() + ", pid "), busy.output);
            }
        }
    }

    record Result(int status, String output) {
        static Result of(String... argv) {
            PipelineCommand.Result r = PipelineCommand.run(argv);
            return new Result(r.status(), r.output());
        }
    }
}
