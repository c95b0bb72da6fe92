package keepalived.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import keepalived.config.ConfigLoader;
import keepalived.config.KeepalivedConfig;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.global.RootKeywords;
import keepalived.sys.SignalFd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * keepalived's parent process: starts one child JVM per wanted {@link Subsystem} (the same
 * java, JVM flags, class path and argv, plus {@code -Dkeepalived.child=NAME}), respawns a child
 * that dies, relays signals, and stops everything on TERM/INT. Every event (a signal, a child's
 * exit or readiness, a timer) is handled in turn on the thread that called {@link #run()}, so no
 * state here needs a lock.
 *
 * <p>A child reads its stdin, a pipe from here: end of file (this JVM gone, even by SIGKILL)
 * makes it stop gracefully, as keepalived's children get PR_SET_PDEATHSIG=SIGTERM. It writes
 * {@link #READY} on its stdout once its subsystem has started; anything else it prints there is
 * copied to our stdout. Its stderr (the -l console log) is ours.
 */
public final class Watchdog {
    private static final Logger LOG = LoggerFactory.getLogger("Keepalived");

    /** The system property naming the subsystem a child JVM runs. */
    public static final String CHILD_PROPERTY = "keepalived.child";
    /** The main class every keepalived-java JVM runs. */
    static final String MAIN_CLASS = "keepalived.cli.Main";
    /** The line a child prints on stdout when its subsystem has started. */
    public static final String READY = "keepalived-child-ready";

    private static final long RAN_LONG_ENOUGH_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int MAX_DELAY_SECONDS = 60;
    private static final int SIGHUP = 1;
    private static final int SIGUSR1 = 10;
    private static final int SIGUSR2 = 12;

    /** What the watchdog needs from the command line besides the {@link DaemonContext}. */
    public record Settings(List<String> argv, boolean dontRespawn, boolean ignoreSigint, PidFiles pidFiles,
            String version) {
    }

    private final Settings settings;
    private final DaemonContext context;
    private final List<Subsystem> available;
    private final Daemon.ConfigSource source;
    private final SystemdNotify systemd;
    private final BlockingQueue<Runnable> events = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "watchdog-timer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Child> children = new LinkedHashMap<>();

    private KeepalivedConfig config;
    private Set<String> acceptedErrors;
    private boolean stopping;
    private boolean readyAnnounced;
    private int exitStatus;

    public Watchdog(ConfigLoader.Result initial, DaemonContext context, List<Subsystem> available,
            Daemon.ConfigSource source, Settings settings, SystemdNotify systemd) {
        this.config = initial.config();
        this.acceptedErrors = ReloadCheck.errors(initial.problems());
        this.context = context;
        this.available = List.copyOf(available);
        this.source = source;
        this.settings = settings;
        this.systemd = systemd;
    }

    /** One child JVM (or the wish for one, while a respawn is delayed). */
    private final class Child {
        final Subsystem subsystem;
        Process process;
        OutputStream lifeline;
        long startedNanos;
        int delaySeconds;
        int restarts; // respawns since it last ran long enough
        boolean ready;
        boolean reloadPending; // a reload came while it was starting: HUP it once it is up
        boolean retired; // stopped because a reload no longer wants it

        Child(Subsystem subsystem) {
            this.subsystem = subsystem;
        }

        String label() {
            return Watchdog.label(subsystem.name());
        }

        boolean alive() {
            return process != null && process.isAlive();
        }
    }

    /** keepalived's name for a child in its log lines. */
    static String label(String subsystem) {
        return switch (subsystem) {
            case "vrrp" -> "VRRP";
            case "checker" -> "Healthcheck";
            case "bfd" -> "BFD";
            default -> subsystem;
        };
    }

    /** Runs until stopped; returns the exit status (0, or a child's permanent error). */
    public int run() throws InterruptedException {
        installSignals();
        List<Subsystem> wanted = wanted(config);
        UnbuiltSubsystems.messages(config, context, available).forEach(l -> LOG.warn("{}", l));
        if (wanted.isEmpty()) {
            LOG.warn("Warning - keepalived has no configuration to run");
        }
        keepalived.config.global.ScriptSpec startup = config.globalDefs().get(GlobalDefsKeywords.STARTUP_SCRIPT);
        if (startup != null) {
            LifecycleScript.run("startup", startup, config.globalDefs().get(GlobalDefsKeywords.STARTUP_SCRIPT_TIMEOUT));
        }
        for (Subsystem s : wanted) {
            Child c = new Child(s);
            children.put(s.name(), c);
            spawn(c);
        }
        announceReadyIfAllUp();
        while (!(stopping && children.values().stream().noneMatch(Child::alive))) {
            events.take().run();
        }
        timers.shutdownNow();
        for (Child c : children.values()) {
            removeStalePidFile(c.subsystem.name());
        }
        keepalived.config.global.ScriptSpec shutdown = config.globalDefs().get(GlobalDefsKeywords.SHUTDOWN_SCRIPT);
        if (shutdown != null) {
            LifecycleScript.run("shutdown", shutdown, config.globalDefs().get(GlobalDefsKeywords.SHUTDOWN_SCRIPT_TIMEOUT));
        }
        return exitStatus;
    }

    private List<Subsystem> wanted(KeepalivedConfig cfg) {
        List<Subsystem> wanted = new ArrayList<>();
        for (Subsystem s : available) {
            if (s.wanted(cfg, context)) {
                wanted.add(s);
            }
        }
        return wanted;
    }

    // ---- children

    /** The command that starts a child: this JVM again, as it was started, plus the child property. */
    static List<String> childCommand(String subsystem, List<String> argv) {
        return javaCommand("-D" + CHILD_PROPERTY + "=" + subsystem, argv);
    }

    /**
     * This JVM again as it was started (java binary, JVM flags, class path, main class) with one
     * more system property ({@code -Dname=value}) and {@code argv}.
     */
    public static List<String> javaCommand(String property, List<String> argv) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : jvmOptions()) {
            // the class path is passed below; a debugger agent would fight for its port
            if (!a.startsWith("-Djava.class.path=") && !a.startsWith("-D" + CHILD_PROPERTY + "=")
                    && !a.startsWith("-Dkeepalived.detached=") && !a.startsWith("-agentlib:jdwp")) {
                cmd.add(a);
            }
        }
        cmd.add(property);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.addAll(argv);
        return cmd;
    }

    /**
     * This JVM's options as its command line gave them, without the class path. Read from
     * /proc/self/cmdline rather than the RuntimeMXBean: java.management costs a JVM about 50
     * classes and 10 ms at start, and this runs on every (re)spawn.
     */
    static List<String> jvmOptions() {
        try {
            String[] cmd = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8)
                    .split("\0");
            List<String> opts = optionsBeforeMain(cmd);
            if (opts != null) {
                return opts;
            }
        } catch (IOException e) {
            // fall through: not Linux's procfs, or started some other way (a test's main)
        }
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    /** The JVM options of a java command line (cmd[0] is java), class path dropped; null without our main class. */
    static List<String> optionsBeforeMain(String[] cmd) {
        int main = Arrays.asList(cmd).indexOf(MAIN_CLASS);
        if (main < 1) {
            return null;
        }
        List<String> opts = new ArrayList<>();
        for (int i = 1; i < main; i++) {
            switch (cmd[i]) {
                case "-cp", "-classpath", "--class-path" -> i++;
                default -> {
                    if (!cmd[i].startsWith("--class-path=")) {
                        opts.add(cmd[i]);
                    }
                }
            }
        }
        return opts;
    }

    private void spawn(Child c) {
        if (stopping) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(childCommand(c.subsystem.name(), settings.argv()));
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove("NOTIFY_SOCKET"); // only the parent talks to systemd
        try {
            Process p = pb.start();
            c.process = p;
            c.lifeline = p.getOutputStream();
            c.startedNanos = System.nanoTime();
            c.ready = false;
            c.reloadPending = false; // a new child reads the config as it is now
            LOG.info("Starting {} child process, pid={}", c.label(), p.pid());
            readChildOutput(c, p);
            p.onExit().thenAccept(done -> events.add(() -> exited(c, done)));
        } catch (IOException e) {
            LOG.error("Unable to start the {} child process: {}", c.label(), e.getMessage());
            events.add(() -> respawnOrStop(c, -1, -1));
        }
    }

    /** Copies what a child prints on stdout to ours, and turns its READY line into an event. */
    private void readChildOutput(Child c, Process p) {
        Thread t = new Thread(() -> {
            PrintStream out = System.out;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.equals(READY)) {
                        events.add(() -> childReady(c, p));
                    } else {
                        out.println(line);
                    }
                }
            } catch (IOException e) {
                // the child is gone; its exit is an event of its own
            }
        }, c.subsystem.name() + "-child-output");
        t.setDaemon(true);
        t.start();
    }

    private void childReady(Child c, Process p) {
        if (c.process == p) {
            c.ready = true;
            if (c.reloadPending) {
                // it may have read the config before the reload changed it
                c.reloadPending = false;
                SignalFd.kill(p.pid(), SIGHUP);
            }
            announceReadyIfAllUp();
        }
    }

    private void announceReadyIfAllUp() {
        if (!readyAnnounced && !stopping && children.values().stream().allMatch(c -> c.ready || c.retired)) {
            readyAnnounced = true;
            systemd.ready();
        }
    }

    private void exited(Child c, Process p) {
        if (c.process != p) {
            return;
        }
        int status = p.exitValue();
        removeStalePidFile(c.subsystem.name());
        if (stopping) {
            return;
        }
        if (c.retired) {
            children.remove(c.subsystem.name());
            return;
        }
        respawnOrStop(c, p.pid(), status);
    }

    /** keepalived's rule for a child that died (1.3 of the behaviour notes). */
    private void respawnOrStop(Child c, long pid, int status) {
        String permanent = switch (status) {
            case 1 -> "FATAL";
            case 2 -> "CONFIG";
            case 4 -> "missing permission";
            default -> null;
        };
        String ident = identity(c.subsystem.name());
        if (permanent != null) {
            LOG.info("{} exited with permanent error {}. Terminating", ident, permanent);
            exitStatus = status;
            stop();
            return;
        }
        if (status > 0 && status < 128) {
            LOG.info("{} exited with status {}", ident, status);
        }
        if (settings.dontRespawn()) {
            LOG.info("{} child process({}) died: Exiting", c.label(), pid);
            stop();
            return;
        }
        LOG.info("{} child process({}) died: Respawning", c.label(), pid);
        if (pid > 0 && System.nanoTime() - c.startedNanos > RAN_LONG_ENOUGH_NANOS) {
            c.restarts = 0;
            spawn(c);
            return;
        }
        // keepalived 2.2.7, observed: 0, 1, 2, 4 ... 60 s for a child that keeps dying young
        c.delaySeconds = c.restarts == 0 ? 0 : Math.min(MAX_DELAY_SECONDS, 1 << Math.min(c.restarts - 1, 6));
        c.restarts++;
        LOG.info("Restart of {} process delayed {} seconds to limit respawn rate", c.label(), c.delaySeconds);
        c.process = null;
        timers.schedule(() -> events.add(() -> {
            if (!stopping && children.get(c.subsystem.name()) == c && !c.alive()) {
                spawn(c);
            }
        }), c.delaySeconds, TimeUnit.SECONDS);
    }

    private static String identity(String subsystem) {
        return switch (subsystem) {
            case "vrrp" -> keepalived.log.DaemonLogging.VRRP;
            case "checker" -> keepalived.log.DaemonLogging.CHECKER;
            case "bfd" -> keepalived.log.DaemonLogging.BFD;
            default -> subsystem;
        };
    }

    /** A child killed outright cannot remove its pid file: the parent does (keepalived too). */
    private void removeStalePidFile(String subsystem) {
        Path f = settings.pidFiles().child(subsystem);
        if (f != null && Files.exists(f) && PidFiles.livePid(f).isEmpty()) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.debug("Cannot remove {}: {}", f, e.toString());
            }
        }
    }

    // ---- signals

    private void installSignals() {
        Daemon.handle("TERM", s -> events.add(this::stop));
        Daemon.handle("INT", s -> {
            if (!settings.ignoreSigint()) {
                events.add(this::stop);
            }
        });
        Daemon.handle("HUP", s -> events.add(this::reload));
        Daemon.handle("USR1", s -> events.add(this::dumpData));
        if (System.getenv("_JAVA_SR_SIGNUM") != null) { // see Daemon.installSignals
            Daemon.handle("USR2", s -> events.add(() -> relay(SIGUSR2, true)));
        }
        SignalFd.listen(sig -> events.add(() -> relay(sig, true)), SignalFd.SIGJSON, SignalFd.SIGSTATS_CLEAR);
    }

    private void dumpData() {
        ParentDataDump.write(config, context); // keepalived_parent.data, then the children's files
        relay(SIGUSR1, false);
    }

    /** Sends {@code signum} to every live child, or to the VRRP child only. */
    private void relay(int signum, boolean vrrpOnly) {
        for (Child c : children.values()) {
            // a child not yet up has no handler: HUP/USR1/USR2 would kill it
            if (c.alive() && c.ready && (!vrrpOnly || c.subsystem.name().equals("vrrp"))) {
                SignalFd.kill(c.process.pid(), signum);
            }
        }
    }

    // ---- stop

    /** TERM to every child; after child_wait_time, KILL to the ones still there. */
    private void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        systemd.stopping();
        LOG.info("Stopping");
        for (Child c : children.values()) {
            if (c.alive()) {
                c.process.destroy(); // SIGTERM
            }
        }
        long waitMicros = config.root().get(RootKeywords.CHILD_WAIT_TIME);
        timers.schedule(() -> events.add(() -> {
            for (Child c : children.values()) {
                if (c.alive()) {
                    LOG.info("{} child process({}) did not stop within {} s - killing it", c.label(),
                            c.process.pid(), waitMicros / 1_000_000);
                    c.process.destroyForcibly();
                }
            }
        }), Math.max(waitMicros, 1), TimeUnit.MICROSECONDS);
    }

    // ---- reload

    /**
     * SIGHUP: read the configuration again, with the rule of {@link Daemon#reload()}; a refused one
     * leaves every child untouched. Otherwise HUP goes to the children that stay, children now
     * wanted start, children no longer wanted stop. A HUP arriving meanwhile waits in the queue.
     */
    private void reload() {
        if (stopping) {
            return;
        }
        systemd.reloading();
        LOG.info("Reloading ...");
        Path reloadFile = reloadFile(config);
        ConfigLoader.Result r;
        try {
            if (reloadFile != null) {
                touch(reloadFile);
            }
            r = source.load();
        } finally {
            if (reloadFile != null) {
                try {
                    Files.deleteIfExists(reloadFile);
                } catch (IOException e) {
                    LOG.debug("Cannot remove {}: {}", reloadFile, e.toString());
                }
            }
        }
        List<String> fresh = ReloadCheck.newErrors(r.problems(), acceptedErrors);
        if (!fresh.isEmpty()) {
            refused(fresh);
            systemd.ready();
            return;
        }
        acceptedErrors = ReloadCheck.errors(r.problems());
        config = r.config();
        List<Subsystem> wanted = wanted(config);
        UnbuiltSubsystems.messages(config, context, available).forEach(l -> LOG.warn("{}", l));
        for (Child c : List.copyOf(children.values())) {
            if (wanted.contains(c.subsystem)) {
                if (c.alive() && c.ready) {
                    SignalFd.kill(c.process.pid(), SIGHUP);
                } else if (c.alive()) {
                    c.reloadPending = true; // a child without its handler yet would die of HUP
                }
            } else {
                c.retired = true;
                if (c.alive()) {
                    c.process.destroy();
                } else {
                    children.remove(c.subsystem.name());
                }
            }
        }
        for (Subsystem s : wanted) {
            if (!children.containsKey(s.name())) {
                Child c = new Child(s);
                children.put(s.name(), c);
                spawn(c);
            }
        }
        systemd.ready();
    }

    /**
     * A refused reload: with {@code reload_check_config LOGFILE} the problems go to that file and
     * the log points there, in keepalived's words; otherwise they are logged.
     */
    private void refused(List<String> problems) {
        String logFile = config.globalDefs().get(GlobalDefsKeywords.RELOAD_CHECK_CONFIG_LOG);
        if (logFile != null) {
            try {
                Files.write(Path.of(logFile), problems, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                LOG.error("New config failed validation, see {} for details", logFile);
                return;
            } catch (IOException e) {
                LOG.error("Unable to write {}: {}", logFile, e.toString());
            }
        }
        problems.forEach(l -> LOG.error("{}", l));
        LOG.error("New config failed validation - keeping the running configuration");
    }

    private static Path reloadFile(KeepalivedConfig cfg) {
        if (!Boolean.TRUE.equals(cfg.globalDefs().get(GlobalDefsKeywords.RELOAD_FILE))) {
            return null;
        }
        String p = cfg.globalDefs().get(GlobalDefsKeywords.RELOAD_FILE_PATH);
        return Path.of(p != null ? p : "/run/keepalived.reload");
    }

    private static void touch(Path f) {
        try {
            Files.deleteIfExists(f);
            Files.createFile(f);
        } catch (IOException e) {
            LOG.debug("Cannot create {}: {}", f, e.toString());
        }
    }
}
