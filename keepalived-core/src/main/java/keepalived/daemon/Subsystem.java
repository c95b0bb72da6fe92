package keepalived.daemon;

import keepalived.config.KeepalivedConfig;

/**
 * A part of the daemon that runs from the configuration: VRRP now, the checker and BFD later.
 * Implementations live in their own modules and are found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/keepalived.daemon.Subsystem} line), because keepalived-core cannot
 * depend on them.
 *
 * <p>The {@link Watchdog} parent starts one child JVM per wanted subsystem; the child runs it
 * through {@link Daemon}.
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

    /** Signal function names, as {@code keepalived --signum} knows them. */
    String DATA = "DATA";
    String STATS = "STATS";
    String STATS_CLEAR = "STATS_CLEAR";
    String JSON = "JSON";

    /** A started subsystem. All methods may be called from any thread (signal handlers included). */
    interface Running {
        /** SIGTERM/SIGINT: stop gracefully (asynchronous; {@link #awaitExit()} tells when done). */
        void stop();

        /** A dump signal function ({@link Subsystem#DATA}, STATS, STATS_CLEAR, JSON); ignored if unsupported. */
        default void signal(String function) {
        }

        /**
         * SIGHUP with a configuration that has already been read and found runnable: apply the
         * difference (instances matched by name keep their state; removed ones release what they
         * hold; new ones start). Asynchronous like {@link #stop()}; a subsystem that cannot apply
         * it logs why and keeps running the old configuration.
         */
        default void reload(KeepalivedConfig config) {
        }

        /** Blocks until the subsystem has stopped; returns its exit status (0 after a clean stop). */
        int awaitExit() throws InterruptedException;
    }
}
