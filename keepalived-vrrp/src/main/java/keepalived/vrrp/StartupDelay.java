package keepalived.vrrp;

import java.math.BigDecimal;

import keepalived.config.Block;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.vrrp.state.VrrpInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * vrrp_startup_delay: at start-up (not on reload) the instances enter BACKUP as usual but none
 * takes over before the delay has passed (keepalived 2.2.7 logs "Delaying startup for N
 * seconds" and its instances become MASTER only then, observed).
 */
final class StartupDelay {
    private static final Logger LOG = LoggerFactory.getLogger("keepalived.vrrp");
    private static final StartupDelay NONE = new StartupDelay(0);

    private final long deadlineNs;

    private StartupDelay(long deadlineNs) {
        this.deadlineNs = deadlineNs;
    }

    /** The delay of {@code globals} from {@code nowNs} (logged), or none. */
    static StartupDelay from(Block globals, long nowNs) {
        long us = globals == null ? 0 : globals.get(GlobalDefsKeywords.VRRP_STARTUP_DELAY);
        if (us <= 0) {
            return NONE;
        }
        LOG.info("Delaying startup for {} seconds", BigDecimal.valueOf(us, 6).stripTrailingZeros().toPlainString());
        return new StartupDelay(nowNs + us * 1000L);
    }

    /** Holds a started instance's take-over until the end of the delay. */
    void hold(VrrpInstance vi) {
        if (this != NONE) {
            vi.holdBackupUntil(deadlineNs);
        }
    }
}
