package dev.bankml.workflow.catalog;

import static dev.bankml.workflow.catalog.GlueTypes.BIGINT;
import static dev.bankml.workflow.catalog.GlueTypes.STRING;

import java.util.Arrays;
import java.util.List;

import dev.bankml.workflow.DeliveryKind;
import dev.bankml.workflow.WorkflowDefinition;
import dev.bankml.workflow.quality.BankColumn;
import dev.bankml.workflow.quality.BankColumns;

/**
 * The cleaned tables, one per kind of delivery ({@code cleaned_outcomes}, {@code cleaned_leads}), from
 * the one column contract ({@link BankColumns}): the row's id, the 17 typed bank columns, the lineage
 * the cleaning job adds, partitioned by delivery ({@code batch_id}). The cleaning job writes exactly
 * these columns; the stack declares the tables so they exist before the first crawl, which then only
 * adds partitions.
 */
public final class CleanedTables {
    private CleanedTables() {
    }

    /** The cleaned table of a kind of delivery. */
    public static CatalogTable of(DeliveryKind kind) {
        CatalogTable.Builder table = CatalogTable.named(WorkflowDefinition.CLEANED_TABLE_PREFIX + kind.id(),
                "Cleaned, typed " + kind.id() + " deliveries: one partition (batch_id) per delivered file")
                .column(BankColumns.RECORD_ID, STRING);
        for (BankColumn c : BankColumns.ALL) {
            table.column(c.name(), typeOf(c));
        }
        return table.column(BankColumns.SOURCE_FILE, STRING)
                .column(BankColumns.LINE_NUMBER, BIGINT)
                .partitionedBy(BankColumns.BATCH_ID)
                .at(layout -> layout.cleaned(kind));
    }

    /** Every cleaned table, in the order of {@link DeliveryKind}. */
    public static List<CatalogTable> all() {
        return Arrays.stream(DeliveryKind.values()).map(CleanedTables::of).toList();
    }

    /** The catalog type of a bank column as the cleaning job types it. */
    static String typeOf(BankColumn c) {
        return switch (c.type()) {
            case INTEGER -> GlueTypes.INT;
            case YES_NO -> GlueTypes.BOOLEAN;
            case CATEGORY, MONTH -> STRING;
        };
    }
}
