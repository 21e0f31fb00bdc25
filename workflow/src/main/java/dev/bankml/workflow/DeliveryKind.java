package dev.bankml.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The two kinds of monthly delivery under the raw bucket: the outcomes of the last campaign (customer
 * records with the label known: labelled history) and the leads (customers to contact next: the same
 * columns, the label absent or empty). Each kind has its folder in the raw bucket and its table in
 * the cleaned bucket.
 */
public enum DeliveryKind {
    OUTCOMES(true),
    LEADS(false);

    private final boolean labelled;

    DeliveryKind(boolean labelled) {
        this.labelled = labelled;
    }

    /** The folder and table name: {@code outcomes}, {@code leads}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the delivery carries the label (outcomes) or is to be scored (leads). */
    public boolean labelled() {
        return labelled;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(DeliveryKind::id).toList();
    }

    public static DeliveryKind of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
