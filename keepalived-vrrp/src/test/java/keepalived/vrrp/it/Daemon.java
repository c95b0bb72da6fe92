package keepalived.vrrp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import keepalived.testing.Cmd;

/**
 * One VRRP daemon (keepalived or ours) running in a host, started with
 * {@code ip netns exec HOST setsid CMD}: it leads its own session and process group, so signals go
 * to the whole group by pid (keepalived's VRRP child included) and nothing is ever stopped by name.
 * Its config, pid files and log live in the scenario's directory.
 */
final class Daemon implements AutoCloseable {
    private final Impl impl;
    private final Segment.Host host;
    private final String name;
    private final Path log;
    private final Process process;
    private final long startedMillis;
    private final long logOffset;

    private Daemon(Impl impl, Segment.Host host, String name, Path log, Process process, long startedMillis,
            long logOffset) {
        this.logOffset = logOffset;
        this.impl = impl;
        this.host = host;
        this.name = name;
        this.log = log;
        this.process = process;
        this.startedMillis = startedMillis;
    }

    /** Writes {@code config} to DIR/NAME.conf and starts {@code impl} on it inside {@code host}. */
    static Daemon start(Impl impl, Segment.Host host, String name, String config, Path dir) {
        return start(impl, host, name, config, dir, Map.of());
    }

    /** As above, with more environment variables (NOTIFY_SOCKET ...). */
    static Daemon start(Impl impl, Segment.Host host, String name, String config, Path dir, Map<String, String> extraEnv) {
        try {
            Path conf = dir.resolve(name + ".conf");
            Files.writeString(conf, config);
            Path log = dir.resolve(name + ".log");
            // A killed run leaves its pid files; keepalived refuses to start while a pid in them
            // still exists (a zombie not yet reaped counts), so a restart starts without them.
            for (String suffix : List.of(".pid", "-vrrp.pid", "-checkers.pid", "-bfd.pid")) {
                Files.deleteIfExists(dir.resolve(name + suffix));
            }
            List<String> cmd = new ArrayList<>(List.of("setsid"));
            cmd.addAll(impl.command(conf, dir, name));
            ProcessBuilder pb = new ProcessBuilder(host.ns().exec(cmd));
            pb.redirectErrorStream(true);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = pb.environment();
            env.put("_JAVA_SR_SIGNUM", "40"); // SIGUSR2 stays keepalived's stats signal in our JVM
            env.put("TMPDIR", dir.toString()); // dumps (keepalived.stats, ...) go here, not to the shared /tmp
            env.putAll(extraEnv);
            Files.writeString(log, "=== " + String.join(" ", pb.command()) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            long offset = Files.size(log);
            long now = System.currentTimeMillis();
            Process p = pb.start();
            Daemon d = new Daemon(impl, host, name, log, p, now, offset);
            Leftovers.opened(d);
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Impl impl() {
        return impl;
    }

    Segment.Host host() {
        return host;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** This daemon's pid file for {@code suffix} (".pid" parent, "-vrrp.pid" VRRP child ...). */
    Path pidFile(String suffix) {
        return log.resolveSibling(name + suffix);
    }

    /** Wall-clock time (ms since the epoch, like tcpdump's -tt) at which the process was started. */
    long startedMillis() {
        return startedMillis;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Sends {@code signal} (KILL, STOP, CONT, ...) to the daemon's whole process group. */
    void signalGroup(String signal) {
        if (process.isAlive()) {
            Cmd.run("kill", "-" + signal, "--", "-" + process.pid());
        }
    }

    /** Sends {@code signal} to the daemon's main process only (keepalived relays TERM to its children). */
    void signal(String signal) {
        if (process.isAlive()) {
            Cmd.run("kill", "-" + signal, Long.toString(process.pid()));
        }
    }

    /** Waits for the main process to exit; its exit code, or -1 if it is still running. */
    int waitExit(long millis) {
        try {
            if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL to the group, then wait until every member is gone (keepalived checks its pid files at start). */
    void kill() {
        signalGroup("KILL");
        waitExit(5000);
        waitGroupGone();
    }

    /** Whether a live (not zombie) process of the daemon's session is left. */
    private boolean groupAlive() {
        return Cmd.run("ps", "-o", "stat=", "-s", Long.toString(process.pid())).stdout().lines()
                .anyMatch(st -> !st.isBlank() && !st.strip().startsWith("Z"));
    }

    /** Waits (bounded) until no process of the daemon's session is left. */
    void waitGroupGone() {
        Wait.until(5000, () -> !groupAlive());
    }

    /** This run's log (a restarted daemon appends to the same file). */
    String log() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logOffset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    /** Waits up to {@code millis} for {@code text} in this run's log. */
    boolean awaitLog(String text, long millis) {
        return Wait.until(millis, () -> log().contains(text));
    }

    /** Waits until the daemon has started its instance ("Entering BACKUP STATE", both implementations log it). */
    void awaitBackup() {
        if (!awaitLog("Entering BACKUP STATE", 15_000)) {
            throw new AssertionError(this + " never entered BACKUP state:\n" + logTail(30));
        }
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    String logTail(int lines) {
        List<String> all = log().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        Leftovers.closed(this);
        // Also any member of the group the main process left behind (keepalived's children): its
        // session (= group) id cannot be reused while the session still has a member.
        if (process.isAlive() || groupAlive()) {
            Cmd.run("kill", "-KILL", "--", "-" + process.pid());
        }
        waitExit(5000);
        waitGroupGone();
    }

    @Override
    public String toString() {
        return name + "(" + impl.label() + " in " + host.name() + ", pid " + process.pid() + ")";
    }
}
