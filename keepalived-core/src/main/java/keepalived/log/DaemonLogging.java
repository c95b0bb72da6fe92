package keepalived.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a daemon process logs, from the command line: keepalived's syslog identity for the
 * process ({@code Keepalived}, {@code Keepalived_vrrp}, {@code Keepalived_healthcheckers},
 * {@code Keepalived_bfd}), the facility (-S), the console (-l), detail (-D) and no syslog (-G).
 */
public final class DaemonLogging {
    /** The parent (watchdog) process's identity. */
    public static final String PARENT = "Keepalived";
    /** The VRRP child's identity. */
    public static final String VRRP = "Keepalived_vrrp";
    /** The checker child's identity. */
    public static final String CHECKER = "Keepalived_healthcheckers";
    /** The BFD child's identity. */
    public static final String BFD = "Keepalived_bfd";

    private DaemonLogging() {
    }

    /**
     * Sets up logging for this process; call once, before the first daemon log line.
     *
     * @param identity syslog ident (one of the constants, maybe with keepalived's _NS/_INSTANCE suffix)
     * @param facility syslog facility code (-S; daemon = 3)
     * @param console  -l: also log to stderr with keepalived's console timestamp
     * @param syslog   false with -G
     * @param detail   -D count
     */
    public static void configure(String identity, int facility, boolean console, boolean syslog, int detail) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        if (detail > 0) {
            ctx.getLogger("keepalived").setLevel(Level.DEBUG);
        }
    }
}
