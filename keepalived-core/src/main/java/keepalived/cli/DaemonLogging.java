package keepalived.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemon log levels from the command line. keepalived-java has no syslog writer yet, so the log
 * always goes to stderr (logback.xml); -l is accepted for compatibility. -D adds detail (DEBUG
 * for keepalived's own loggers).
 */
final class DaemonLogging {
    private DaemonLogging() {
    }

    static void configure(boolean console, int detail) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return;
        }
        ctx.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        if (detail > 0) {
            ctx.getLogger("keepalived").setLevel(Level.DEBUG);
        }
    }
}
