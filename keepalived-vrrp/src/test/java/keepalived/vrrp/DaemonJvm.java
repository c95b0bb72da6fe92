package keepalived.vrrp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import keepalived.testing.Cmd;

/**
 * Our daemon in a test namespace, as an operator runs it ({@code keepalived -n -l -f CONF}) but in
 * a child JVM on the test class path, so it is always the code just built.
 */
final class DaemonJvm {
    /** How long a test waits for the daemon to reach a state (bounded, never a fixed sleep). */
    static final long WAIT_MS = 20_000;

    private DaemonJvm() {
    }

    /** A namespace holding a veth pair, {@code eth0} (with {@code cidr}) and its peer {@code eth1}, both up. */
    static void createHost(String ns, String cidr) {
        Cmd.run("ip", "netns", "add", ns).check();
        Cmd.run("ip", "-n", ns, "link", "set", "lo", "up").check();
        Cmd.run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1").check();
        Cmd.run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0").check();
        Cmd.run("ip", "-n", ns, "link", "set", "eth0", "up").check();
        Cmd.run("ip", "-n", ns, "link", "set", "eth1", "up").check();
    }

    /**
     * Starts the daemon in {@code ns} with {@code conf}; stdout and stderr go to {@code out}. Its
     * pid files go next to {@code conf} (keepalived's /run defaults are shared by every test).
     */
    static Process start(String ns, Path conf, Path out) throws IOException {
        return start(ns, conf, out, List.of());
    }

    /** As {@link #start(String, Path, Path)}, with more JVM options (e.g. -Dkeepalived.syslog.path=...). */
    static Process start(String ns, Path conf, Path out, List<String> jvmOptions) throws IOException {
        Path d = conf.toAbsolutePath().getParent();
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "keepalived.cli.Main", "-n", "-l", "-D",
                "-f", conf.toString(),
                "-p", d.resolve("keepalived.pid").toString(), "-r", d.resolve("vrrp.pid").toString(),
                "-c", d.resolve("checkers.pid").toString(), "-b", d.resolve("bfd.pid").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("_JAVA_SR_SIGNUM", "40"); // as bin/keepalived: SIGUSR2 stays keepalived's
        return pb.start();
    }

    /** Sends SIGTERM (keepalived's stop) to the daemon. */
    static void sigterm(Process daemon) {
        Cmd.run("kill", "-TERM", Long.toString(daemon.pid())).check();
    }

    /** Polls {@code condition} every 50 ms for up to {@link #WAIT_MS}. */
    static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        return waitFor(condition, WAIT_MS);
    }

    /** Polls {@code condition} every 50 ms for up to {@code ms}; true as soon as it holds. */
    static boolean waitFor(BooleanSupplier condition, long ms) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** A log or capture file's text so far ("" before it exists; the error text if unreadable). */
    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    static boolean contains(Path file, String text) {
        return read(file).contains(text);
    }
}
