package keepalived.config.vrrp;

import java.util.concurrent.atomic.AtomicLong;
import keepalived.config.Key;

/**
 * A monotonic stamp taken as lines are parsed. keepalived resolves {@code track_script} (and
 * track_file / track_process) names while parsing, so a script defined after the instance that
 * tracks it is "not found"; comparing stamps reproduces that after the fact.
 */
final class ParseOrder {
    private static final AtomicLong NEXT = new AtomicLong();

    /** The stamp of a named top-level block (vrrp_script, track_file, vrrp_track_process). */
    static final Key<Long> DEFINED = Key.of("parse_order", Long.MAX_VALUE);

    private ParseOrder() {
    }

    static long next() {
        return NEXT.incrementAndGet();
    }
}
