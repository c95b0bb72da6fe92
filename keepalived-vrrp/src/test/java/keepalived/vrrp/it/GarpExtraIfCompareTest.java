package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * vrrp_garp_extra_if all 1 / garp_extra_if all 1: a MASTER with a VIP on eth0 (its interface) and
 * one on eth1 sends one GARP a second for the eth1 VIP, none more for the eth0 one (Debian's
 * keepalived 2.2.7 and ours, each alone on one host; without the keyword no periodic GARP).
 */
class GarpExtraIfCompareTest {
    @RegisterExtension
    final Lab lab = Lab.withHosts(1).withEth1();

    @Test
    void periodicGarpsForVipsOnOtherInterfaces() throws Exception {
        for (Impl impl : Impl.values()) {
            for (List<Integer> n : List.of(periodic(impl, "    vrrp_garp_extra_if all 1\n", ""),
                    periodic(impl, "", "    garp_extra_if all 1\n"))) {
                // one a second from 1 s after MASTER: 3 in the window, give or take one at its edges
                assertEquals(0, n.get(0), () -> impl + " eth0 " + n);
                assertTrue(n.get(1) >= 2 && n.get(1) <= 4, () -> impl + " eth1 " + n);
            }
            assertEquals(List.of(0, 0), periodic(impl, "", ""), impl::label);
        }
    }

    /** Without 'all': only the VIP on an address VMAC (a VIP's use_vmac) gets periodic GARPs. */
    @Test
    void withoutAllOnlyVipsOnAddressVmacs() throws Exception {
        for (Impl impl : Impl.values()) {
            Path d = lab.dir().resolve(impl.label() + "-vmac");
            Files.createDirectories(d);
            String onVmac = lab.segment().prefix4eth1() + "100";
            String plain = lab.segment().prefix4eth1() + "101";
            Capture c1 = Capture.start(lab.host(1), "eth1", d.resolve("eth1.cap"));
            lab.track(c1);
            String conf = "global_defs {\n    router_id r1\n    vrrp_version 3\n    vrrp_garp_master_delay 0\n"
                    + "    vrrp_garp_extra_if 1\n}\n\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n"
                    + "    virtual_router_id 51\n    priority 150\n    advert_int 0.1\n    virtual_ipaddress {\n        "
                    + lab.segment().prefix4() + "100/24\n        " + onVmac + "/24 dev eth1 use_vmac\n        " + plain
                    + "/24 dev eth1\n    }\n}\n";
            Daemon daemon = Daemon.start(impl, lab.host(1), impl.label(), conf, d);
            lab.track(daemon);
            assertTrue(daemon.awaitLog("(VI_1) Entering MASTER STATE", 15_000), () -> daemon.logTail(30));
            long master = System.currentTimeMillis() * 1000;
            Wait.sleep(3500);
            long end = System.currentTimeMillis() * 1000;
            daemon.signal("TERM");
            daemon.waitExit(5000);
            daemon.close();
            int nVmac = c1.all(Capture.Garp.class, g -> g.address().equals(onVmac) && g.mac().equals("00:00:5e:00:01:33")
                    && g.micros() > master + 500_000 && g.micros() < end).size();
            int nPlain = c1.all(Capture.Garp.class, g -> g.address().equals(plain) && g.micros() > master + 500_000
                    && g.micros() < end).size();
            c1.close();
            assertTrue(nVmac >= 2 && nVmac <= 4, () -> impl + " VMAC VIP " + nVmac + "\n" + c1.tail(20));
            assertEquals(0, nPlain, () -> impl + " plain eth1 VIP");
        }
    }

    /** GARPs after the first burst in the 3.5 s after becoming MASTER, for the eth0 and the eth1 VIP. */
    private List<Integer> periodic(Impl impl, String globals, String instance) throws Exception {
        Path d = lab.dir().resolve(impl.label() + "-" + Integer.toHexString((globals + instance).hashCode()));
        Files.createDirectories(d);
        String vip0 = lab.segment().prefix4() + "100";
        String vip1 = lab.segment().prefix4eth1() + "100";
        Capture c0 = Capture.start(lab.host(1), "eth0", d.resolve("eth0.cap"));
        Capture c1 = Capture.start(lab.host(1), "eth1", d.resolve("eth1.cap"));
        lab.track(c0);
        lab.track(c1);
        String conf = "global_defs {\n    router_id r1\n    vrrp_version 3\n    vrrp_garp_master_delay 0\n" + globals
                + "}\n\nvrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority 150\n    advert_int 0.1\n" + instance + "    virtual_ipaddress {\n        " + vip0
                + "/24\n        " + vip1 + "/24 dev eth1\n    }\n}\n";
        Daemon daemon = Daemon.start(impl, lab.host(1), impl.label(), conf, d);
        lab.track(daemon);
        assertTrue(daemon.awaitLog("(VI_1) Entering MASTER STATE", 15_000), () -> daemon.logTail(30));
        long master = System.currentTimeMillis() * 1000;
        Wait.sleep(3500);
        long end = System.currentTimeMillis() * 1000;
        daemon.signal("TERM");
        daemon.waitExit(5000);
        daemon.close();
        // the first burst leaves within 0.5 s of the MASTER line
        int n0 = c0.all(Capture.Garp.class, g -> g.address().equals(vip0) && g.micros() > master + 500_000
                && g.micros() < end).size();
        int n1 = c1.all(Capture.Garp.class, g -> g.address().equals(vip1) && g.micros() > master + 500_000
                && g.micros() < end).size();
        c0.close();
        c1.close();
        return List.of(n0, n1);
    }
}
