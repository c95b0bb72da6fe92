package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.read;
import static keepalived.vrrp.DaemonJvm.waitFor;
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
 * A SIGHUP that reaches the parent while the VRRP child JVM is still starting is not lost: the
 * parent cannot signal a child that has no handler yet (HUP would kill it), so it keeps the
 * reload and sends it once the child reports ready. The new VIP shows that the child reloaded.
 */
class EarlyReloadNamespaceTest {
    private static final String NS = "karl" + ProcessHandle.current().pid();

    @TempDir
    Path dir;
    private Process daemon;

    @BeforeEach
    void namespace() throws Exception {
        Prerequisites.requireRoot();
        DaemonJvm.createHost(NS, "10.250.47.1/24");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (daemon != null && daemon.isAlive()) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
            daemon.waitFor(5, TimeUnit.SECONDS);
        }
        Cmd.run("ip", "netns", "del", NS);
    }

    @Test
    @Timeout(60)
    void reloadDuringChildStartIsDeliveredWhenTheChildIsUp() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config("10.250.47.100/24"));
        Path out = dir.resolve("daemon.log");
        daemon = DaemonJvm.start(NS, conf, out);
        assertTrue(waitFor(() -> read(out).contains("Starting VRRP child process")), () -> read(out));
        Files.writeString(conf, config("10.250.47.100/24\n        10.250.47.101/24"));
        Cmd.run("kill", "-HUP", Long.toString(daemon.pid())).check();

        assertTrue(waitFor(() -> read(out).contains("Reload complete")), () -> read(out));
        assertTrue(waitFor(() -> holds("10.250.47.101")), () -> read(out));
        assertTrue(holds("10.250.47.100"), () -> read(out));
    }

    private static String config(String vips) {
        return """
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 68
                    priority 255
                    advert_int 1
                    virtual_ipaddress {
                        %s
                    }
                }
                """.formatted(vips);
    }

    private static boolean holds(String address) {
        return Cmd.run("ip", "-n", NS, "-o", "addr", "show", "dev", "eth0").stdout().contains("inet " + address + "/");
    }
}
