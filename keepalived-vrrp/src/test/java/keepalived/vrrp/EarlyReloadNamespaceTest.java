package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.read;
import static keepalived.vrrp.DaemonJvm.waitFor;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import keepalived.testing.Cmd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGHUP that reaches the parent while the VRRP child JVM is still starting is not lost: the
 * parent cannot signal a child that has no handler yet (HUP would kill it), so it keeps the
 * reload and sends it once the child reports ready. The new VIP shows that the child reloaded.
 */
class EarlyReloadNamespaceTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final DaemonHost host = new DaemonHost("karl", "10.250.47.1/24");
    private Process daemon;

    @Test
    @Timeout(60)
    void reloadDuringChildStartIsDeliveredWhenTheChildIsUp() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, config("10.250.47.100/24"));
        Path out = dir.resolve("daemon.log");
        daemon = host.start(conf, out);
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

    private boolean holds(String address) {
        return Cmd.run("ip", "-n", host.ns(), "-o", "addr", "show", "dev", "eth0").stdout().contains("inet " + address + "/");
    }
}
