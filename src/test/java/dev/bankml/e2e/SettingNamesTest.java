package dev.bankml.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.bankml.jobs.testing.TestSpark;
import dev.bankml.local.RunnerSettings;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.DeploymentSettings;
import dev.bankml.workflow.settings.Setting;
import dev.bankml.workflow.settings.Settings;

/**
 * A setting's literal name appears in one main source file, its declaration (in a file of
 * {@link Settings} or in {@link RunnerSettings}):
 * every other file refers to the declaration. Checked in the string literals of every module's main
 * Java sources: the flag ({@code --max_rejected_fraction}) anywhere in a literal, the bare name as a
 * whole literal when it cannot be an ordinary word ({@code "max_rejected_fraction"}), and the
 * {@code cdk.json} key ({@code "bankml:maxRejectedFraction"} or {@code "maxRejectedFraction"}).
 */
class SettingNamesTest {
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    /** Literals that are a setting's name by coincidence, with the reason. */
    private static final Map<String, String> COINCIDENCES = Map.of(
            "workflow/src/main/java/dev/bankml/workflow/catalog/OutputTables.java:\"contact_share\"",
            "the monitoring history's column: the share of a delivery the yes answers in the top were counted in",
            "jobs-training/src/main/java/dev/bankml/training/data/PredictionColumns.java:\"run_id\"",
            "the column of the predictions and the metrics history that names the training run",
            "workflow/src/main/java/dev/bankml/workflow/catalog/OutputTables.java:\"psi_alarm\"",
            "the monitoring history's column saying whether a delivery's PSI passed the alarm threshold");

    @Test
    void aSettingsNameIsWrittenOnlyWhereItIsDeclared() {
        Path root = TestSpark.projectRoot();
        List<String> found = new ArrayList<>();
        for (Path file : mainSources(root)) {
            Path relative = root.relativize(file);
            String text = read(file);
            Matcher m = LITERAL.matcher(text.replaceAll("(?m)^\\s*(//|\\*).*$", ""));
            while (m.find()) {
                String literal = m.group(1);
                for (Setting<?> s : everySetting()) {
                    String where = relative + ":\"" + literal + "\"";
                    if (names(literal, s) && !declares(text, s) && !COINCIDENCES.containsKey(where)) {
                        found.add(where + " spells " + s.flag());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "refer to the declaration in Settings instead");
    }

    @Test
    void theCheckFindsASpelledOutName() {
        assertTrue(names("above --max_rejected_fraction %s", CleaningSettings.MAX_REJECTED_FRACTION));
        assertTrue(names("max_rejected_fraction", CleaningSettings.MAX_REJECTED_FRACTION));
        assertTrue(names("bankml:maxRejectedFraction", CleaningSettings.MAX_REJECTED_FRACTION));
        assertTrue(!names("--max_rejected_fractions", CleaningSettings.MAX_REJECTED_FRACTION));
        assertTrue(!names("label", DeploymentSettings.LABEL), "an ordinary word is only checked as a flag");
        assertTrue(names("--label", DeploymentSettings.LABEL));
    }

    /** The job settings and the runner's own options. */
    private static List<Setting<?>> everySetting() {
        List<Setting<?>> all = new ArrayList<>(Settings.all());
        all.addAll(RunnerSettings.ALL);
        return all;
    }

    /** Whether this source is where the setting is declared. */
    private static boolean declares(String source, Setting<?> s) {
        return source.contains("Setting.builder(\"" + s.name() + "\"");
    }

    private static boolean names(String literal, Setting<?> s) {
        if (Pattern.compile("(^|[^\\w-])" + Pattern.quote(s.flag()) + "(?![\\w])").matcher(literal).find()) {
            return true;
        }
        boolean distinctive = s.name().contains("_") || !s.name().equals(s.name().toLowerCase(java.util.Locale.ROOT));
        if (distinctive && literal.equals(s.name())) {
            return true;
        }
        return s.contextKey().map(k -> literal.equals(k) || literal.equals(k.substring(Settings.CONTEXT_PREFIX.length()))
                && !literal.equals(literal.toLowerCase(java.util.Locale.ROOT))).orElse(false);
    }

    private static List<Path> mainSources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> root.relativize(p).toString().matches("[^/]+/src/main/java/.*"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
