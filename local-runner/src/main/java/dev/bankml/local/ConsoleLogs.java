package dev.bankml.local;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * The console threshold of the pipeline's own log lines (log4j2.properties: {@code bankml.console.level}).
 * A command that prints its own summary of many job runs (the replay) keeps their INFO lines in the
 * log file only; {@code --verbose} keeps them on the console too.
 */
final class ConsoleLogs {
    static final String PROPERTY = "bankml.console.level";

    private ConsoleLogs() {
    }

    static void quietUnlessVerbose() {
        if (!Boolean.getBoolean("bankml.verbose")) {
            System.setProperty(PROPERTY, "warn");
            ((LoggerContext) LogManager.getContext(false)).reconfigure();
        }
    }
}
