package keepalived.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.OptionalLong;

import keepalived.config.KeepalivedConfig;
import keepalived.config.Host;
import keepalived.daemon.DaemonContext;
import keepalived.daemon.PidFiles;
import keepalived.sys.SignalFd;

/**
 * {@code keepalived --status | --reload | --stop} (beyond keepalived 2.2.7): find the running
 * daemon by its parent pid file, with the daemon's own rules (-f, -p, {@code instance},
 * {@code use_pid_dir}, {@code net_namespace}), and ask it. --status sends SIGRTMIN+2 and prints
 * the {@code keepalived.json} it writes; --reload sends SIGHUP; --stop sends SIGTERM and waits
 * until the process has gone.
 *
 * <p>Exit codes: 0 done; 1 the daemon did not answer (or could not be signalled); 3 no daemon
 * runs (as LSB's "program is not running").
 */
final class DaemonControl {
    static final int NOT_RUNNING = 3;
    private static final int SIGHUP = 1;
    private static final int SIGTERM = 15;
    private static final long POLL_MS = 50;

    private DaemonControl() {
    }

    static int run(String command, Options options, Host host, PrintStream out, PrintStream err) {
        KeepalivedConfig config = ConfigTest.load(options, host).config();
        PidFiles pids = Main.pidFiles(config, options);
        OptionalLong found = PidFiles.livePid(pids.parent());
        if (found.isEmpty()) {
            err.println("keepalived is not running (no live process in " + pids.parent() + ")");
            return NOT_RUNNING;
        }
        long pid = found.getAsLong();
        return switch (command) {
            case "--reload" -> reload(pid, out, err);
            case "--stop" -> stop(pid, config, out, err);
            default -> status(pid, out, err, Long.getLong("keepalived.status.timeout", 5000));
        };
    }

    private static int reload(long pid, PrintStream out, PrintStream err) {
        if (!SignalFd.kill(pid, SIGHUP)) {
            err.println("Unable to send SIGHUP to keepalived (pid " + pid + ")");
            return 1;
        }
        out.println("Reload requested (SIGHUP sent to keepalived, pid " + pid + ")");
        return 0;
    }

    private static int stop(long pid, KeepalivedConfig config, PrintStream out, PrintStream err) {
        if (!SignalFd.kill(pid, SIGTERM)) {
            err.println("Unable to send SIGTERM to keepalived (pid " + pid + ")");
            return 1;
        }
        // the daemon gives its children child_wait_time (5 s by default) before killing them
        long waitMs = Math.max(10_000L, config.root().get(keepalived.config.global.RootKeywords.CHILD_WAIT_TIME)
                / 1000L * 2 + 5_000L);
        long end = System.nanoTime() + waitMs * 1_000_000L;
        while (alive(pid)) {
            if (System.nanoTime() - end > 0) {
                err.println("keepalived (pid " + pid + ") is still running " + waitMs / 1000 + " s after SIGTERM");
                return 1;
            }
            sleep();
        }
        out.println("keepalived (pid " + pid + ") stopped");
        return 0;
    }

    /** Alive and not a zombie (a stopped daemon whose parent has not reaped it yet counts as gone). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static int status(long pid, PrintStream out, PrintStream err, long timeoutMs) {
        if (!takes(pid, SignalFd.SIGJSON)) {
            // SIGRTMIN+2's default action is to terminate: never send it to a process that would die of it
            err.println("keepalived (pid " + pid + ") does not handle SIGRTMIN+2 (started without bin/keepalived's"
                    + " signal mask?); not asking it for its state");
            return 1;
        }
        Path dir = dumpDirectory(pid);
        Path json = dir.resolve("keepalived.json");
        Object before = stamp(json);
        if (!SignalFd.kill(pid, SignalFd.SIGJSON)) {
            err.println("Unable to send SIGRTMIN+2 to keepalived (pid " + pid + ")");
            return 1;
        }
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            Object now = stamp(json);
            if (now != null && !Objects.equals(now, before)) {
                break;
            }
            if (System.nanoTime() - end > 0) {
                err.println("keepalived (pid " + pid + ") did not write " + json + " within " + timeoutMs
                        + " ms (a daemon without VRRP instances writes none)");
                return 1;
            }
            sleep();
        }
        String text;
        try {
            text = Files.readString(json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("Unable to read " + json + ": " + e.getMessage());
            return 1;
        }
        try {
            out.println("keepalived pid " + pid + ", state from " + json);
            out.print(StatusTable.render(text, Instant.now(), ZoneId.systemDefault()));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("Unable to read " + json + ": " + e.getMessage());
            return 1;
        }
    }

    /** Whether {@code signal} is caught, blocked (signalfd) or ignored by {@code pid}, per /proc/PID/status. */
    static boolean takes(long pid, int signal) {
        long bit = 1L << (signal - 1);
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigBlk:") || line.startsWith("SigIgn:") || line.startsWith("SigCgt:")) {
                    if ((Long.parseUnsignedLong(line.substring(7).strip(), 16) & bit) != 0) {
                        return true;
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }

    /** The daemon's dump directory: its own $TMPDIR (from /proc/PID/environ), else ours. */
    static Path dumpDirectory(long pid) {
        try {
            byte[] env = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
            for (String var : new String(env, StandardCharsets.UTF_8).split("\0")) {
                if (var.startsWith("TMPDIR=") && var.length() > 7 && Files.isDirectory(Path.of(var.substring(7)))) {
                    return Path.of(var.substring(7));
                }
            }
            return Path.of("/tmp");
        } catch (IOException e) {
            return DaemonContext.defaultDumpDirectory();
        }
    }

    /** Identity of the file's current version: it is replaced by rename, so its inode changes each time. */
    private static Object stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() == 0 ? null : java.util.List.of(String.valueOf(a.fileKey()), a.lastModifiedTime());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
