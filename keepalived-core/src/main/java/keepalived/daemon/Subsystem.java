package keepalived.daemon;

import keepalived.config.KeepalivedConfig;

/**
 * A part of the daemon that runs from the configuration: VRRP now, the checker and BFD later.
 * Implementations live in their own modules and are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/keepalived.daemon.Subsystem} line), because keepalived-core cannot
 * depend on them.
 *
 * <p>For now every wanted subsystem runs in the foreground inside the one JVM that read the
 * command line; keepalived's watchdog parent with one child process per subsystem is issue 5.
 */
public interface Subsystem {
    /** Short name, as keepalived's process names have it: "vrrp", "checker", "bfd". */
    String name();

    /** Whether this configuration (and the command line) gives the subsystem anything to do. */
    boolean wanted(KeepalivedConfig config, DaemonContext context);

    /**
     * Starts the subsystem (its own threads) and returns at once; a failure to start throws and
     * the daemon exits with {@link Running#exitCode()}-like status 1.
     */
    Running start(KeepalivedConfig config, DaemonContext context) throws Exception;

    /** A started subsystem. All methods may be called from any thread (signal handlers included). */
    interface Running {
        /** SIGTERM/SIGINT: stop gracefully (asynchronous; {@link #awaitExit()} tells when done). */
        void stop();

        /** Another keepalived signal function (DATA, STATS, STATS_CLEAR, JSON, RELOAD); ignored if unsupported. */
        default void signal(String function) {
        }

        /** Blocks until the subsystem has stopped; returns its exit status (0 after a clean stop). */
        int awaitExit() throws InterruptedException;
    }
}
