package dev.bankml.cleaning.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BatchIdsTest {
    @Test
    void isAReadableSlugPlusAHashOfTheExactPath() {
        String id = BatchIds.of("2024/01/bank.csv");
        assertTrue(id.matches("2024_01_bank_csv-[0-9a-f]{8}"), id);
        assertEquals(id, BatchIds.of("2024/01/bank.csv"), "deterministic");
        assertNotEquals(BatchIds.of("bank.csv"), BatchIds.of("bank_csv"), "same slug, different file");
    }
}
