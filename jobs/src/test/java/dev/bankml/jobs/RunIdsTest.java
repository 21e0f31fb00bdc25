package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void runsStartedInTheSameInstantGetDifferentIds() {
        Clock frozen = Clock.fixed(Instant.parse("2026-11-27T20:45:12.345Z"), ZoneOffset.UTC);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(RunIds.newRunId(frozen));
        }
        assertEquals(1000, ids.size());
        assertTrue(ids.iterator().next().matches("20261127T204512\\.345Z-[0-9a-f]{6}"), ids.iterator().next());
    }

    @Test
    void idsSortByStartTime() {
        String earlier = RunIds.newRunId(Clock.fixed(Instant.parse("2026-11-27T20:45:12.345Z"), ZoneOffset.UTC));
        String later = RunIds.newRunId(Clock.fixed(Instant.parse("2026-11-27T20:45:12.346Z"), ZoneOffset.UTC));
        assertTrue(earlier.compareTo(later) < 0);
    }

    @Test
    void aGivenIdIsValidated() {
        assertEquals("nightly-1", RunIds.fromArgs(GlueArgs.parse("--run_id", "nightly-1")));
        assertThrows(JobConfigurationException.class, () -> RunIds.fromArgs(GlueArgs.parse("--run_id", "../etc")));
    }
}
