package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * global_defs umask: the mask notify scripts run with (what they create gets), in keepalived 2.2.7
 * and ours; without the keyword keepalived 2.2.7 uses 0177 (observed).
 */
class UmaskCompareTest {
    @RegisterExtension
    final Lab lab = Lab.withHosts(1);

    @Test
    void scriptsRunWithTheConfiguredUmask() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("    umask 077\n", "0077");
        expected.put("    umask 0x1f\n", "0037");
        expected.put("", "0177");
        for (Impl impl : Impl.values()) {
            int n = 0;
            for (Map.Entry<String, String> e : expected.entrySet()) {
                Path d = lab.dir().resolve(impl.label() + "-" + n++);
                Files.createDirectories(d);
                Path out = d.resolve("umask.out");
                Path script = d.resolve("um.sh");
                Files.writeString(script, "#!/bin/sh\numask > " + out + "\n");
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                String conf = "global_defs {\n    router_id r1\n    vrrp_version 3\n" + e.getKey() + "}\n\n"
                        + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n"
                        + "    priority 100\n    advert_int 0.1\n    notify_backup " + script + "\n"
                        + "    virtual_ipaddress {\n        " + lab.segment().prefix4() + "100/24\n    }\n}\n";
                Daemon daemon = Daemon.start(impl, lab.host(1), impl.label(), conf, d);
                lab.track(daemon);
                assertTrue(Wait.until(15_000, () -> Files.exists(out) && read(out).endsWith("\n")),
                        () -> daemon.logTail(30));
                assertEquals(e.getValue(), read(out).strip(), () -> impl + " with '" + e.getKey().strip() + "'");
                daemon.signal("TERM");
                daemon.waitExit(5000);
                daemon.close();
                lab.host(1).ns().ip("addr", "flush", "dev", "eth0", "to", lab.segment().prefix4() + "100/32");
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
