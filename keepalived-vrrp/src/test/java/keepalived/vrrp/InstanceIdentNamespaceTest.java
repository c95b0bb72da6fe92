package keepalived.vrrp;

import static keepalived.vrrp.DaemonJvm.read;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import keepalived.testing.Cmd;
import keepalived.testing.SyslogListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root-level {@code instance foo} on the real daemon's syslog, as 2.2.7 sends it: the parent
 * logs {@code Changing syslog ident to Keepalived_foo} under its plain ident after the config
 * file line, then logs as {@code Keepalived_foo}; the VRRP child logs as {@code Keepalived_vrrp_foo}.
 */
class InstanceIdentNamespaceTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final DaemonHost host = new DaemonHost("kaid", "10.250.46.1/24");
    private Process daemon;

    @Test
    @Timeout(60)
    void instanceNameIsAppendedToEveryIdent() throws Exception {
        Path conf = dir.resolve("keepalived.conf");
        Files.writeString(conf, """
                instance foo
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id 67
                    priority 255
                    advert_int 1
                    virtual_ipaddress { 10.250.46.100/24 }
                }
                """);
        Path out = dir.resolve("daemon.log");
        List<String> syslog = new ArrayList<>();
        try (SyslogListener syslogd = new SyslogListener(dir.resolve("log"))) {
            daemon = host.start(conf, out, "-Dkeepalived.syslog.path=" + syslogd.path());
            // read while it runs: a unix datagram socket queues only net.unix.max_dgram_qlen (10) messages
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!read(out).contains("Entering MASTER STATE") && System.nanoTime() < end) {
                syslog.addAll(syslogd.drain(50));
            }
            DaemonJvm.sigterm(daemon);
            while (daemon.isAlive() && System.nanoTime() < end) {
                syslog.addAll(syslogd.drain(50));
            }
            syslog.addAll(syslogd.drain(300));
        }
        String parent = "Keepalived[" + daemon.pid() + "]: ";
        String renamed = "Keepalived_foo[" + daemon.pid() + "]: ";
        int change = indexOf(syslog, parent + "Changing syslog ident to Keepalived_foo");
        assertTrue(change > 0, syslog.toString());
        assertTrue(syslog.get(change - 1).contains(parent + "Configuration file "), syslog.toString());
        assertTrue(syslog.get(change + 1).contains(renamed), syslog.toString());
        assertTrue(syslog.stream().anyMatch(l -> l.contains(renamed + "Stopped Keepalived v2.2.7")), syslog.toString());
        assertTrue(syslog.stream().anyMatch(l -> l.matches(".*Keepalived_vrrp_foo\\[\\d+\\]: \\(VI_1\\) Entering MASTER STATE")),
                syslog.toString());
        assertTrue(syslog.stream().noneMatch(l -> l.contains(" Keepalived_vrrp[")), syslog.toString());
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
