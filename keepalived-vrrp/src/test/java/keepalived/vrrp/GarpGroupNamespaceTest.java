package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.waitFor;
import static keepalived.vrrp.DaemonJvm.read;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * garp_group pacing on the wire: our daemon alone in a namespace becomes MASTER and its three
 * gratuitous ARPs leave eth0 at least the group's garp_interval (0.3 s) apart, seen by tcpdump on
 * the veth peer; the global vrrp_garp_interval is left at 0, so the spacing comes from the group.
 */
class GarpGroupNamespaceTest {
    private static final String NS = "rtg" + ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private Process daemon;
    private Process tcpdump;

    @BeforeEach
    void namespace() throws Exception {
        Prerequisites.requireRoot();
        DaemonJvm.createHost(NS, "10.250.44.1/24");
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : new Process[] {daemon, tcpdump}) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
        Cmd.run("ip", "netns", "del", NS);
    }

    @Test
    @Timeout(60)
    void gratuitousArpsAreSpacedByTheGroupInterval() throws Exception {
        Path cap = dir.resolve("arp.txt");
        Path capErr = dir.resolve("tcpdump.err");
        tcpdump = new ProcessBuilder("ip", "netns", "exec", NS, "tcpdump", "-l", "-n", "-tt", "-i", "eth1", "arp")
                .redirectOutput(cap.toFile()).redirectError(capErr.toFile()).start();
        assertTrue(waitFor(() -> read(capErr).contains("listening on"), 10_000), () -> read(capErr));

        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                garp_group {
                    garp_interval 0.3
                    interface eth0
                }
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 64
                    version 3
                    priority 100
                    advert_int 0.1
                    garp_master_repeat 3
                    garp_master_delay 0
                    virtual_ipaddress { 10.250.44.100/24 }
                }
                """);
        Path out = dir.resolve("daemon.log");
        daemon = DaemonJvm.start(NS, conf, out);

        assertTrue(waitFor(() -> garps(cap).size() >= 3, 20_000), () -> read(cap) + "\n" + read(out));
        List<Double> t = garps(cap);
        for (int i = 1; i < 3; i++) {
            double gap = t.get(i) - t.get(i - 1);
            // a timer never fires early: the lower bound is the group's 0.3 s (minus capture jitter)
            assertTrue(gap >= 0.28, "gap " + i + " = " + gap + "\n" + read(cap));
        }
        DaemonJvm.sigterm(daemon);
        assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), () -> read(out));
    }

    /** Capture times of gratuitous ARPs for the VIP (tcpdump: "ARP, Request who-has X tell X"). */
    private static List<Double> garps(Path cap) {
        List<Double> times = new ArrayList<>();
        for (String line : read(cap).split("\n")) {
            if (line.contains("10.250.44.100") && line.contains("tell 10.250.44.100")) {
                times.add(Double.parseDouble(line.substring(0, line.indexOf(' '))));
            }
        }
        return times;
    }

}
