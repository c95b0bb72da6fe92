package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.contains;
import static keepalived.vrrp.DaemonJvm.read;
import static keepalived.vrrp.DaemonJvm.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration with virtual servers, which need the checker keepalived-java has not built
 * yet: the daemon runs the VRRP part, says once in its log that the virtual servers are not set
 * up, starts no checker child, and stops cleanly.
 */
class CheckerNotBuiltNamespaceTest {
    private static final String NS = "rcn" + ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private Process daemon;

    @BeforeEach
    void setUp() {
        Prerequisites.requireRoot();
        DaemonJvm.createHost(NS, "10.250.47.1/24");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.destroyForcibly();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        Cmd.run("ip", "netns", "del", NS);
    }

    @Test
    @Timeout(60)
    void vrrpRunsAndTheVirtualServersAreReportedAsNotSetUp() throws Exception {
        Path conf = dir.resolve("k.conf");
        Files.writeString(conf, """
                vrrp_instance VI_1 {
                    state BACKUP
                    interface eth0
                    virtual_router_id 47
                    version 3
                    priority 100
                    advert_int 0.1
                    virtual_ipaddress {
                        10.250.47.100/24
                    }
                }
                virtual_server 10.250.47.100 80 {
                    lb_algo rr
                    lb_kind NAT
                    protocol TCP
                    real_server 10.250.47.2 80 {
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                }
                """);
        Path out = dir.resolve("daemon.log");
        daemon = DaemonJvm.start(NS, conf, out);

        assertTrue(waitFor(() -> contains(out, "(VI_1) Entering MASTER STATE")), () -> "no MASTER:\n" + read(out));
        String log = read(out);
        String checker = "virtual_server: the checker (IPVS and health checkers) is not implemented by keepalived-java yet"
                + " - 1 virtual server(s) not set up";
        assertEquals(1, log.lines().filter(l -> l.endsWith(checker)).count(), log);
        assertEquals(1, log.lines().filter(l -> l.contains("(" + conf + ": Line 12) keyword 'virtual_server' is not "
                + "implemented by keepalived-java yet")).count(), log);
        assertFalse(Files.exists(dir.resolve("checkers.pid")), "no checker child");
        assertFalse(log.contains("Healthcheck"), log);

        DaemonJvm.sigterm(daemon);
        assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), () -> read(out));
        assertEquals(0, daemon.exitValue(), () -> read(out));
    }
}
