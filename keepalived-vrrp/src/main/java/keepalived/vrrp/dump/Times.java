package keepalived.vrrp.dump;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Wall-clock forms of the loop's monotonic times, as keepalived's dumps print them. */
final class Times {
    private static final DateTimeFormatter CTIME = DateTimeFormatter
            .ofPattern("EEE MMM ppd HH:mm:ss.SSSSSS yyyy", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Times() {
    }

    /** Epoch microseconds of a {@link System#nanoTime()} value. */
    static long epochMicros(long monotonicNs) {
        long nowUs = Math.addExact(Math.multiplyExact(System.currentTimeMillis(), 1000L), 0L);
        return nowUs + (monotonicNs - System.nanoTime()) / 1000L;
    }

    /** {@code 1795301302.324715} */
    static String seconds(long epochUs) {
        return String.format(Locale.ROOT, "%d.%06d", Math.floorDiv(epochUs, 1_000_000L),
                Math.floorMod(epochUs, 1_000_000L));
    }

    private static final DateTimeFormatter CTIME_SECONDS = DateTimeFormatter
            .ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneId.systemDefault());

    /** {@code Sun Nov 22 02:27:57 2026.361007}: 2.2.7's form in "Last checked" lines. */
    static String ctimeWithMicros(long epochUs) {
        return CTIME_SECONDS.format(Instant.ofEpochSecond(Math.floorDiv(epochUs, 1_000_000L)))
                + String.format(Locale.ROOT, ".%06d", Math.floorMod(epochUs, 1_000_000L));
    }

    /** {@code 1795301302.324715 (Sat Nov 21 22:48:22.324715 2026)} */
    static String stamp(long epochUs) {
        Instant at = Instant.ofEpochSecond(Math.floorDiv(epochUs, 1_000_000L), Math.floorMod(epochUs, 1_000_000L) * 1000L);
        return seconds(epochUs) + " (" + CTIME.format(at) + ")";
    }
}
