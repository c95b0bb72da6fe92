package keepalived.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import keepalived.config.ConfigLoader;
import keepalived.config.Host;
import keepalived.config.global.RootKeywords;
import keepalived.daemon.Daemon;
import keepalived.daemon.PidFiles;
import keepalived.daemon.Subsystem;
import keepalived.daemon.Watchdog;
import keepalived.log.DaemonLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM of the {@link Watchdog}: runs one subsystem in the foreground with its own log
 * identity and pid file, stops gracefully when its stdin (the pipe from the parent) reaches end
 * of file, and prints {@link Watchdog#READY} on stdout once the subsystem has started.
 */
final class ChildProcess {
    private ChildProcess() {
    }

    static int run(String name, Options options, Host host, PrintStream err) {
        DaemonLogging.configure(identity(name), options.logFacility(), options.logConsole(), !options.noSyslog(),
                options.logDetail());
        Logger log = LoggerFactory.getLogger("Keepalived");
        long pid = ProcessHandle.current().pid();
        Subsystem subsystem = Daemon.discover().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (subsystem == null) {
            log.error("No {} subsystem on the class path", name);
            return 1;
        }
        ConfigLoader.Result r = ConfigTest.load(options, host);
        if (r.problems().aborted()) {
            log.error("Stopping - configuration could not be read");
            return 2; // CONFIG: the parent does not respawn
        }
        String instance = r.config().root().get(RootKeywords.INSTANCE);
        if (instance != null) {
            DaemonLogging.configure(DaemonLogging.withInstance(identity(name), instance), options.logFacility(),
                    options.logConsole(), !options.noSyslog(), options.logDetail());
        }
        Path pidFile = Main.pidFiles(r.config(), options).child(name);
        PidFiles.Held held;
        try {
            held = PidFiles.write(pidFile, pid);
        } catch (IOException e) {
            log.error("Unable to write the pid file {}: {}", pidFile, e.toString());
            return 1;
        }
        Daemon d = new Daemon(r, Main.context(options), List.of(subsystem), () -> ConfigTest.load(options, host));
        watchParent(d);
        try {
            int status = d.run(options.ignoreSigint(), () -> {
                System.out.println(Watchdog.READY);
                System.out.flush();
            });
            log.info("Stopped");
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            held.close();
        }
    }

    /** End of file on stdin: the parent is gone (keepalived's children get PDEATHSIG=SIGTERM). */
    private static void watchParent(Daemon d) {
        Thread t = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[64];
            try {
                while (in.read(buf) >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same as end of file
            }
            d.stop();
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }

    static String identity(String name) {
        return switch (name) {
            case "vrrp" -> DaemonLogging.VRRP;
            case "checker" -> DaemonLogging.CHECKER;
            case "bfd" -> DaemonLogging.BFD;
            default -> DaemonLogging.PARENT + "_" + name;
        };
    }
}
