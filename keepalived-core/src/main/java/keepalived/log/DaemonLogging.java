package keepalived.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
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

    private static final String SYSLOG = "SYSLOG";

    private DaemonLogging() {
    }

    /**
     * The identity with keepalived's instance suffix: with a root-level {@code instance NAME},
     * {@code Keepalived_NAME}, {@code Keepalived_vrrp_NAME} ... (observed on 2.2.7; the parent
     * logs {@code Changing syslog ident to ...} when it switches).
     */
    public static String withInstance(String identity, String instance) {
        return instance == null || instance.isEmpty() ? identity : identity + "_" + instance;
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
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        ctx.getLogger("keepalived").setLevel(detail > 0 ? Level.DEBUG : null);
        // the start-up console appender (DefaultLogConfigurator) carries the lines printed before this call (and -t's);
        // from here on it stays only with -l, as keepalived logs to the console only then.
        if (!console) {
            root.detachAppender(ConsoleAppender.NAME);
        }
        Appender<ILoggingEvent> old = root.getAppender(SYSLOG);
        if (old != null) {
            root.detachAppender(old);
            old.stop();
        }
        if (syslog) {
            SyslogAppender appender = new SyslogAppender(identity, facility, SyslogAppender.socketPath());
            appender.setContext(ctx);
            appender.start();
            root.addAppender(appender);
        }
    }
}
