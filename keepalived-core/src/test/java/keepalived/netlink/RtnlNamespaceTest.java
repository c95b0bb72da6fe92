package keepalived.netlink;

import keepalived.testing.NsThread;
import static keepalived.netlink.Families.AF_INET;
import static keepalived.netlink.Families.AF_INET6;
import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jnr.constants.platform.Errno;
import keepalived.sys.UnprivilegedJvm;
import keepalived.testing.Cmd;
import keepalived.testing.NetNs;
import keepalived.testing.Prerequisites;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rtnl against a real kernel, in a namespace this test creates: every change is checked against
 * {@code ip -j} output, then removed. Topology: veth va (10.250.0.1/24) - vb (10.250.1.1/24).
 */
class RtnlNamespaceTest {
    private static NetNs ns;
    private static NsThread inNs;
    private static Rtnl rtnl;
    private static int va;
    private static int vb;

    @BeforeAll
    static void setUp() throws Exception {
        Prerequisites.requireRoot();
        ns = NetNs.create("nl");
        ns.vethPair("va", "vb");
        ns.ip("addr", "add", "10.250.0.1/24", "dev", "va");
        ns.ip("addr", "add", "10.250.1.1/24", "dev", "vb");
        inNs = new NsThread(ns);
        rtnl = inNs.call(Rtnl::open);
        va = rtnl.link("va").orElseThrow().index();
        vb = rtnl.link("vb").orElseThrow().index();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (rtnl != null) {
            rtnl.close();
        }
        if (inNs != null) {
            inNs.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static List<Map<String, Object>> json(String... args) {
        return MiniJson.array(ns.ip(args).stdout());
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> addrInfo(String dev, String local) {
        for (Map<String, Object> link : json("-j", "addr", "show", "dev", dev)) {
            for (Map<String, Object> a : (List<Map<String, Object>>) link.get("addr_info")) {
                if (local.equals(a.get("local"))) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void linksAreListedAndFoundByNameAndIndex() throws Exception {
        List<Link> links = rtnl.links();
        assertTrue(links.stream().anyMatch(l -> l.name().equals("lo")), links::toString);
        Link a = rtnl.link(va).orElseThrow();
        assertEquals("va", a.name());
        assertEquals("veth", a.kind());
        Map<String, Object> j = json("-j", "link", "show", "va").get(0);
        assertEquals(j.get("address"), a.macString());
        assertEquals(((Number) j.get("mtu")).intValue(), a.mtu());
        assertTrue(rtnl.link("nosuch0").isEmpty());
    }

    @Test
    void ipv4AddressWithLabelAndBroadcastIsAddedListedAndDeleted() throws Exception {
        Address a = Address.of(va, ip("10.250.0.10"), 24).withLabel("va:vip").withBroadcast(ip("10.250.0.255"));
        rtnl.addAddress(a);
        Map<String, Object> j = addrInfo("va", "10.250.0.10").orElseThrow();
        assertEquals(24L, j.get("prefixlen"));
        assertEquals("va:vip", j.get("label"));
        assertEquals("10.250.0.255", j.get("broadcast"));
        assertEquals("global", j.get("scope"));
        Address listed = rtnl.addresses(AF_INET).stream().filter(x -> x.address().equals(a.address()))
                .findFirst().orElseThrow();
        assertEquals("va:vip", listed.label());
        assertEquals(ip("10.250.0.255"), listed.broadcast());
        assertTrue(listed.hasFlag(IfAddr.IFA_F_SECONDARY), "second address in 10.250.0.0/24 is secondary");

        rtnl.deleteAddress(a);
        assertTrue(addrInfo("va", "10.250.0.10").isEmpty());
        assertTrue(rtnl.addresses(AF_INET).stream().noneMatch(x -> x.address().equals(a.address())));
    }

    @Test
    void ipv6AddressWithFlagsAndLifetimesIsAddedListedAndDeleted() throws Exception {
        Address a = Address.of(va, ip("fd00:250::10"), 64)
                .withFlags(IfAddr.IFA_F_NODAD | IfAddr.IFA_F_NOPREFIXROUTE).withLifetimes(300, 600);
        rtnl.addAddress(a);
        Map<String, Object> j = addrInfo("va", "fd00:250::10").orElseThrow();
        assertEquals(64L, j.get("prefixlen"));
        assertEquals(Boolean.TRUE, j.get("nodad"));
        assertEquals(Boolean.TRUE, j.get("noprefixroute"));
        long valid = (Long) j.get("valid_life_time");
        assertTrue(valid <= 600 && valid > 590, "valid_life_time " + valid);
        Address listed = rtnl.addresses(AF_INET6).stream().filter(x -> x.address().equals(a.address()))
                .findFirst().orElseThrow();
        assertTrue(listed.hasFlag(IfAddr.IFA_F_NODAD) && listed.hasFlag(IfAddr.IFA_F_NOPREFIXROUTE));
        assertTrue(listed.preferredLifetime() <= 300 && listed.preferredLifetime() > 290);

        rtnl.deleteAddress(a);
        assertTrue(addrInfo("va", "fd00:250::10").isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> route(String family, String dst) {
        return json(family, "-j", "route", "show", "table", "all").stream()
                .filter(r -> dst.equals(r.get("dst"))).findFirst()
                .orElseThrow(() -> new AssertionError("no route " + dst + " in ip -j route"));
    }

    private static boolean hasRoute(String family, String dst) {
        return json(family, "-j", "route", "show", "table", "all").stream().anyMatch(r -> dst.equals(r.get("dst")));
    }

    @Test
    void unicastRouteWithTableMetricProtocolAndSource() throws Exception {
        Route r = Route.to(ip("10.251.0.0"), 16).via(ip("10.250.0.2")).dev(va).table(100).metric(50)
                .src(ip("10.250.0.1")).protocol(Rtnetlink.RTPROT_KEEPALIVED).build();
        rtnl.addRoute(r);
        Map<String, Object> j = route("-4", "10.251.0.0/16");
        assertEquals("10.250.0.2", j.get("gateway"));
        assertEquals("va", j.get("dev"));
        assertEquals("100", j.get("table"));
        assertEquals(50L, j.get("metric"));
        assertEquals("keepalived", j.get("protocol"));
        assertEquals("10.250.0.1", j.get("prefsrc"));
        Route listed = rtnl.routes(AF_INET).stream().filter(x -> ip("10.251.0.0").equals(x.destination()))
                .findFirst().orElseThrow();
        assertEquals(100, listed.table());
        assertEquals(50, listed.metric());
        assertEquals(va, listed.oif());

        rtnl.deleteRoute(r);
        assertFalse(hasRoute("-4", "10.251.0.0/16"));
    }

    @Test
    void blackholeAndUnreachableRoutesInLargeTable() throws Exception {
        Route bh = Route.to(ip("10.252.0.0"), 24).type(Rtnetlink.RTN_BLACKHOLE).build();
        Route un = Route.to(ip("fd00:252::"), 64).type(Rtnetlink.RTN_UNREACHABLE).table(1000).metric(7).build();
        Route pr = Route.to(ip("10.254.0.0"), 24).type(Rtnetlink.RTN_PROHIBIT).table(1000).build();
        rtnl.addRoute(bh);
        rtnl.addRoute(un);
        rtnl.addRoute(pr);
        assertEquals("blackhole", route("-4", "10.252.0.0/24").get("type"));
        Map<String, Object> j = route("-6", "fd00:252::/64");
        assertEquals("unreachable", j.get("type"));
        assertEquals("1000", j.get("table"));
        assertEquals(7L, j.get("metric"));
        Map<String, Object> p = route("-4", "10.254.0.0/24");
        assertEquals("prohibit", p.get("type"));
        assertEquals("1000", p.get("table"));
        assertTrue(rtnl.routes(AF_INET6).stream().anyMatch(x -> x.type() == Rtnetlink.RTN_UNREACHABLE
                && x.table() == 1000 && ip("fd00:252::").equals(x.destination())));

        rtnl.deleteRoute(bh);
        rtnl.deleteRoute(un);
        rtnl.deleteRoute(pr);
        assertFalse(hasRoute("-4", "10.252.0.0/24"));
        assertFalse(hasRoute("-6", "fd00:252::/64"));
        assertFalse(hasRoute("-4", "10.254.0.0/24"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void multipathRouteCarriesBothNexthopsWithWeights() throws Exception {
        Route r = Route.to(ip("10.253.0.0"), 16)
                .nexthop(Nexthop.via(ip("10.250.0.2"), va, 1))
                .nexthop(Nexthop.via(ip("10.250.1.2"), vb, 3)).build();
        rtnl.addRoute(r);
        List<Map<String, Object>> hops = (List<Map<String, Object>>) route("-4", "10.253.0.0/16").get("nexthops");
        assertEquals(2, hops.size());
        assertEquals("10.250.0.2", hops.get(0).get("gateway"));
        assertEquals("va", hops.get(0).get("dev"));
        assertEquals(1L, hops.get(0).get("weight"));
        assertEquals("10.250.1.2", hops.get(1).get("gateway"));
        assertEquals("vb", hops.get(1).get("dev"));
        assertEquals(3L, hops.get(1).get("weight"));
        Route listed = rtnl.routes(AF_INET).stream().filter(x -> ip("10.253.0.0").equals(x.destination()))
                .findFirst().orElseThrow();
        assertEquals(List.of(Nexthop.via(ip("10.250.0.2"), va, 1), Nexthop.via(ip("10.250.1.2"), vb, 3)),
                listed.nexthops());

        rtnl.deleteRoute(r);
        assertFalse(hasRoute("-4", "10.253.0.0/16"));
    }

    @Test
    void rulesWithEverySelectorAreAddedListedAndDeleted() throws Exception {
        Rule r4 = Rule.builder(AF_INET).priority(100).table(1000).from(ip("10.250.0.0"), 24)
                .to(ip("10.251.0.0"), 16).iif("va").oif("vb").fwmark(0x42).fwmask(0xff).build();
        Rule r6 = Rule.builder(AF_INET6).priority(200).table(200).from(ip("fd00:250::"), 64).build();
        rtnl.addRule(r4);
        rtnl.addRule(r6);
        Map<String, Object> j = json("-4", "-j", "rule").stream().filter(x -> Long.valueOf(100).equals(
                x.get("priority"))).findFirst().orElseThrow();
        assertEquals("10.250.0.0", j.get("src"));
        assertEquals(24L, j.get("srclen"));
        assertEquals("10.251.0.0", j.get("dst"));
        assertEquals(16L, j.get("dstlen"));
        assertEquals("va", j.get("iif"));
        assertEquals("vb", j.get("oif"));
        assertEquals("0x42", j.get("fwmark"));
        assertEquals("0xff", j.get("fwmask"));
        assertEquals("1000", j.get("table"));
        Map<String, Object> j6 = json("-6", "-j", "rule").stream().filter(x -> Long.valueOf(200).equals(
                x.get("priority"))).findFirst().orElseThrow();
        assertEquals("fd00:250::", j6.get("src"));
        assertEquals(64L, j6.get("srclen"));
        assertEquals("200", j6.get("table"));
        List<Rule> listed = rtnl.rules(AF_INET);
        assertTrue(listed.contains(r4), listed::toString);
        assertTrue(rtnl.rules(AF_INET6).stream().anyMatch(x -> x.priority() == 200 && x.table() == 200));

        rtnl.deleteRule(r4);
        rtnl.deleteRule(r6);
        assertTrue(json("-4", "-j", "rule").stream().noneMatch(x -> Long.valueOf(100).equals(x.get("priority"))));
        assertTrue(json("-6", "-j", "rule").stream().noneMatch(x -> Long.valueOf(200).equals(x.get("priority"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void macvlanInPrivateModeWithVrrpMacIsCreatedAndDeleted() throws Exception {
        byte[] mac = HexFormat.of().parseHex("00005e000133");
        Link m = rtnl.addMacvlan("vrrp.51", va, mac, IfLink.MACVLAN_MODE_PRIVATE);
        try {
            assertEquals("00:00:5e:00:01:33", m.macString());
            assertEquals(va, m.parentIndex());
            assertEquals("macvlan", m.kind());
            assertEquals(IfLink.MACVLAN_MODE_PRIVATE, m.macvlanMode());
            Map<String, Object> j = json("-j", "-d", "link", "show", "vrrp.51").get(0);
            assertEquals("00:00:5e:00:01:33", j.get("address"));
            assertEquals("va", j.get("link"));
            Map<String, Object> info = (Map<String, Object>) j.get("linkinfo");
            assertEquals("macvlan", info.get("info_kind"));
            assertEquals("private", ((Map<String, Object>) info.get("info_data")).get("mode"));
        } finally {
            rtnl.deleteLink(m.index());
        }
        assertFalse(Cmd.run("ip", "-n", ns.name(), "link", "show", "vrrp.51").ok());
    }

    @Test
    void addingTheSameAddressTwiceIsEexist() throws Exception {
        Address a = Address.of(vb, ip("10.250.1.20"), 32);
        rtnl.addAddress(a);
        try {
            NetlinkException e = assertThrows(NetlinkException.class, () -> rtnl.addAddress(a));
            assertEquals(Errno.EEXIST, e.errno());
            assertTrue(e.getMessage().startsWith("RTM_NEWADDR 10.250.1.20/32"), e.getMessage());
            assertTrue(e.getMessage().contains("EEXIST (File exists)"), e.getMessage());
        } finally {
            rtnl.deleteAddress(a);
        }
    }

    @Test
    void anAddressOnAMissingInterfaceIsEnodev() throws Exception {
        NetlinkException e = assertThrows(NetlinkException.class,
                () -> rtnl.addAddress(Address.of(9999, ip("10.250.9.9"), 32)));
        assertEquals(Errno.ENODEV, e.errno());
        assertTrue(e.getMessage().contains("dev 9999") && e.getMessage().contains("ENODEV"), e.getMessage());
    }

    @Test
    void anUnprivilegedProcessGetsEperm() {
        Prerequisites.require(Cmd.available("setpriv"), "setpriv (util-linux)");
        String vip = "10.250.99.1";
        try {
            Cmd.Result r = UnprivilegedJvm.run(NetlinkProbeMain.class, vip);
            assertTrue(r.stdout().startsWith("errno=EPERM operation=RTM_NEWADDR"), r.describe());
            assertTrue(r.stdout().contains("EPERM (Operation not permitted)"), r.describe());
        } finally {
            Cmd.run("ip", "addr", "del", vip + "/32", "dev", "lo"); // only if the probe wrongly succeeded
        }
    }

    @Test
    void nlctrlIsFoundWithItsFixedIdAndAMissingFamilyIsEmpty() throws Exception {
        try (GenlFamilies f = inNs.call(GenlFamilies::open)) {
            GenlFamily ctrl = f.find("nlctrl").orElseThrow();
            assertEquals(0x10, ctrl.id());
            assertEquals("nlctrl", ctrl.name());
            assertTrue(ctrl.multicastGroups().containsKey("notify"), ctrl.multicastGroups()::toString);
            assertTrue(f.find("no-such-family").isEmpty());
        }
    }
}
