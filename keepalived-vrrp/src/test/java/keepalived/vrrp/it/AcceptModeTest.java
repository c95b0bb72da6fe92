package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;

/**
 * Accept mode off ({@code no_accept}): the nftables ruleset ours programs over netlink is the one
 * keepalived 2.2.7 programs for the same config, as {@code nft list ruleset} shows it, in MASTER,
 * in BACKUP (after a higher-priority peer took over) and after SIGTERM (nothing left); and its
 * effect, seen from the peer: a non-owner MASTER with {@code no_accept} does not answer a ping to
 * its VIP (IPv4 and IPv6), with {@code accept} it does.
 */
class AcceptModeTest {
    private Path dir;
    private Segment segment;
    private Segment.Host a;
    private Segment.Host b;
    private final List<Daemon> daemons = new ArrayList<>();

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        Prerequisites.requireRealKeepalived();
        Prerequisites.require(Cmd.available("nft"), "nft (apt-get install nftables)");
        Prerequisites.require(Cmd.available("ping"), "ping (apt-get install iputils-ping)");
        dir = TestDir.fresh(this, info);
        segment = Segment.create(2);
        a = segment.host(1);
        b = segment.host(2);
    }

    @AfterEach
    void tearDown() {
        daemons.forEach(Daemon::close);
        daemons.clear();
        if (segment != null) {
            segment.close();
        }
    }

    @Test
    void rulesetEqualsKeepalivedsInMasterBackupAndAfterStop() {
        List<String> theirs = states(Impl.KEEPALIVED);
        List<String> ours = states(Impl.OURS);
        assertTrue(theirs.get(0).contains("ip daddr @vips drop") && theirs.get(0).contains("vips_link_local"),
                () -> "keepalived's MASTER ruleset\n" + theirs.get(0));
        assertEquals(theirs.get(0), ours.get(0), "MASTER");
        assertEquals(theirs.get(1), ours.get(1), "BACKUP");
        assertEquals("", theirs.get(2), "keepalived leaves no table");
        assertEquals(theirs.get(2), ours.get(2), "after SIGTERM");
    }

    @Test
    void noAcceptMasterDoesNotAnswerPingsToItsVipsAcceptDoes() {
        String vip4 = segment.prefix4() + "100";
        String vip6 = segment.prefix6() + "100";
        Daemon d = start(Impl.OURS, a, "a", config("no_accept", 100));
        awaitMaster(vip4, vip6, d, 4);
        assertFalse(ping(vip4), "no reply from a no_accept MASTER's IPv4 VIP");
        assertFalse(ping(vip6), "no reply from a no_accept MASTER's IPv6 VIP");
        assertTrue(ping(a.ipv4()), "the host's own address still answers");
        d.signal("TERM");
        assertEquals(0, d.waitExit(5000), () -> d.logTail(20));

        Daemon acc = start(Impl.OURS, a, "a2", config("accept", 100));
        awaitMaster(vip4, vip6, acc, 0);
        assertTrue(ping(vip4), () -> "an accept MASTER answers on its IPv4 VIP\n" + ruleset(a));
        assertTrue(ping(vip6), () -> "an accept MASTER answers on its IPv6 VIP\n" + ruleset(a));
        assertEquals("", ruleset(a), "accept mode programs no firewall");
    }

    /** The ruleset on host A running {@code impl}: MASTER, BACKUP, after SIGTERM. */
    private List<String> states(Impl impl) {
        String vip4 = segment.prefix4() + "100";
        String vip6 = segment.prefix6() + "100";
        Daemon d = start(impl, a, impl.name().toLowerCase() + "-a", config("no_accept", 100));
        awaitMaster(vip4, vip6, d, 4);
        List<String> out = new ArrayList<>();
        out.add(ruleset(a));
        Daemon peer = start(Impl.KEEPALIVED, b, impl.name().toLowerCase() + "-peer", config("accept", 200));
        assertTrue(Wait.until(10_000, () -> b.holds(vip4) && b.holds(vip6) && !a.holds(vip4) && !a.holds(vip6)),
                () -> impl + " hands over to the higher-priority peer\n" + a.addresses() + "\n" + b.addresses() + "\n"
                        + d.logTail(20) + "\n" + peer.logTail(20));
        assertTrue(Wait.until(2000, () -> elementLists(ruleset(a)) == 1), () -> ruleset(a)); // neighbour discovery
        out.add(ruleset(a));
        d.signal("TERM");
        assertEquals(0, d.waitExit(5000), () -> d.logTail(20));
        out.add(ruleset(a));
        peer.signal("TERM");
        peer.waitExit(5000);
        return out;
    }

    /** Both VIPs on A and {@code lists} sets with elements (4 with no_accept: vips, vips6, nd, link-local). */
    private void awaitMaster(String vip4, String vip6, Daemon d, int lists) {
        assertTrue(Wait.until(15_000, () -> a.holds(vip4) && a.holds(vip6) && elementLists(ruleset(a)) == lists
                || !d.alive()), () -> d + " becomes MASTER\n" + d.logTail(30) + "\n" + ruleset(a));
        assertTrue(d.alive(), () -> d.logTail(30));
        Wait.until(1500, () -> Cmd.run(null, 10, a.ns().exec("ip", "-6", "-o", "addr", "show", "tentative")).stdout()
                .isBlank()); // IPv6 DAD done, or the VIP does not answer yet
    }

    /** An IPv4 instance and an IPv6 one (link-local first VIP), VRRPv3 at 0.1 s, not owners. */
    private String config(String acceptMode, int priority) {
        String v4 = segment.prefix4() + "100/24";
        String v6 = segment.prefix6() + "100/64";
        return "global_defs {\n    router_id " + (priority == 100 ? "a" : "b") + "\n}\n\n"
                + instance("V4", 61, priority, acceptMode, v4)
                + instance("V6", 62, priority, acceptMode, "fe80::62/64\n        " + v6);
    }

    private static String instance(String name, int vrid, int priority, String acceptMode, String vips) {
        return "vrrp_instance " + name + " {\n    state BACKUP\n    interface eth0\n    version 3\n"
                + "    virtual_router_id " + vrid + "\n    priority " + priority + "\n    advert_int 0.1\n"
                + "    " + acceptMode + "\n    virtual_ipaddress {\n        " + vips + "\n    }\n}\n";
    }

    private Daemon start(Impl impl, Segment.Host host, String name, String config) {
        Daemon d = Daemon.start(impl, host, name, config, dir);
        daemons.add(d);
        return d;
    }

    private static String ruleset(Segment.Host h) {
        return Cmd.run(null, 10, h.ns().exec("nft", "list", "ruleset")).check().stdout();
    }

    private static int elementLists(String ruleset) {
        return ruleset.split("elements = ", -1).length - 1;
    }

    /** Ping from B: true when a reply came back. */
    private boolean ping(String address) {
        return Cmd.run(null, 10, b.ns().exec("ping", "-c", "2", "-i", "0.2", "-W", "1", address)).ok();
    }
}
