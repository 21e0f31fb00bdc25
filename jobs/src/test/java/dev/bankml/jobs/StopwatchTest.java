package dev.bankml.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StopwatchTest {
    @Test
    void lapsAreTheTimeBetweenThemInOrderAndAStageLappedTwiceAddsUp() {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        Stopwatch watch = Stopwatch.on(clock::get);
        clock.addAndGet(1_500_000_000L);
        watch.lap("read");
        clock.addAndGet(250_000_000L);
        watch.lap("encode");
        clock.addAndGet(250_000_000L);
        watch.lap("read");
        clock.addAndGet(1_000_000L);
        assertEquals(Map.of("read", 1.75, "encode", 0.25), watch.seconds());
        assertEquals(List.of("read", "encode"), List.copyOf(watch.seconds().keySet()));
        assertEquals(Map.of("read_ms", 1750L, "encode_ms", 250L, "total_ms", 2001L), watch.millis());
        assertEquals(2.001, watch.totalSeconds(), 1e-12);
        assertEquals("read 1.8 s, encode 0.3 s", watch.toString());
    }
}
