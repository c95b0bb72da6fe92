package keepalived.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenessStatsTest {
    @Test
    void shouldReportZeroWhenEmpty() {
        LatenessStats s = new LatenessStats();
        assertEquals(0, s.count());
        assertEquals(0, s.percentileNs(0.99));
        assertEquals(0, s.meanNs());
    }

    @Test
    void shouldBeExactForSmallValues() {
        LatenessStats s = new LatenessStats();
        for (int i = 1; i <= 50; i++) {
            s.record(i);
        }
        assertEquals(25, s.percentileNs(0.5));
        assertEquals(50, s.percentileNs(1.0));
        assertEquals(50, s.maxNs());
    }

    @Test
    void shouldKeepPercentilesWithinThreePercentAndNeverAboveMax() {
        LatenessStats s = new LatenessStats();
        // 1 us .. 1000 us uniformly: p50 ~ 500 us, p99 ~ 990 us, p99.9 ~ 999 us
        for (int i = 1; i <= 1000; i++) {
            s.record(i * 1000L);
        }
        assertWithin(500_000, s.percentileNs(0.5));
        assertWithin(990_000, s.percentileNs(0.99));
        assertWithin(999_000, s.percentileNs(0.999));
        assertEquals(1_000_000, s.percentileNs(1.0));
        assertEquals(1_000_000, s.maxNs());
        assertEquals(500_500, s.meanNs());
    }

    @Test
    void shouldPlaceOutliersInTheTail() {
        LatenessStats s = new LatenessStats();
        for (int i = 0; i < 999; i++) {
            s.record(50_000);
        }
        s.record(20_000_000);
        assertWithin(50_000, s.percentileNs(0.5));
        assertWithin(50_000, s.percentileNs(0.99));
        assertWithin(50_000, s.percentileNs(0.999));
        assertEquals(20_000_000, s.percentileNs(1.0));
    }

    @Test
    void shouldCoverTheWholeLongRange() {
        for (long v : new long[] {0, 1, 63, 64, 65, 127, 128, 1L << 40, Long.MAX_VALUE}) {
            int b = LatenessStats.bucketOf(v);
            assertTrue(LatenessStats.upperBound(b) >= v, "bucket of " + v);
            assertTrue(b == 0 || LatenessStats.upperBound(b - 1) < v, "previous bucket of " + v);
        }
    }

    @Test
    void shouldClampNegativeLatenessAndResetAndCopy() {
        LatenessStats s = new LatenessStats();
        s.record(-5);
        s.record(100);
        assertEquals(2, s.count());
        assertEquals(0, s.percentileNs(0.5));
        LatenessStats copy = new LatenessStats();
        s.copyInto(copy);
        s.reset();
        assertEquals(0, s.count());
        assertEquals(2, copy.count());
        assertEquals(100, copy.maxNs());
        assertThrows(IllegalArgumentException.class, () -> s.percentileNs(0));
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(actual >= expected && actual <= expected * 1.03,
                "expected about " + expected + " (+3%), got " + actual);
    }
}
