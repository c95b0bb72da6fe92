package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import keepalived.testing.Cmd;

/**
 * What the daemon does when an admin removes what it installed (keepalived-behaviour.md section
 * 10): a lone MASTER (VRRPv3, 0.1 s) on host 1 whose VIPs, virtual routes/rules, static entries
 * or VMAC are deleted with {@code ip}. Each subclass is one implementation; run on keepalived
 * they check the expectations.
 */
abstract class InstalledEntryScenarios {
    abstract Impl impl();

    Path dir;
    Segment segment;
    Segment.Host a;
    final List<Daemon> daemons = new ArrayList<>();

    @RegisterExtension
    final Lab lab = Lab.withHosts(1);

    @BeforeEach
    void setUp() throws Exception {
        dir = lab.dir();
        segment = lab.segment();
        a = segment.host(1);
    }

    /**
     * A no_track VIP deleted stays deleted and the instance stays MASTER; a tracked VIP deleted
     * sends it through BACKUP and back to MASTER, which puts both VIPs back.
     */
    @Test
    void deletedVipSendsTheMasterThroughBackupUnlessNoTrack() {
        String vip = p4() + "100";
        String untracked = p4() + "101";
        Daemon d = start(conf("    virtual_ipaddress {\n        " + vip + "/24\n        " + untracked
                + "/24 no_track\n    }\n"));
        awaitTrue(15_000, () -> a.holds(vip) && a.holds(untracked), "MASTER with both VIPs");

        a.ns().ip("addr", "del", untracked + "/24", "dev", "eth0");
        assertStays(1000, () -> !a.holds(untracked) && a.holds(vip), "the no_track VIP stays deleted");
        assertEquals(1, count(d, "Entering BACKUP STATE"), () -> "no state change for a no_track VIP\n" + diag());

        a.ns().ip("addr", "del", vip + "/24", "dev", "eth0");
        awaitTrue(5000, () -> a.holds(vip) && a.holds(untracked), "MASTER again with both VIPs");
        assertTrue(d.awaitLog("Netlink reflector reports IP " + vip + " removed from eth0", 2000), this::diag);
        assertEquals(2, count(d, "Entering BACKUP STATE"), this::diag);
        assertEquals(2, count(d, "Entering MASTER STATE"), this::diag);
        assertTrue(d.log().contains("(VI_1) sent 0 priority"), this::diag);
    }

    /** The same for virtual routes and rules: no_track ones stay deleted, tracked ones cost a BACKUP round. */
    @Test
    void deletedVirtualRouteOrRuleSendsTheMasterThroughBackupUnlessNoTrack() {
        String gw = p4() + "2";
        Daemon d = start(conf("    virtual_ipaddress {\n        " + p4() + "100/24\n    }\n"
                + "    virtual_routes {\n        10.201.0.0/24 via " + gw + " dev eth0\n"
                + "        10.202.0.0/24 via " + gw + " dev eth0 no_track\n    }\n"
                + "    virtual_rules {\n        from 10.203.0.0/24 table 100 priority 100\n"
                + "        from 10.204.0.0/24 table 101 priority 101 no_track\n    }\n"));
        awaitTrue(15_000, () -> routes().contains("10.201.0.0/24") && routes().contains("10.202.0.0/24")
                && rules().contains("10.203.0.0/24") && rules().contains("10.204.0.0/24"), "MASTER with its routes and rules");

        a.ns().ip("route", "del", "10.202.0.0/24");
        a.ns().ip("rule", "del", "priority", "101");
        assertStays(1000, () -> !routes().contains("10.202.0.0/24") && !rules().contains("10.204.0.0/24"),
                "no_track route and rule stay deleted");
        assertEquals(1, count(d, "Entering BACKUP STATE"), this::diag);

        a.ns().ip("route", "del", "10.201.0.0/24");
        awaitTrue(5000, () -> count(d, "Entering MASTER STATE") == 2 && routes().contains("10.201.0.0/24")
                && routes().contains("10.202.0.0/24") && rules().contains("10.204.0.0/24"),
                "a BACKUP round puts everything back");
        a.ns().ip("rule", "del", "priority", "100");
        awaitTrue(5000, () -> count(d, "Entering MASTER STATE") == 3 && rules().contains("10.203.0.0/24"),
                "the tracked rule costs a BACKUP round too");
        assertEquals(3, count(d, "Entering BACKUP STATE"), this::diag);
    }

    /**
     * Static entries are restored when deleted; with track_group the group's instances track the
     * entries' interface: eth1 down means FAULT, up again BACKUP and MASTER.
     */
    @Test
    void staticEntriesAreRestoredAndTrackGroupFollowsTheirInterface() {
        segment.addEth1();
        String e1 = segment.prefix4eth1();
        String vip = p4() + "100";
        String plain = p4() + "201";
        String grouped = e1 + "200";
        Daemon d = start(globals() + "track_group G {\n    group {\n        VI_1\n    }\n}\n"
                + "static_ipaddress {\n    " + plain + "/24 dev eth0\n    " + grouped + "/24 dev eth1 track_group G\n}\n"
                + "static_routes {\n    10.205.0.0/24 via " + e1 + "2 dev eth1 track_group G\n}\n"
                + instance("    virtual_ipaddress {\n        " + vip + "/24\n    }\n"));
        awaitTrue(15_000, () -> a.holds(vip) && a.holds(plain) && a.holds("eth1", grouped)
                && routes().contains("10.205.0.0/24"), "MASTER with the static entries");

        a.ns().ip("addr", "del", plain + "/24", "dev", "eth0");
        a.ns().ip("addr", "del", grouped + "/24", "dev", "eth1");
        a.ns().ip("route", "del", "10.205.0.0/24");
        awaitTrue(3000, () -> a.holds(plain) && a.holds("eth1", grouped) && routes().contains("10.205.0.0/24"),
                "the static entries are restored");
        assertTrue(d.log().contains("Restoring deleted static address " + plain + "/24 dev eth0 scope global set"),
                this::diag);
        assertEquals(1, count(d, "Entering BACKUP STATE"), () -> "restoring is no state change\n" + diag());

        a.ns().ip("link", "set", "eth1", "down");
        awaitTrue(3000, () -> !a.holds(vip), "eth1 down: the track group's instance leaves MASTER");
        assertTrue(d.awaitLog("(VI_1) Entering FAULT STATE", 2000), this::diag);
        a.ns().ip("link", "set", "eth1", "up");
        awaitTrue(5000, () -> a.holds(vip) && routes().contains("10.205.0.0/24"),
                "eth1 up: MASTER again, the route the kernel dropped is back");
    }

    /** The instance's VMAC deleted while MASTER: FAULT, recreated (same name and MAC), MASTER again. */
    @Test
    void deletedVmacIsRecreated() {
        String vip = p4() + "100";
        Daemon d = start(globals("    vmac_prefix kv\n") + instance("    use_vmac\n    virtual_ipaddress {\n        "
                + vip + "/24\n    }\n"));
        awaitTrue(15_000, () -> a.holds("kv.51", vip), "MASTER with the VIP on kv.51");

        a.ns().ip("link", "del", "kv.51");
        assertTrue(d.awaitLog("(VI_1) Entering FAULT STATE", 3000), this::diag);
        awaitTrue(5000, () -> a.holds("kv.51", vip), "kv.51 recreated and the VIP back on it");
        assertTrue(d.log().contains("(VI_1): Success creating VMAC interface kv.51"), this::diag);
        String link = a.ns().ip("-o", "link", "show", "dev", "kv.51").stdout();
        assertTrue(link.contains("00:00:5e:00:01:33"), () -> "the VMAC's MAC: " + link);
        assertEquals(2, count(d, "Entering MASTER STATE"), this::diag);
    }

    /**
     * use_vmac_addr (and a VIP's use_vmac): the addresses on eth1 go on a VMAC of their own named
     * from vmac_addr_prefix; deleted by an admin it puts its instance in FAULT and is not made again.
     */
    @Test
    void addressVmacsCarryOtherInterfacesVipsAndAreNotRecreated() {
        segment.addEth1();
        String e1 = segment.prefix4eth1();
        String vip0 = p4() + "100";
        String vip1 = e1 + "100";
        String vip3 = p4() + "103";
        String vip3e1 = e1 + "103";
        Daemon d = start(globals("    vmac_prefix kv\n    vmac_addr_prefix ka\n")
                + instance("VI_1", 51, "    use_vmac\n    use_vmac_addr\n    virtual_ipaddress {\n        " + vip0
                        + "/24\n        " + vip1 + "/24 dev eth1\n    }\n")
                + instance("VI_3", 53, "    virtual_ipaddress {\n        " + vip3 + "/24\n        " + vip3e1
                        + "/24 dev eth1 use_vmac\n    }\n"));
        awaitTrue(15_000, () -> a.holds("kv.51", vip0) && a.holds("ka.51", vip1) && a.holds("eth0", vip3)
                && a.holds("ka.53", vip3e1), "VIPs on kv.51, ka.51, eth0 and ka.53");
        String link = a.ns().ip("-o", "link", "show", "dev", "ka.51").stdout();
        assertTrue(link.contains("00:00:5e:00:01:33") && link.contains("ka.51@eth1"), () -> "ka.51: " + link);

        a.ns().ip("link", "del", "ka.51");
        assertTrue(d.awaitLog("(VI_1) Entering FAULT STATE", 3000), this::diag);
        assertStays(1500, () -> !Cmd.run("ip", "-n", a.name(), "link", "show", "dev", "ka.51").ok()
                && !a.holds("kv.51", vip0) && a.holds("ka.53", vip3e1), "ka.51 stays gone, VI_1 in FAULT, VI_3 MASTER");
    }

    // ---------------------------------------------------------------- configs

    String p4() {
        return segment.prefix4();
    }

    static String globals() {
        return globals("");
    }

    static String globals(String extra) {
        return "global_defs {\n    router_id a\n    vrrp_version 3\n" + extra + "}\n\n";
    }

    static String instance(String body) {
        return instance("VI_1", 51, body);
    }

    static String instance(String name, int vrid, String body) {
        return "vrrp_instance " + name + " {\n    state BACKUP\n    interface eth0\n    virtual_router_id " + vrid
                + "\n    priority 150\n    advert_int 0.1\n" + body + "}\n";
    }

    static String conf(String body) {
        return globals() + instance(body);
    }

    // ---------------------------------------------------------------- helpers

    Daemon start(String config) {
        Daemon d = Daemon.start(impl(), a, "a", config, dir);
        daemons.add(lab.track(d));
        return d;
    }

    String routes() {
        return Cmd.run(null, 10, List.of("ip", "-n", a.name(), "route", "show", "table", "main")).stdout();
    }

    String rules() {
        return Cmd.run(null, 10, List.of("ip", "-n", a.name(), "rule", "show")).stdout();
    }

    static int count(Daemon d, String text) {
        return (int) d.log().lines().filter(l -> l.contains(text)).count();
    }

    void awaitTrue(long millis, BooleanSupplier c, String what) {
        assertTrue(Wait.until(millis, c), () -> what + "\n" + diag());
    }

    void assertStays(long millis, BooleanSupplier c, String what) {
        assertTrue(Wait.holdsFor(millis, c), () -> what + "\n" + diag());
    }

    String diag() {
        StringBuilder s = new StringBuilder("--- ").append(a.name()).append('\n');
        s.append(Cmd.run(null, 10, List.of("ip", "-n", a.name(), "-br", "addr")).stdout());
        s.append(routes()).append(rules());
        for (Daemon d : daemons) {
            s.append("--- ").append(d).append(d.alive() ? " running" : " exited").append('\n').append(d.logTail(40)).append('\n');
        }
        return s.toString();
    }
}
