package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * unicast_src_ip and track_src_ip as Debian's keepalived 2.2.7 runs them (observed): a source
 * address missing at start puts the instance in FAULT for good (with or without track_src_ip;
 * adding the address later does not bring it back), and an address removed while running is
 * not acted on. Both implementations run the same steps alone on one host.
 */
class UnicastSourceCompareTest {
    @RegisterExtension
    final Lab lab = Lab.withHosts(1);

    @Test
    void missingSourceAtStartIsFaultForGood() throws Exception {
        List<List<String>> calls = new ArrayList<>();
        for (Impl impl : Impl.values()) {
            Path d = lab.dir().resolve(impl.label() + "-missing");
            Daemon daemon = start(impl, d);
            assertTrue(daemon.awaitLog("(VI_1): entering FAULT state (src address not configured)", 15_000),
                    () -> daemon.logTail(30));
            assertTrue(daemon.awaitLog("Startup complete", 5000), () -> daemon.logTail(30));
            lab.host(1).ns().ip("addr", "add", source() + "/24", "dev", "eth0");
            Wait.sleep(1500);
            assertFalse(daemon.log().contains("Entering MASTER STATE"), () -> impl + " left FAULT\n" + daemon.logTail(30));
            calls.add(stop(daemon, d));
            lab.host(1).ns().ip("addr", "del", source() + "/24", "dev", "eth0");
        }
        // keepalived 2.2.7 runs the FAULT notify twice at start; ours once
        assertEquals(calls.get(0).stream().distinct().toList(), calls.get(1), () -> "notify calls\n" + calls);
    }

    @Test
    void sourceRemovedWhileRunningIsNotActedOn() throws Exception {
        for (Impl impl : Impl.values()) {
            Path d = lab.dir().resolve(impl.label() + "-removed");
            lab.host(1).ns().ip("addr", "add", source() + "/24", "dev", "eth0");
            Daemon daemon = start(impl, d);
            assertTrue(daemon.awaitLog("(VI_1) Entering MASTER STATE", 15_000), () -> daemon.logTail(30));
            lab.host(1).ns().ip("addr", "del", source() + "/24", "dev", "eth0");
            Wait.sleep(1500);
            assertFalse(daemon.log().contains("Entering FAULT STATE"), () -> impl + " went FAULT\n" + daemon.logTail(30));
            assertTrue(lab.host(1).holds(lab.segment().prefix4() + "100"), () -> impl + " kept the VIP\n" + daemon.logTail(30));
            assertEquals(List.of("notify.sh gen INSTANCE VI_1 BACKUP 150", "notify.sh gen INSTANCE VI_1 MASTER 150",
                    "notify.sh gen INSTANCE VI_1 STOP 150"), stop(daemon, d), impl::label);
        }
    }

    private String source() {
        return lab.segment().prefix4() + "5";
    }

    private Daemon start(Impl impl, Path d) throws Exception {
        Files.createDirectories(d);
        Path script = d.resolve("notify.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> " + d.resolve("argv.log") + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        String conf = "global_defs {\n    router_id r1\n    vrrp_version 3\n}\n\n"
                + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority 150\n    advert_int 0.1\n    unicast_src_ip " + source() + "\n"
                + "    unicast_peer {\n        " + lab.segment().prefix4() + "2\n    }\n    track_src_ip\n"
                + "    notify \"" + script + " gen\"\n    virtual_ipaddress {\n        " + lab.segment().prefix4()
                + "100/24\n    }\n}\n";
        Daemon daemon = Daemon.start(impl, lab.host(1), impl.label(), conf, d);
        lab.track(daemon);
        return daemon;
    }

    private List<String> stop(Daemon daemon, Path d) throws Exception {
        daemon.signal("TERM");
        assertEquals(0, daemon.waitExit(5000), () -> daemon.logTail(30));
        daemon.close();
        Wait.sleep(300);
        Path argv = d.resolve("argv.log");
        return Files.exists(argv) ? Files.readAllLines(argv) : List.of();
    }
}
