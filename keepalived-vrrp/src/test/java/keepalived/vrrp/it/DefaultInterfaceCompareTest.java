package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * default_interface: a static_ipaddress without dev goes on it (keepalived 2.2.7 and ours, each
 * alone on one host), on a reload that changes it the address moves, and it goes at exit.
 */
class DefaultInterfaceCompareTest {
    @RegisterExtension
    final Lab lab = Lab.withHosts(1).withEth1();

    @Test
    void staticAddressWithoutDevGoesOnTheDefaultInterface() throws Exception {
        String addr = lab.segment().prefix4eth1() + "50";
        for (Impl impl : Impl.values()) {
            Path d = lab.dir().resolve(impl.label());
            Files.createDirectories(d);
            Daemon daemon = Daemon.start(impl, lab.host(1), impl.label(), conf("eth1", addr), d);
            lab.track(daemon);
            assertTrue(Wait.until(15_000, () -> lab.host(1).holds("eth1", addr)), () -> impl + " put it on eth1\n"
                    + daemon.logTail(30));
            assertFalse(lab.host(1).holds("eth0", addr), impl::label);
            // ours loses a SIGHUP that arrives before the VRRP child has finished its set-up (to fix apart)
            assertTrue(daemon.awaitLog("Startup complete", 10_000), () -> daemon.logTail(30));
            Wait.sleep(300);
            Files.writeString(d.resolve(impl.label() + ".conf"), conf("eth0", addr));
            daemon.signal("HUP");
            assertTrue(Wait.until(10_000, () -> lab.host(1).holds("eth0", addr) && !lab.host(1).holds("eth1", addr)),
                    () -> impl + " moved it to the new default_interface\n" + daemon.logTail(30));
            daemon.signal("TERM");
            assertEquals(0, daemon.waitExit(5000), () -> daemon.logTail(30));
            daemon.close();
            assertFalse(lab.host(1).holds("eth0", addr) || lab.host(1).holds("eth1", addr), () -> impl + " removed it at exit");
        }
    }

    private String conf(String dflt, String addr) {
        return "global_defs {\n    router_id r1\n    vrrp_version 3\n    default_interface " + dflt + "\n}\n\n"
                + "static_ipaddress {\n    " + addr + "/24\n}\n\n"
                + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority 150\n    advert_int 0.1\n    virtual_ipaddress {\n        " + lab.segment().prefix4()
                + "100/24\n    }\n}\n";
    }
}
