package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.waitFor;
import static keepalived.vrrp.DaemonJvm.read;
import static keepalived.vrrp.DaemonJvm.contains;
import static keepalived.vrrp.DaemonJvm.WAIT_MS;
import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our daemon alone in a namespace (one per test, veth pair inside): virtual_routes/virtual_rules
 * follow MASTER and go on SIGTERM, static_ipaddress/static_routes/static_rules are there from the
 * start and gone after the stop (keepalived 2.2.7 removes them too), a track_file value moves the
 * instance to FAULT and back, a vrrp_track_process follows a {@code sleep} the test starts and
 * kills. Runs the real command line in a child JVM; needs root (CI runs as root).
 */
class RoutesAndTrackersNamespaceTest {
    private static int counter;

    @TempDir
    Path dir;
    private String ns;
    private Process daemon;
    private Process sleeper;
    private Path out;

    @BeforeEach
    void namespace() throws Exception {
        Prerequisites.requireRoot();
        ns = "rtk" + ProcessHandle.current().pid() + "x" + (counter++);
        DaemonJvm.createHost(ns, "10.250.42.1/24");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        if (sleeper != null && sleeper.isAlive()) {
            sleeper.destroyForcibly();
            sleeper.waitFor(5, TimeUnit.SECONDS);
        }
        if (ns != null) {
            run("ip", "netns", "del", ns);
        }
    }

    @Test
    @Timeout(60)
    void virtualRoutesFollowMasterStaticOnesStayUntilStop() throws Exception {
        start("""
                static_ipaddress {
                    10.250.42.50/24 dev eth0
                }
                static_routes {
                    10.99.1.0/24 via 10.250.42.254 dev eth0
                }
                static_rules {
                    from 10.99.5.0/24 table 105 priority 1005
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 62
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress {
                        10.250.42.100/24
                    }
                    virtual_routes {
                        10.98.1.0/24 via 10.250.42.254 dev eth0 table 100
                        blackhole 10.98.2.0/24
                    }
                    virtual_rules {
                        from 10.98.5.0/24 table 100 priority 1000
                    }
                }
                """);
        assertTrue(waitFor(() -> contains(out, "(VI_1) Entering MASTER STATE")), () -> "no MASTER:\n" + read(out));
        assertTrue(waitFor(() -> routes().contains("\"dst\":\"10.98.1.0/24\"")), this::routes);
        String r = routes();
        assertTrue(r.contains("{\"dst\":\"10.98.1.0/24\",\"gateway\":\"10.250.42.254\",\"dev\":\"eth0\",\"table\":\"100\","
                + "\"protocol\":\"keepalived\""), r);
        assertTrue(r.contains("\"type\":\"blackhole\",\"dst\":\"10.98.2.0/24\""), r);
        assertTrue(r.contains("{\"dst\":\"10.99.1.0/24\",\"gateway\":\"10.250.42.254\",\"dev\":\"eth0\","
                + "\"protocol\":\"keepalived\""), r);
        String rules = rules();
        assertTrue(rules.contains("{\"priority\":1000,\"src\":\"10.98.5.0\",\"srclen\":24,\"table\":\"100\""), rules);
        assertTrue(rules.contains("{\"priority\":1005,\"src\":\"10.99.5.0\",\"srclen\":24,\"table\":\"105\""), rules);
        assertTrue(addresses().contains("10.250.42.50/24"), this::addresses);
        assertTrue(contains(out, "(VI_1) setting Virtual Routes"), () -> read(out));
        assertTrue(contains(out, "(VI_1) setting Virtual Rules"), () -> read(out));

        stop();
        r = routes();
        assertFalse(r.contains("10.98.1.0"), r);
        assertFalse(r.contains("10.98.2.0"), r);
        assertFalse(r.contains("10.99.1.0"), r);
        rules = rules();
        assertFalse(rules.contains("10.98.5.0"), rules);
        assertFalse(rules.contains("10.99.5.0"), rules);
        assertFalse(addresses().contains("10.250.42.50"), this::addresses);
        assertFalse(addresses().contains("10.250.42.100"), this::addresses);
        assertTrue(contains(out, "(VI_1) removing Virtual Rules"), () -> read(out));
        assertTrue(contains(out, "(VI_1) removing Virtual Routes"), () -> read(out));
    }

    @Test
    @Timeout(60)
    void trackFileValueMovesTheInstanceToFaultAndBack() throws Exception {
        Path file = dir.resolve("track.value");
        start("""
                track_file tf {
                    file %s
                    weight 0
                    init_file 0 overwrite
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 63
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress {
                        10.250.42.101/24
                    }
                    virtual_routes {
                        10.98.3.0/24 via 10.250.42.254 dev eth0
                    }
                    track_file {
                        tf
                    }
                }
                """.formatted(file));
        assertTrue(waitFor(() -> contains(out, "(VI_1) Entering MASTER STATE")), () -> "no MASTER:\n" + read(out));
        assertEquals("0", Files.readString(file).strip());
        assertTrue(waitFor(() -> routes().contains("10.98.3.0/24")), this::routes);

        Files.writeString(file, "5\n");
        assertTrue(waitFor(() -> contains(out, "(VI_1) Entering FAULT STATE")), () -> read(out));
        assertTrue(contains(out, "(VI_1): tracked file tf now FAULT state"), () -> read(out));
        assertTrue(waitFor(() -> !addresses().contains("10.250.42.101")), this::addresses);
        assertFalse(routes().contains("10.98.3.0/24"), this::routes);

        Files.writeString(file, "0\n");
        assertTrue(waitFor(() -> count(out, "(VI_1) Entering MASTER STATE") == 2), () -> read(out));
        assertTrue(contains(out, "(VI_1): tracked file tf leaving FAULT state"), () -> read(out));
        assertTrue(waitFor(() -> addresses().contains("10.250.42.101")), this::addresses);
        assertTrue(routes().contains("10.98.3.0/24"), this::routes);
        stop();
    }

    @Test
    @Timeout(60)
    void trackProcessFollowsASleepStartedAndKilledByTheTest() throws Exception {
        // a parameter nobody else uses, so other sleeps on the host do not count
        String arg = "4242." + ProcessHandle.current().pid() + counter;
        start("""
                vrrp_track_process tp {
                    process sleep %s
                    weight 0
                }
                vrrp_instance VI_1 {
                    state MASTER
                    interface eth0
                    virtual_router_id 64
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress {
                        10.250.42.102/24
                    }
                    track_process {
                        tp
                    }
                }
                """.formatted(arg));
        // at start 2.2.7 logs the reason, then "(VI) entering FAULT state" (no "Entering FAULT STATE (init)")
        assertTrue(waitFor(() -> contains(out, "(VI_1) entering FAULT state\n")), () -> read(out));
        assertTrue(contains(out, "(VI_1) entering FAULT state (tracked process tp quorum not achieved)"),
                () -> read(out));
        assertFalse(contains(out, "(VI_1) Entering MASTER STATE"), () -> read(out));

        sleeper = new ProcessBuilder("sleep", arg).start();
        assertTrue(waitFor(() -> contains(out, "(VI_1) Entering MASTER STATE")), () -> read(out));
        assertTrue(contains(out, "Quorum gained for tracked process tp"), () -> read(out));
        assertTrue(waitFor(() -> addresses().contains("10.250.42.102")), this::addresses);

        sleeper.destroyForcibly();
        sleeper.waitFor(5, TimeUnit.SECONDS);
        assertTrue(waitFor(() -> count(out, "(VI_1) Entering FAULT STATE") == 1), () -> read(out));
        assertTrue(contains(out, "Quorum lost for tracked process tp"), () -> read(out));
        assertTrue(waitFor(() -> !addresses().contains("10.250.42.102")), this::addresses);
        stop();
    }

    private void start(String config) throws IOException {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config);
        out = dir.resolve("daemon.log");
        daemon = DaemonJvm.start(ns, conf, out);
    }

    private void stop() throws Exception {
        DaemonJvm.sigterm(daemon);
        assertTrue(daemon.waitFor(WAIT_MS, TimeUnit.MILLISECONDS), () -> "still running:\n" + read(out));
        assertEquals(0, daemon.exitValue(), () -> read(out));
    }

    private String routes() {
        return quiet("ip", "-n", ns, "-j", "route", "show", "table", "all");
    }

    private String rules() {
        return quiet("ip", "-n", ns, "-j", "rule");
    }

    private String addresses() {
        return quiet("ip", "-n", ns, "-br", "-4", "addr", "show", "dev", "eth0");
    }

    private static String quiet(String... argv) {
        try {
            return cmd(argv);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static int count(Path file, String text) {
        String s = read(file);
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    private static String cmd(String... argv) throws IOException, InterruptedException {
        return Cmd.run(argv).check().stdout();
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Cmd.run(argv);
    }
}
