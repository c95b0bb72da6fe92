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
 * Our daemon alone in one network namespace (a veth pair, both ends inside): it starts, becomes
 * MASTER with nobody else on the link, installs its VIP, runs its notify scripts, and on SIGTERM
 * sends priority 0, removes the VIP and exits 0. Runs the real command line in a child JVM.
 * Needs root (namespaces, raw sockets); CI runs as root, where a skip would be a failure.
 */
class VrrpDaemonNamespaceTest {
    private static final String NS = "rtd" + ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private Process daemon;

    @BeforeEach
    void namespace() throws Exception {
        Prerequisites.requireRoot();
        DaemonJvm.createHost(NS, "10.250.41.1/24");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        run("ip", "netns", "del", NS);
    }

    @Test
    @Timeout(60)
    void becomesMasterAloneInstallsTheVipAndRemovesItOnSigterm() throws Exception {
        Path log = dir.resolve("notify.log");
        Path notify = dir.resolve("notify.sh");
        Files.writeString(notify, "#!/bin/sh\necho \"$*\" >> " + log + "\n");
        notify.toFile().setExecutable(true);
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 61
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress {
                        10.250.41.100/24
                        10.250.41.101/24 label eth0:vip
                    }
                    notify_master "%s master"
                    notify %s
                }
                """.formatted(notify, notify));
        Path out = dir.resolve("daemon.log");
        daemon = DaemonJvm.start(NS, conf, out);

        assertTrue(waitFor(() -> contains(out, "(VI_1) Entering MASTER STATE")), () -> "no MASTER:\n" + read(out));
        assertTrue(waitFor(() -> addresses().contains("10.250.41.100/24")), this::addresses);
        assertTrue(addresses().contains("10.250.41.101/24"), this::addresses);
        assertTrue(cmd("ip", "-n", NS, "addr", "show", "dev", "eth0").contains("eth0:vip"));
        assertTrue(contains(out, "(VI_1) Entering BACKUP STATE (init)"), () -> read(out));
        assertTrue(waitFor(() -> contains(log, "master") && contains(log, "INSTANCE VI_1 MASTER 100")),
                () -> read(log));
        assertTrue(contains(log, "INSTANCE VI_1 BACKUP 100"), () -> read(log));

        DaemonJvm.sigterm(daemon);
        assertTrue(daemon.waitFor(WAIT_MS, TimeUnit.MILLISECONDS), () -> "still running:\n" + read(out));
        assertEquals(0, daemon.exitValue(), () -> read(out));
        assertFalse(addresses().contains("10.250.41.100"), this::addresses);
        assertFalse(addresses().contains("10.250.41.101"), this::addresses);
        assertTrue(contains(out, "(VI_1) sent 0 priority"), () -> read(out));
        assertTrue(contains(log, "INSTANCE VI_1 STOP 100"), () -> read(log));
    }

    private String addresses() {
        try {
            return cmd("ip", "-n", NS, "-br", "-4", "addr", "show", "dev", "eth0");
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Runs a command, failing the test on a non-zero exit; returns its output. */
    private static String cmd(String... argv) throws IOException, InterruptedException {
        return Cmd.run(argv).check().stdout();
    }

    private static void run(String... argv) throws IOException, InterruptedException {
        Cmd.run(argv);
    }
}
