package keepalived.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import keepalived.config.ConfigDump;
import keepalived.config.ConfigLoader;
import keepalived.config.Host;
import keepalived.config.KeepalivedConfig;
import keepalived.config.global.GlobalDefsKeywords;
import keepalived.config.global.RootKeywords;
import keepalived.daemon.Daemon;
import keepalived.daemon.DaemonContext;
import keepalived.daemon.PidFiles;
import keepalived.daemon.Subsystem;
import keepalived.daemon.SystemdNotify;
import keepalived.daemon.Watchdog;
import keepalived.log.DaemonLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of bin/keepalived: keepalived(8)'s command line. Options are processed in argv
 * order like keepalived: -v, -h and --signum answer at once; unknown options are all reported,
 * then the run stops with exit 1.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Everything main does, minus System.exit: returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, Host.current());
    }

    static int run(String[] args, PrintStream out, PrintStream err, Host host) {
        Parsed p = parse(args, out, err);
        if (p instanceof Exit e) {
            return e.code();
        }
        if (p instanceof Control c) {
            return DaemonControl.run(c.command(), c.options(), host, out, err);
        }
        Options options = ((Run) p).options();
        return options.configTest() ? ConfigTest.run(options, host, out, err)
                : daemon(options, List.of(args), host, out, err);
    }

    /** The outcome of reading the command line: exit now with a code, or run with options. */
    sealed interface Parsed permits Exit, Run, Control {
    }

    /** --status, --reload or --stop (beyond keepalived): ask the running daemon, see {@link DaemonControl}. */
    record Control(String command, Options options) implements Parsed {
    }

    record Exit(int code) implements Parsed {
    }

    record Run(Options options) implements Parsed {
    }

    /** Reads argv as keepalived does, printing what keepalived prints while doing so. */
    static Parsed parse(String[] args, PrintStream out, PrintStream err) {
        String program = System.getProperty("keepalived.launcher", "keepalived");
        if (Path.of(program).getFileName().toString().equals("genhash")
                || (args.length > 0 && (args[0].startsWith("-T") || args[0].equals("--genhash")))) {
            return new Exit(genhash(err));
        }
        CommandLine cl = new CommandLine(new CommandLineSpec())
                .setOverwrittenOptionsAllowed(true)
                .setExpandAtFiles(false)
                .setAllowOptionsAsOptionParameters(true);
        Getopt.Result parsed = Getopt.parse(cl.getCommandSpec(), args);

        List<String> accepted = new ArrayList<>();
        String control = null;
        boolean bad = false;
        for (Getopt.Event e : parsed.events()) {
            if (e instanceof Getopt.Unknown u) {
                err.println("Unknown option " + u.text());
                bad = true;
            } else if (e instanceof Getopt.Missing m) {
                err.println("Missing parameter for option " + m.text());
                return new Exit(1);
            } else if (e instanceof Getopt.Found f) {
                String name = f.option().longestName();
                String v = f.value();
                switch (name) {
                    case "--version" -> {
                        Usage.version(err);
                        return new Exit(0);
                    }
                    case "--help" -> {
                        Usage.help(err, program);
                        return new Exit(0);
                    }
                    case "--signum" -> {
                        return new Exit(signum(v, out, err));
                    }
                    case "--genhash" -> {
                        err.println("Warning -- `-T` not used as first option, previous options ignored");
                        return new Exit(genhash(err));
                    }
                    case "--status", "--reload", "--stop" -> control = name;
                    case "--log-file" -> {
                        // Debian's keepalived is built without --enable-log-file; so are we
                        err.println("-g requires configure option --enable-log-file");
                        bad = true;
                    }
                    case "--log-facility" -> {
                        Integer code = OptionValues.facility(v);
                        if (code == null) {
                            err.println("Invalid log facility '" + v + "'");
                        } else {
                            accepted.add(name + "=" + code);
                        }
                    }
                    case "--umask" -> {
                        Integer mask = OptionValues.umask(v);
                        if (mask == null) {
                            err.print("Invalid --umask option " + v); // sic: keepalived ends no line here
                        } else {
                            accepted.add(name + "=" + mask);
                        }
                    }
                    // always attached, so picocli never has to guess what a value is
                    default -> accepted.add(f.option().arity().max() == 0 ? name : name + "=" + (v == null ? "" : v));
                }
            }
        }
        if (bad) {
            return new Exit(1);
        }
        if (!parsed.operands().isEmpty()) {
            out.println("Unexpected argument(s): " + String.join(" ", parsed.operands()) + " ");
        }
        try {
            cl.parseArgs(accepted.toArray(String[]::new));
            Options options = ((CommandLineSpec) cl.getCommand()).toOptions(ConfigLoader.defaultConfigId());
            return control != null ? new Control(control, options) : new Run(options);
        } catch (CommandLine.ParameterException ex) {
            err.println(ex.getMessage());
            return new Exit(1);
        }
    }

    private static int signum(String name, PrintStream out, PrintStream err) {
        SignalFunction f = SignalFunction.byName(name);
        if (f == null) {
            err.println("Unknown sigfunc " + name);
            return 1;
        }
        out.println(f.number());
        return 0;
    }

    private static int genhash(PrintStream err) {
        err.println("keepalived-java: genhash mode (-T/--genhash) is not implemented yet");
        return 1;
    }

    /** keepalived's start-up lines after the version: the kernel, the command line, the config file. */
    private static void logHost(Logger log, List<String> args, Options options) {
        log.info("Running on Linux {} {}", readProc("/proc/sys/kernel/osrelease"), readProc("/proc/sys/kernel/version"));
        StringBuilder line = new StringBuilder("Command line:");
        line.append(" '").append(System.getProperty("keepalived.launcher", "keepalived")).append('\'');
        for (String a : args) {
            line.append(" '").append(a).append('\'');
        }
        log.info("{}", line);
        log.info("Configuration file {}", options.configFile());
    }

    private static String readProc(String file) {
        try {
            return java.nio.file.Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * Without -t: the daemon. The parent (watchdog) JVM reads the configuration, holds the pid
     * file and starts one child JVM per wanted subsystem; a child JVM (started with
     * -Dkeepalived.child=NAME) runs that one subsystem. Without -n the parent first detaches.
     */
    private static int daemon(Options options, List<String> argv, Host host, PrintStream out, PrintStream err) {
        // The daemon needs raw sockets and netlink writes: refuse in one line, as keepalived exits
        // with "missing permission" (4), rather than fail later with a stack trace.
        java.util.Optional<String> capabilityProblem = keepalived.sys.Capabilities.current().networkProblem();
        if (capabilityProblem.isPresent()) {
            err.println("keepalived-java: " + capabilityProblem.get());
            return 4;
        }
        String child = System.getProperty(Watchdog.CHILD_PROPERTY);
        if (child != null) {
            return ChildProcess.run(child, options, host, err);
        }
        if (!options.dontFork() && System.getProperty(Detach.PROPERTY) == null) {
            return Detach.relaunch(argv, err);
        }
        DaemonLogging.configure(DaemonLogging.PARENT, options.logFacility(),
                options.logConsole(), !options.noSyslog(), options.logDetail());
        Logger log = LoggerFactory.getLogger("Keepalived");
        String version = Usage.versionProperties().getProperty("version", "2.2.7");
        log.info("Starting Keepalived v{} (keepalived-java)", version);
        logHost(log, argv, options);
        ConfigLoader.Result r = ConfigTest.load(options, host);
        ConfigTest.logProblems(r, log, options.logConsole() ? null : err);
        if (options.dumpConf()) {
            out.print(ConfigDump.dump(r.config()));
        }
        if (r.problems().aborted()) {
            log.error("Stopping - configuration could not be read");
            return 1;
        }
        keepalived.daemon.Umask.apply(options.umask(), r.config().globalDefs()); // children inherit it
        String instance = r.config().root().get(RootKeywords.INSTANCE);
        if (instance != null) {
            String ident = DaemonLogging.withInstance(DaemonLogging.PARENT, instance);
            log.info("Changing syslog ident to {}", ident);
            DaemonLogging.configure(ident, options.logFacility(), options.logConsole(), !options.noSyslog(),
                    options.logDetail());
        }
        DaemonContext context = context(options);
        List<Subsystem> subsystems = Daemon.discover();
        if (subsystems.isEmpty()) {
            // keepalived-core alone (no keepalived-vrrp jar): nothing could ever run
            err.println("keepalived-java: no daemon subsystem (keepalived-vrrp) on the class path");
            return 1;
        }
        PidFiles pids = pidFiles(r.config(), options);
        // keepalived refuses to start (status 0) while the processes in its pid files live
        for (Path f : List.of(pids.parent(), pids.vrrp(), pids.checker(), pids.bfd())) {
            if (PidFiles.livePid(f).isPresent()) {
                log.info("daemon is already running");
                return 0;
            }
        }
        PidFiles.Held held;
        try {
            held = PidFiles.write(pids.parent(), ProcessHandle.current().pid());
        } catch (IOException e) {
            log.error("Unable to write the pid file {}: {}", pids.parent(), e.toString());
            return 1;
        }
        if (r.config().globalDefs().get(GlobalDefsKeywords.MAX_AUTO_PRIORITY) == 0) {
            log.info("NOTICE: setting config option max_auto_priority should result in better keepalived performance");
        }
        Watchdog w = new Watchdog(r, context, subsystems,
                () -> ConfigTest.load(options, host),
                new Watchdog.Settings(argv, options.dontRespawn(), options.ignoreSigint(), pids, version),
                SystemdNotify.fromEnvironment());
        try {
            int status = w.run();
            held.close();
            log.info("Stopped Keepalived v{}", version);
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            held.close();
            return 1;
        }
    }

    static DaemonContext context(Options options) {
        return new DaemonContext(
                Path.of(options.configFile()), options.logConsole(), options.logDetail(), options.dontReleaseVrrp(),
                options.releaseVips(), options.dontReleaseIpvs(), options.vrrpOnly(), options.checkOnly(),
                options.allChildren(), DaemonContext.defaultDumpDirectory());
    }

    static PidFiles pidFiles(KeepalivedConfig config, Options options) {
        return PidFiles.of(config, options.namespace(), options.pidFile(), options.vrrpPidFile(),
                options.checkersPidFile(), options.bfdPidFile());
    }
}
