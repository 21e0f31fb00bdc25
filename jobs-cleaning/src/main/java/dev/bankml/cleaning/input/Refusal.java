package dev.bankml.cleaning.input;

/**
 * Why the cleaning refuses a delivery, and what gets it cleaned: in a cycle the delivery is set aside
 * (recorded in the ledger as refused) and the others go on.
 *
 * @param reason   what was found, naming the file
 * @param whatToDo how to get the delivery cleaned
 */
public record Refusal(String reason, String whatToDo) {
}
