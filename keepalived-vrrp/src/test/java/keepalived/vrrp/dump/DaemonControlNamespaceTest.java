package keepalived.vrrp.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import keepalived.cli.Main;
import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keepalived --status / --reload / --stop} against our daemon running in a namespace (as
 * bin/keepalived starts it, SIGRTMIN+2 blocked for its signalfd), found through its -p pid file.
 */
class DaemonControlNamespaceTest {
    private static final String NS = "dct" + ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private Process daemon;

    @BeforeEach
    void host() {
        Prerequisites.requireRoot();
        Cmd.run("ip", "netns", "add", NS).check();
        Cmd.run("ip", "-n", NS, "link", "set", "lo", "up").check();
        Cmd.run("ip", "-n", NS, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1").check();
        Cmd.run("ip", "-n", NS, "addr", "add", "10.98.0.1/24", "dev", "eth0").check();
        Cmd.run("ip", "-n", NS, "link", "set", "eth0", "up").check();
        Cmd.run("ip", "-n", NS, "link", "set", "eth1", "up").check();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        Cmd.run("ip", "netns", "del", NS);
    }

    record Outcome(int code, String out, String err) {
    }

    private Outcome keepalived(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(90)
    void statusReloadAndStopFindTheDaemonByItsPidFile() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                vrrp_instance VI_A {
                    state MASTER
                    interface eth0
                    virtual_router_id 61
                    version 3
                    priority 150
                    advert_int 0.1
                    virtual_ipaddress {
                        10.98.0.100/24
                        10.98.0.101/24
                    }
                }
                vrrp_instance VI_B {
                    state BACKUP
                    interface eth0
                    virtual_router_id 62
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress {
                        10.98.0.110/24
                    }
                }
                """);
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path pid = dir.resolve("keepalived.pid");
        List<String> pidArgs = List.of("-f", conf.toString(), "-p", pid.toString(), "-r", dir.resolve("vrrp.pid").toString(),
                "-c", dir.resolve("checkers.pid").toString(), "-b", dir.resolve("bfd.pid").toString());
        Path log = dir.resolve("daemon.log");

        Outcome none = keepalived(cat(List.of("--status"), pidArgs));
        assertEquals(3, none.code(), none.toString());
        assertTrue(none.err().contains("keepalived is not running"), none.err());
        assertEquals(3, keepalived(cat(List.of("--reload"), pidArgs)).code());
        assertEquals(3, keepalived(cat(List.of("--stop"), pidArgs)).code());

        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", NS, "perl", "-MPOSIX", "-e",
                "sigprocmask(SIG_BLOCK, POSIX::SigSet->new(36, 63)) or die; exec {$ARGV[0]} @ARGV or die", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "keepalived.cli.Main", "-n", "-l"));
        cmd.addAll(pidArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TMPDIR", tmp.toString()); // --status finds it in /proc/PID/environ
        pb.environment().put("_JAVA_SR_SIGNUM", "40");
        daemon = pb.start();
        assertTrue(waitFor(() -> read(log).contains("(VI_A) Entering MASTER STATE")
                && read(log).contains("(VI_B) Entering MASTER STATE") && Files.exists(pid)), () -> read(log));

        Outcome status = keepalived(cat(List.of("--status"), pidArgs));
        assertEquals(0, status.code(), status.toString() + read(log));
        List<String> lines = status.out().lines().toList();
        assertEquals("keepalived pid " + daemon.pid() + ", state from " + tmp.resolve("keepalived.json"), lines.get(0));
        assertTrue(lines.get(1).matches("INSTANCE +STATE +INTERFACE +VRID +PRIORITY +VIPS +LAST TRANSITION"), lines.get(1));
        assertTrue(lines.get(2).matches("VI_A +MASTER +eth0 +61 +150/150 +10\\.98\\.0\\.100/24,10\\.98\\.0\\.101/24"
                + " +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+s ago\\)"), lines.get(2));
        assertTrue(lines.get(3).matches("VI_B +MASTER +eth0 +62 +100/100 +10\\.98\\.0\\.110/24 .*"), lines.get(3));
        assertEquals(4, lines.size(), status.out());

        Outcome reload = keepalived(cat(List.of("--reload"), pidArgs));
        assertEquals(0, reload.code(), reload.toString());
        assertTrue(waitFor(() -> read(log).contains("Reloading")), () -> read(log));
        assertTrue(daemon.isAlive());

        Outcome stop = keepalived(cat(List.of("--stop"), pidArgs));
        assertEquals(0, stop.code(), stop.toString() + read(log));
        assertEquals("keepalived (pid " + daemon.pid() + ") stopped\n", stop.out());
        assertTrue(daemon.waitFor(10, TimeUnit.SECONDS));
        assertTrue(waitFor(() -> !Files.exists(pid)), "pid file left behind");
        assertFalse(read(log).contains("Exception"), () -> read(log));
        assertEquals(3, keepalived(cat(List.of("--status"), pidArgs)).code());
    }

    private static String[] cat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all.toArray(String[]::new);
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
