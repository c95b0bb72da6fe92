package keepalived.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;

import keepalived.config.ConfigLoader;
import keepalived.config.KeepalivedConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import keepalived.sys.Native;
import keepalived.sys.NativeException;
import sun.misc.Signal;

/**
 * Runs the wanted {@link Subsystem}s in this JVM, in the foreground (a child of the
 * {@link Watchdog} runs exactly one), and maps keepalived's
 * signals onto them: TERM (and INT unless --ignore-sigint) stop them gracefully, USR1/USR2 ask
 * for the data/stats dumps, HUP reloads ({@link #reload()}). Returns when all have
 * stopped; the caller exits the JVM with the status (a Java signal handler replaces the JVM's
 * own exit-on-TERM, so nothing else would).
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    private volatile KeepalivedConfig config;
    private final DaemonContext context;
    private final ConfigSource source;
    private volatile java.util.Set<String> acceptedErrors;
    private final List<Subsystem> available;
    private final List<Subsystem.Running> running = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** Reads the configuration again for a reload (the same file and options as at start). */
    @FunctionalInterface
    public interface ConfigSource {
        ConfigLoader.Result load();
    }

    public Daemon(ConfigLoader.Result initial, DaemonContext context, List<Subsystem> available, ConfigSource source) {
        this.config = initial.config();
        this.acceptedErrors = ReloadCheck.errors(initial.problems());
        this.context = context;
        this.available = List.copyOf(available);
        this.source = source;
    }

    /**
     * SIGHUP: read the configuration again. A configuration with a new error (a syntax or value
     * error, a missing file, anything fatal: not a warning) is refused and the running one kept
     * untouched (keepalived 2.2.7 without {@code reload_check_config} could exit and leave its
     * VIPs behind). Errors already present in the running configuration do not block, so a
     * configuration that started with a known error can still be reloaded. Otherwise each
     * running subsystem applies the difference.
     *
     * @return true if the new configuration was handed to the subsystems
     */
    public boolean reload() {
        if (stopping.get()) {
            return false;
        }
        // the parent logs "Reloading ..."; the subsystem logs its own progress, as keepalived's children do
        ConfigLoader.Result r = source.load();
        java.util.List<String> fresh = ReloadCheck.newErrors(r.problems(), acceptedErrors);
        if (!fresh.isEmpty()) {
            fresh.forEach(l -> LOG.error("{}", l));
            LOG.error("New config failed validation - keeping the running configuration");
            return false;
        }
        acceptedErrors = ReloadCheck.errors(r.problems());
        config = r.config();
        forEach(run -> run.reload(r.config()));
        return true;
    }

    /** The subsystems found on the class path. */
    public static List<Subsystem> discover() {
        List<Subsystem> found = new ArrayList<>();
        ServiceLoader.load(Subsystem.class).forEach(found::add);
        return found;
    }

    /**
     * Starts the wanted subsystems, installs the signal handlers and waits for them all to stop.
     *
     * @param ignoreSigint --ignore-sigint
     * @return 0 after a clean stop; 1 if a subsystem failed to start
     */
    public int run(boolean ignoreSigint) throws InterruptedException {
        return run(ignoreSigint, () -> { });
    }

    /**
     * As {@link #run(boolean)}; {@code started} runs once every wanted subsystem's start returned
     * (a child tells the watchdog it is up).
     */
    public int run(boolean ignoreSigint, Runnable started) throws InterruptedException {
        List<Subsystem> wanted = new ArrayList<>();
        for (Subsystem s : available) {
            if (s.wanted(config, context)) {
                wanted.add(s);
            }
        }
        if (wanted.isEmpty()) {
            LOG.warn("Warning - keepalived has no configuration to run");
        }
        installSignals(ignoreSigint);
        for (Subsystem s : wanted) {
            try {
                Subsystem.Running r = s.start(config, context);
                synchronized (running) {
                    running.add(r);
                }
                if (stopping.get()) {
                    r.stop(); // the stop signal came while it was starting
                }
            } catch (Exception e) {
                LOG.error("Unable to start the {} subsystem: {}", s.name(), String.valueOf(e.getMessage()), e);
                stop();
                awaitAll();
                return 1;
            }
        }
        started.run();
        if (wanted.isEmpty()) {
            // keepalived's parent keeps running with nothing to do; wait for a stop signal
            synchronized (stopping) {
                while (!stopping.get()) {
                    stopping.wait();
                }
            }
            return 0;
        }
        return awaitAll();
    }

    private int awaitAll() throws InterruptedException {
        int status = 0;
        List<Subsystem.Running> copy;
        synchronized (running) {
            copy = List.copyOf(running);
        }
        for (Subsystem.Running r : copy) {
            status = Math.max(status, r.awaitExit());
        }
        return status;
    }

    /** Asks every running subsystem to stop (idempotent, any thread). */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        synchronized (stopping) {
            stopping.notifyAll();
        }
        LOG.debug("Stopping"); // the parent logs keepalived's "Stopping"; a child says "Stopped" when done
        forEach(Subsystem.Running::stop);
    }

    private void forEach(java.util.function.Consumer<Subsystem.Running> action) {
        List<Subsystem.Running> copy;
        synchronized (running) {
            copy = List.copyOf(running);
        }
        copy.forEach(action);
    }

    private void installSignals(boolean ignoreSigint) {
        handle("TERM", s -> stop());
        if (ignoreSigint) {
            handle("INT", s -> { });
        } else {
            handle("INT", s -> stop());
        }
        handle("HUP", s -> reload());
        handle("USR1", s -> forEach(r -> r.signal(Subsystem.DATA)));
        // HotSpot suspends threads with SIGUSR2 unless _JAVA_SR_SIGNUM moves it (bin/keepalived does):
        // a handler here would then fire spuriously, so only take USR2 when it is ours.
        if (System.getenv("_JAVA_SR_SIGNUM") != null) {
            handle("USR2", s -> forEach(r -> r.signal("STATS")));
        }
        // JSON and STATS_CLEAR are real-time signals: only through a signalfd (see SignalFd)
        keepalived.sys.SignalFd.listen(sig -> forEach(r -> r.signal(
                sig == keepalived.sys.SignalFd.SIGJSON ? Subsystem.JSON : Subsystem.STATS_CLEAR)),
                keepalived.sys.SignalFd.SIGJSON, keepalived.sys.SignalFd.SIGSTATS_CLEAR);
    }

    /** Takes a signal even if it was inherited as ignored (see {@link Native#restoreDefaultAction}). */
    static void handle(String name, sun.misc.SignalHandler handler) {
        try {
            Signal signal = new Signal(name);
            Native.restoreDefaultAction(signal.getNumber());
            Signal.handle(signal, handler);
        } catch (IllegalArgumentException | NativeException e) {
            LOG.debug("Cannot handle SIG{}: {}", name, e.getMessage());
        }
    }
}
