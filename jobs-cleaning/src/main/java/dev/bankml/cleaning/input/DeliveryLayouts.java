package dev.bankml.cleaning.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.hadoop.conf.Configuration;

import dev.bankml.cleaning.rules.FileLayout;
import dev.bankml.cleaning.rules.InputLayoutException;
import dev.bankml.cleaning.rules.LineDecoder;
import dev.bankml.jobs.BankSchema;
import dev.bankml.jobs.JobConfigurationException;
import dev.bankml.jobs.Storage;
import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.quality.BankColumns;
import dev.bankml.workflow.settings.CleaningSettings;
import dev.bankml.workflow.settings.WiringSettings;

/**
 * Reads the header of each file to clean into its layout. An outcomes file must have every column (the
 * label only when {@code requireLabel}). A lead is a customer the bank has not called yet: a leads file
 * need not have the label or the columns known only after the call ({@link BankColumns#AFTER_CALL}), and
 * any of them it has are ignored (no lead model reads them; the report counts the rows that carried a
 * value). A file of customers to score without a label ({@code requireLabel} false) is read the same way,
 * except that a label it carries is kept (its scores can then be compared with it).
 */
public final class DeliveryLayouts {
    private DeliveryLayouts() {
    }

    /**
     * How headers are read.
     *
     * @param label              the label column
     * @param requireLabel       whether an outcomes file must have it
     * @param charset            the input's encoding
     * @param refuseEach         in a cycle: a header that cannot be used sets its delivery aside; elsewhere
     *                           it stops the run
     * @param leadsWithLabelsAsOutcomes a lead file whose header names the label is cleaned as outcomes
     *                           ({@code --leads_with_labels outcomes})
     */
    public record Reading(String label, boolean requireLabel, Charset charset, boolean refuseEach,
                          boolean leadsWithLabelsAsOutcomes) {
    }

    /**
     * @param root for messages and the report: where the files come from
     * @throws InputLayoutException when a header cannot be used and the run does not set deliveries aside
     */
    public static InputFiles read(Storage storage, String root, List<InputFiles.SourceFile> toClean, Reading how) {
        List<InputFiles.SourceFile> files = new ArrayList<>();
        List<FileLayout> layouts = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        List<InputFiles.Refused> refused = new ArrayList<>();
        for (InputFiles.SourceFile listed : toClean) {
            try {
                String header = listed.length() == 0 ? null : header(storage.conf(), listed, how.charset());
                if (header == null) {
                    empty.add(listed.identity());
                    continue;
                }
                InputFiles.SourceFile file = routed(listed, header, how);
                layouts.add(layout(file, header, how));
                files.add(file);
            } catch (InputLayoutException e) {
                if (!how.refuseEach()) {
                    throw e;
                }
                refused.add(new InputFiles.Refused(listed, new Refusal(e.getMessage(), "deliver the file again, "
                        + "corrected, under the same name (the next cycle cleans it), or remove it from the "
                        + listed.kind().id() + " deliveries")));
            }
        }
        return new InputFiles(root, files, layouts, empty, refused);
    }

    /**
     * Lists the files at {@code location} and reads their headers (the classic run: one source).
     *
     * @throws JobConfigurationException when there is no file, or a header cannot be used
     */
    public static InputFiles discover(Storage storage, String location, String label, boolean requireLabel,
                                      Charset charset) {
        List<InputFiles.SourceFile> files = RawInput.list(storage, List.of(new RawInput.Source(DeliveryKind.OUTCOMES,
                location, true, false)));
        return read(storage, location, files, new Reading(label, requireLabel, charset, false, false));
    }

    /** The file as it is cleaned: a lead file whose header names the label goes to the outcomes, if so set. */
    private static InputFiles.SourceFile routed(InputFiles.SourceFile file, String header, Reading how) {
        if (!how.leadsWithLabelsAsOutcomes() || file.kind() != DeliveryKind.LEADS) {
            return file;
        }
        FileLayout asLead = FileLayout.fromHeader(file.identity(), file.batchId(), header, Set.of(how.label()));
        return asLead.missingColumns().contains(how.label()) ? file : file.as(DeliveryKind.OUTCOMES);
    }

    private static FileLayout layout(InputFiles.SourceFile file, String header, Reading how) {
        String label = how.label();
        if (file.kind().labelled() && how.requireLabel()) {
            return FileLayout.fromHeader(file.identity(), file.batchId(), header, Set.of());
        }
        Set<String> notNeeded = new TreeSet<>(BankColumns.AFTER_CALL);
        notNeeded.add(label);
        FileLayout layout = FileLayout.fromHeader(file.identity(), file.batchId(), header, notNeeded);
        Set<String> ignored = new TreeSet<>(notNeeded);
        if (file.kind().labelled()) {
            ignored.remove(label);
        }
        return layout.ignoring(ignored);
    }

    /** The first line of a file as text, or null when the file has no line at all. */
    static String header(Configuration conf, InputFiles.SourceFile file, Charset charset) {
        try (LineReader r = RawInput.open(conf, file, 0, Long.MAX_VALUE).reader()) {
            if (!r.next()) {
                return null;
            }
            if (r.truncated()) {
                throw new InputLayoutException("input file " + file.identity() + " has a first line longer than "
                        + BankSchema.MAX_LINE_BYTES + " bytes: it is not a CSV file with a header line.");
            }
            if (looksBinary(r.bytes(), r.length())) {
                throw new InputLayoutException("input file " + file.identity() + " is not a text file (its first line "
                        + "holds binary data). Remove it from the source folder or point "
                        + WiringSettings.SOURCE_PATH.flag() + " at the CSV files.");
            }
            String text = new LineDecoder(charset).decode(r.bytes(), r.length());
            if (text == null) {
                throw new InputLayoutException("the header line of input file " + file.identity() + " is not valid "
                        + charset.name() + ". Declare the file's encoding with " + CleaningSettings.ENCODING.flag()
                        + " (for example windows-1252 or iso-8859-1), or convert the file to UTF-8.");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** NUL bytes, or many control characters, do not occur in a CSV header. */
    static boolean looksBinary(byte[] b, int length) {
        int control = 0;
        for (int i = 0; i < length; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                return true;
            }
            if (c < 0x20 && c != '\t') {
                control++;
            }
        }
        return control > Math.max(2, length / 20);
    }
}
