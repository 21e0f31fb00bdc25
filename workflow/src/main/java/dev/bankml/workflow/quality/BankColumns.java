package dev.bankml.workflow.quality;

import java.util.List;

/**
 * The bank data set's columns as a contract: names, types, ranges, reference domains, and when the
 * bank knows each (before it dials, or only after the call). Pure data,
 * so the cleaning job (which validates and profiles rows with it) and the CDK app (which turns the
 * checks built on it into a Glue Data Quality ruleset) read the same definitions.
 */
public final class BankColumns {
    private BankColumns() {
    }

    public static final String AGE = "age";
    public static final String JOB = "job";
    public static final String MARITAL = "marital";
    public static final String EDUCATION = "education";
    public static final String DEFAULT = "default";
    public static final String BALANCE = "balance";
    public static final String HOUSING = "housing";
    public static final String LOAN = "loan";
    public static final String CONTACT = "contact";
    public static final String DAY = "day";
    public static final String MONTH = "month";
    public static final String DURATION = "duration";
    public static final String CAMPAIGN = "campaign";
    public static final String PDAYS = "pdays";
    public static final String PREVIOUS = "previous";
    public static final String POUTCOME = "poutcome";
    public static final String DEPOSIT = "deposit";

    /** The cleaned table's row identity, added by the cleaning job (unique per row). */
    public static final String RECORD_ID = "record_id";
    /** Lineage the cleaning job adds to every row: the delivery file and the line it came from. */
    public static final String SOURCE_FILE = "source_file";
    public static final String LINE_NUMBER = "line_number";
    /** Partition key of the cleaned tables (and of everything kept per delivery): one value per delivered file. */
    public static final String BATCH_ID = "batch_id";

    /** The 17 columns of the data set, in the order of the published file. */
    public static final List<BankColumn> ALL = List.of(
            BankColumn.integer(AGE, 18, 110),
            BankColumn.category(JOB, "admin.", "blue-collar", "entrepreneur", "housemaid", "management", "retired",
                    "self-employed", "services", "student", "technician", "unemployed", "unknown"),
            BankColumn.category(MARITAL, "married", "single", "divorced"),
            BankColumn.category(EDUCATION, "primary", "secondary", "tertiary", "unknown"),
            BankColumn.yesNo(DEFAULT),
            BankColumn.integer(BALANCE, null, null),
            BankColumn.yesNo(HOUSING),
            BankColumn.yesNo(LOAN),
            BankColumn.category(CONTACT, "cellular", "telephone", "unknown"),
            BankColumn.integer(DAY, 1, 31),
            BankColumn.month(MONTH),
            BankColumn.integer(DURATION, 0, null).afterCall(),
            BankColumn.integer(CAMPAIGN, 1, null),
            BankColumn.integer(PDAYS, -1, null),
            BankColumn.integer(PREVIOUS, 0, null),
            BankColumn.category(POUTCOME, "success", "failure", "other", "unknown"),
            BankColumn.yesNo(DEPOSIT, "y").afterCall());

    /**
     * The columns known only after the call ({@code duration}, the length of the call, and
     * {@code deposit}, its outcome): no model that scores leads reads them, and a lead delivery need not
     * carry them.
     */
    public static final List<String> AFTER_CALL = ALL.stream().filter(c -> !c.knownBeforeCall())
            .map(BankColumn::name).toList();

    /** The month domain of the cleaned table: three-letter lower-case abbreviations. */
    public static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
}
