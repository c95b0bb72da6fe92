package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * Sync groups, track_script and track_interface between two routers of the same implementation
 * ({@link #impl()}): host 1 ("A", priority 150) and host 2 ("B", priority 100), VRRPv3 at 0.1 s.
 * Each subclass is one implementation; running them on keepalived checks the expectations.
 */
abstract class TrackingScenarios {
    static final int HIGH = 150;
    static final int LOW = 100;

    abstract Impl impl();

    Path dir;
    Segment segment;
    Segment.Host a;
    Segment.Host b;
    final List<Daemon> daemons = new ArrayList<>();

    @RegisterExtension
    final Lab lab = Lab.withHosts(2).withEth1();

    @BeforeEach
    void setUp() throws Exception {
        dir = lab.dir();
        segment = lab.segment();
        a = segment.host(1);
        b = segment.host(2);
    }

    /**
     * Sync group of VI_1 (eth0) and VI_2 (eth1): eth1 down on the MASTER host puts VI_2 in FAULT,
     * the group takes VI_1 along, and B takes both VIPs; eth1 up again, A preempts both back.
     */
    @Test
    void syncGroupMovesBothInstancesWhenOneInterfaceGoesDown() {
        String vip0 = segment.prefix4() + "100";
        String vip1 = segment.prefix4eth1() + "100";
        Daemon da = start(a, "a", syncConf("a", HIGH, vip0, vip1));
        awaitTrue(15_000, () -> holdsBoth(a, vip0, vip1) && !b.holds(vip0), "A becomes MASTER of both instances");
        Daemon db = start(b, "b", syncConf("b", LOW, vip0, vip1));
        db.awaitBackup();
        assertStays(600, () -> holdsBoth(a, vip0, vip1) && holdsNone(b, vip0, vip1), "A stays MASTER of both beside B");

        linkDown(a, "eth1");
        awaitTrue(5000, () -> holdsBoth(b, vip0, vip1), "B takes over both instances after eth1 went down on A");
        awaitTrue(2000, () -> !a.holds("eth0", vip0), "A (FAULT through the sync group) removed the eth0 VIP");
        assertTrue(da.awaitLog("VRRP_Group(G1) Syncing instances to FAULT state", 2000),
                () -> "A logs the group's move to FAULT\n" + diag());

        linkUp(a, "eth1");
        awaitTrue(10_000, () -> holdsBoth(a, vip0, vip1) && holdsNone(b, vip0, vip1), "A preempts both back after eth1 up");
    }

    /** track_script with weight 0: the script failing on the MASTER means FAULT and failover; back when it recovers. */
    @Test
    void failingTrackScriptWithoutWeightFaultsTheMaster() throws IOException {
        String vip = segment.prefix4() + "100";
        Path flagA = dir.resolve("a.fail");
        start(a, "a", scriptConf("a", HIGH, vip, flagA, 0));
        awaitTrue(15_000, () -> a.holds(vip), "A becomes MASTER");
        Daemon db = start(b, "b", scriptConf("b", LOW, vip, dir.resolve("b.fail"), 0));
        db.awaitBackup();
        assertStays(600, () -> a.holds(vip) && !b.holds(vip), "A stays MASTER beside B");

        Files.writeString(flagA, "fail\n");
        awaitTrue(8000, () -> b.holds(vip) && !a.holds(vip), "B takes over once A's track_script fails (FAULT)");
        assertTrue(daemons.get(0).awaitLog("Entering FAULT STATE", 2000), () -> "A logs FAULT\n" + diag());

        Files.delete(flagA);
        awaitTrue(8000, () -> a.holds(vip) && !b.holds(vip), "A preempts back once its script succeeds");
    }

    /** track_script with weight -60: A's priority drops to 90, below B's 100, and B takes over. */
    @Test
    void failingTrackScriptWithNegativeWeightLowersPriority() throws IOException {
        String vip = segment.prefix4() + "100";
        Path flagA = dir.resolve("a.fail");
        Daemon da = start(a, "a", scriptConf("a", HIGH, vip, flagA, -60));
        awaitTrue(15_000, () -> a.holds(vip), "A becomes MASTER");
        Daemon db = start(b, "b", scriptConf("b", LOW, vip, dir.resolve("b.fail"), -60));
        db.awaitBackup();
        assertStays(600, () -> a.holds(vip) && !b.holds(vip), "A stays MASTER beside B");

        Files.writeString(flagA, "fail\n");
        awaitTrue(8000, () -> b.holds(vip) && !a.holds(vip), "B (100) takes over from A at 150 - 60 = 90");
        assertTrue(da.log().contains("(VI_1) Changing effective priority from 150 to 90"),
                () -> "A logs its lowered priority\n" + diag());
        assertTrue(da.alive() && !da.log().contains("Entering FAULT STATE"), () -> "A must not be in FAULT\n" + diag());

        Files.delete(flagA);
        awaitTrue(8000, () -> a.holds(vip) && !b.holds(vip), "A preempts back at 150 once its script succeeds");
    }

    /** track_interface: the tracked eth1 going down on the MASTER means FAULT and failover; up again, A preempts. */
    @Test
    void trackedInterfaceDownFaultsTheMaster() {
        String vip = segment.prefix4() + "100";
        Daemon da = start(a, "a", trackIfConf("a", HIGH, vip));
        awaitTrue(15_000, () -> a.holds(vip), "A becomes MASTER");
        Daemon db = start(b, "b", trackIfConf("b", LOW, vip));
        db.awaitBackup();
        assertStays(600, () -> a.holds(vip) && !b.holds(vip), "A stays MASTER beside B");

        linkDown(a, "eth1");
        awaitTrue(5000, () -> b.holds(vip) && !a.holds(vip), "B takes over once A's tracked eth1 is down");
        assertTrue(da.awaitLog("Entering FAULT STATE", 2000), () -> "A logs FAULT\n" + diag());

        linkUp(a, "eth1");
        awaitTrue(10_000, () -> a.holds(vip) && !b.holds(vip), "A preempts back once eth1 is up");
    }

    // ---------------------------------------------------------------- configs

    static String globals(String routerId) {
        return "global_defs {\n    router_id " + routerId + "\n    vrrp_version 3\n}\n\n";
    }

    static String instance(String name, String dev, int vrid, int priority, String vip, String extra) {
        return "vrrp_instance " + name + " {\n    state BACKUP\n    interface " + dev + "\n    virtual_router_id " + vrid
                + "\n    priority " + priority + "\n    advert_int 0.1\n" + extra + "    virtual_ipaddress {\n        " + vip
                + "/24\n    }\n}\n\n";
    }

    static String syncConf(String id, int priority, String vip0, String vip1) {
        return globals(id) + "vrrp_sync_group G1 {\n    group {\n        VI_1\n        VI_2\n    }\n}\n\n"
                + instance("VI_1", "eth0", 51, priority, vip0, "") + instance("VI_2", "eth1", 52, priority, vip1, "");
    }

    static String scriptConf(String id, int priority, String vip, Path flag, int weight) {
        return globals(id) + "vrrp_script chk {\n    script \"/usr/bin/test ! -e " + flag + "\"\n    interval 1\n"
                + "    fall 1\n    rise 1\n    weight " + weight + "\n}\n\n"
                + instance("VI_1", "eth0", 51, priority, vip, "    track_script {\n        chk\n    }\n");
    }

    static String trackIfConf(String id, int priority, String vip) {
        return globals(id) + instance("VI_1", "eth0", 51, priority, vip, "    track_interface {\n        eth1\n    }\n");
    }

    // ---------------------------------------------------------------- helpers

    Daemon start(Segment.Host host, String name, String config) {
        Daemon d = Daemon.start(impl(), host, name, config, dir);
        daemons.add(lab.track(d));
        return d;
    }

    static boolean holdsBoth(Segment.Host h, String vip0, String vip1) {
        return h.holds("eth0", vip0) && h.holds("eth1", vip1);
    }

    static boolean holdsNone(Segment.Host h, String vip0, String vip1) {
        return !h.holds("eth0", vip0) && !h.holds("eth1", vip1);
    }

    static void linkDown(Segment.Host h, String dev) {
        h.ns().ip("link", "set", dev, "down");
    }

    static void linkUp(Segment.Host h, String dev) {
        h.ns().ip("link", "set", dev, "up");
    }

    void awaitTrue(long millis, java.util.function.BooleanSupplier c, String what) {
        assertTrue(Wait.until(millis, c), () -> what + "\n" + diag());
    }

    void assertStays(long millis, java.util.function.BooleanSupplier c, String what) {
        assertTrue(Wait.holdsFor(millis, c), () -> what + "\n" + diag());
    }

    String diag() {
        StringBuilder s = new StringBuilder("--- addresses\n");
        for (Segment.Host h : List.of(a, b)) {
            s.append(h.name()).append(": ").append(h.addresses()).append('\n');
        }
        for (Daemon d : daemons) {
            s.append("--- ").append(d).append(d.alive() ? " running" : " exited").append('\n').append(d.logTail(25)).append('\n');
        }
        return s.toString();
    }

}
