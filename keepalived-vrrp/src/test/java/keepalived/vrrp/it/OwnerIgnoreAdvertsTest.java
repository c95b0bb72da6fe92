package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * owner_ignore_adverts (keepalived 2.4, unknown to 2.2.7; keepalived.conf(5): an address owner
 * ignores the adverts it receives): ours at priority 255 on host 1 beside Debian's keepalived,
 * also at 255, on host 2 (the higher address). Without the keyword ours backs off to BACKUP, as
 * the lower address of two owners does; with it ours stays MASTER and keeps the VIP.
 */
class OwnerIgnoreAdvertsTest {
    @RegisterExtension
    final Lab lab = Lab.withHosts(2);

    @Test
    void ownerWithTheKeywordStaysMasterBesideAnotherOwner() {
        String vip = lab.segment().prefix4() + "100";
        Daemon ours = start(Impl.OURS, lab.host(1), "a", "    owner_ignore_adverts\n");
        assertTrue(ours.awaitLog("(VI_1) Entering MASTER STATE", 15_000), () -> ours.logTail(30));
        Daemon theirs = start(Impl.KEEPALIVED, lab.host(2), "b", "");
        assertTrue(theirs.awaitLog("(VI_1) Entering MASTER STATE", 15_000), () -> theirs.logTail(30));
        assertTrue(Wait.holdsFor(3000, () -> lab.host(1).holds(vip)), () -> "ours kept the VIP\n" + ours.logTail(30));
        assertFalse(ours.log().contains("Entering BACKUP STATE"), () -> ours.logTail(30));
    }

    @Test
    void ownerWithoutTheKeywordBacksOffFromAHigherAddressOwner() {
        Daemon ours = start(Impl.OURS, lab.host(1), "a", "");
        assertTrue(ours.awaitLog("(VI_1) Entering MASTER STATE", 15_000), () -> ours.logTail(30));
        start(Impl.KEEPALIVED, lab.host(2), "b", "");
        assertTrue(ours.awaitLog("(VI_1) Entering BACKUP STATE", 5000), () -> "ours backs off\n" + ours.logTail(30));
    }

    private Daemon start(Impl impl, Segment.Host host, String name, String extra) {
        String conf = "global_defs {\n    router_id " + name + "\n    vrrp_version 3\n}\n\n"
                + "vrrp_instance VI_1 {\n    state MASTER\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority 255\n    advert_int 0.1\n" + extra + "    virtual_ipaddress {\n        "
                + lab.segment().prefix4() + "100/24\n    }\n}\n";
        Daemon d = Daemon.start(impl, host, name, conf, lab.dir());
        lab.track(d);
        return d;
    }
}
