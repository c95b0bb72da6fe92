package keepalived.vrrp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import keepalived.config.KeepalivedConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracker priority arithmetic and FAULT rules, sync groups, and the allocation-free advert path. */
class TrackingAndSyncGroupTest {
    static final String GLOBALS = "global_defs {\n vrrp_garp_master_repeat 1\n vrrp_garp_master_delay 0\n}\n";
    static final String SCRIPTS = "vrrp_script chk_up {\n script \"/bin/true\"\n}\n"
            + "vrrp_script chk_down {\n script \"/bin/true\"\n}\n"
            + "vrrp_script chk_fault {\n script \"/bin/true\"\n}\n"
            + "vrrp_script chk_rev {\n script \"/bin/true\"\n}\n";

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    VrrpInstance tracked(String body) {
        KeepalivedConfig c = h.load(GLOBALS + SCRIPTS + Harness.instanceText("VI_1", 51, body));
        InstanceConfig ic = InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs()).withTrackWeights(t -> 0);
        VrrpInstance i = h.instance(ic, "10.0.0.2");
        i.start();
        return i;
    }

    static final String TRACKS = "track_script {\n  chk_up weight 20\n  chk_down weight -30\n }";

    @Test
    void weightsAddWhileUpAndSubtractWhileDown() {
        VrrpInstance i = tracked("priority 100\n " + TRACKS);
        assertEquals(120, i.effectivePriority(), "+20 while chk_up is up, nothing while chk_down is up");
        i.onTrackerChange(TrackKind.SCRIPT, "chk_down", false);
        assertEquals(90, i.effectivePriority());
        i.onTrackerChange(TrackKind.SCRIPT, "chk_up", false);
        assertEquals(70, i.effectivePriority());
        assertTrue(h.events.contains("0 VI_1 priority 120->90"), h.events.toString());
        assertEquals(VrrpState.BACKUP, i.state());
    }

    @Test
    void priorityIsClampedTo1And254() {
        VrrpInstance high = tracked("priority 250\n " + TRACKS);
        assertEquals(254, high.effectivePriority());
        VrrpInstance low = tracked("priority 10\n " + TRACKS);
        low.onTrackerChange(TrackKind.SCRIPT, "chk_up", false);
        low.onTrackerChange(TrackKind.SCRIPT, "chk_down", false);
        assertEquals(1, low.effectivePriority());
    }

    @Test
    void anOwnersPriorityNeverChanges() {
        VrrpInstance i = tracked("priority 255\n track_script {\n  chk_down weight -30\n }");
        i.onTrackerChange(TrackKind.SCRIPT, "chk_down", false);
        assertEquals(255, i.effectivePriority());
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void reverseFlipsTheTrackersState() {
        VrrpInstance i = tracked("priority 100\n track_script {\n  chk_rev weight 10 reverse\n }");
        assertEquals(100, i.effectivePriority(), "up counts as down");
        i.onTrackerChange(TrackKind.SCRIPT, "chk_rev", false);
        assertEquals(110, i.effectivePriority());
    }

    @Test
    void priorityChangeRescalesTheDownTimer() {
        VrrpInstance i = tracked("priority 100\n " + TRACKS);
        // 3 s + (256 − 120) / 256 s
        assertEquals(3_531_250, i.masterDownIntervalUs());
        i.onTrackerChange(TrackKind.SCRIPT, "chk_down", false);
        // priority 90: skew (256 − 90) / 256 s = 648437
        assertEquals(3_648_437, i.masterDownIntervalUs());
        h.advanceUs(3_648_436);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(1);
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void unweightedTrackerFailureMeansFault() {
        VrrpInstance i = tracked("state MASTER\n priority 200\n track_script {\n  chk_fault\n }");
        h.advanceUs(1_003_906);
        assertEquals(VrrpState.MASTER, i.state());
        h.take();
        i.onTrackerChange(TrackKind.SCRIPT, "chk_fault", false);
        assertEquals(VrrpState.FAULT, i.state());
        assertEquals(List.of("1003906 VI_1 advert 0", "1003906 VI_1 vips off", "1003906 VI_1 MASTER->FAULT 200"),
                h.take());
        assertEquals(1, i.stats().priZeroSent());
        h.advanceMs(10_000);
        assertEquals(List.of(), h.take(), "FAULT sends nothing");
        h.advert(i, "10.0.0.9", 100);
        assertEquals(VrrpState.FAULT, i.state(), "FAULT ignores adverts");
        i.onTrackerChange(TrackKind.SCRIPT, "chk_fault", true);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(i.masterDownIntervalUs());
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void startsInFaultWhenATrackerIsAlreadyDown() {
        KeepalivedConfig c = h.load(GLOBALS + SCRIPTS + Harness.instanceText("VI_1", 51,
                "priority 100\n track_script {\n  chk_fault\n }"));
        InstanceConfig ic = InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs()).withTrackWeights(t -> 0);
        VrrpInstance i = h.instance(ic, "10.0.0.2");
        i.onTrackerChange(TrackKind.SCRIPT, "chk_fault", false);
        i.start();
        assertEquals(VrrpState.FAULT, i.state());
        // 2.2.7 logs "removing VIPs." after "entering FAULT state" at start too (observed)
        assertEquals(List.of("0 VI_1 vips off", "0 VI_1 INIT->FAULT 100"), h.take());
    }

    @Test
    void interfaceDownMeansFaultUnlessDontTrackPrimary() {
        VrrpInstance i = tracked("priority 100");
        i.onInterfaceChange(false);
        assertEquals(VrrpState.FAULT, i.state());
        i.onInterfaceChange(true);
        assertEquals(VrrpState.BACKUP, i.state());
        VrrpInstance j = tracked("priority 100\n dont_track_primary");
        j.onInterfaceChange(false);
        assertEquals(VrrpState.BACKUP, j.state());
    }

    @Test
    void trackFileContributesValueTimesWeight() {
        KeepalivedConfig c = h.load(GLOBALS + "vrrp_track_file tf {\n file /tmp/none\n}\n"
                + Harness.instanceText("VI_1", 51, "priority 100\n track_file {\n  tf weight 2\n }"));
        InstanceConfig ic = InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs()).withTrackWeights(t -> 0);
        VrrpInstance i = h.instance(ic, "10.0.0.2");
        i.start();
        i.onTrackFileValue("tf", 10);
        assertEquals(120, i.effectivePriority());
        i.onTrackFileValue("tf", -20);
        assertEquals(60, i.effectivePriority());
        i.onTrackFileValue("tf", -127);
        assertEquals(VrrpState.FAULT, i.state(), "value × weight ≤ −254 is FAULT");
    }

    // ------------------------------------------------------------------ sync groups

    VrrpInstance[] group() {
        KeepalivedConfig c = h.load(GLOBALS + Harness.instanceText("VI_1", 51, "priority 100")
                + Harness.instanceText("VI_2", 52, "priority 100"));
        VrrpInstance a = h.instance(InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs()), "10.0.0.2");
        VrrpInstance b = h.instance(InstanceConfig.from(c.vrrpInstances().get(1), c.globalDefs()), "10.0.0.2");
        new SyncGroup("G", List.of(a, b));
        a.start();
        b.start();
        return new VrrpInstance[] {a, b};
    }

    @Test
    void syncGroupGoesMasterOnlyWhenEveryMemberWantsTo() {
        VrrpInstance[] g = group();
        VrrpInstance a = g[0];
        VrrpInstance b = g[1];
        // b still hears a master, a does not: a's timer expires but it waits for b
        for (int s = 0; s <= 5; s++) {
            h.advert(b, "10.0.0.9", 150);
            h.advanceMs(1000);
        }
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.MASTER, a.wantState());
        assertEquals(VrrpState.BACKUP, b.state());
        h.take();
        // b's master went silent after 5 s: both go MASTER together when b's timer expires
        h.advanceUs(5_000_000 + 3_609_375 - h.nowUs());
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state());
        List<String> ev = h.take();
        assertTrue(ev.contains("8609375 VI_2 BACKUP->MASTER 100"), ev.toString());
        assertTrue(ev.contains("8609375 VI_1 BACKUP->MASTER 100"), ev.toString());
        assertEquals("8609375 group G BACKUP->MASTER", ev.get(ev.size() - 1));
        assertEquals(VrrpState.MASTER, a.syncGroup().state());

        // a higher-priority master for one member drags the whole group to BACKUP
        h.advert(a, "10.0.0.9", 200);
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.BACKUP, b.state());
        ev = h.take();
        assertTrue(ev.contains("8609375 VI_2 vips off"), ev.toString());
        assertTrue(ev.contains("8609375 group G MASTER->BACKUP"), ev.toString());
    }

    @Test
    void aFaultedMemberDragsTheGroupToFault() {
        VrrpInstance[] g = group();
        VrrpInstance a = g[0];
        VrrpInstance b = g[1];
        h.advanceUs(3_609_375);
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state());
        h.take();
        a.onInterfaceChange(false);
        assertEquals(VrrpState.FAULT, a.state());
        assertEquals(VrrpState.FAULT, b.state());
        List<String> ev = h.take();
        assertTrue(ev.contains("3609375 VI_2 advert 0"), ev.toString());
        assertTrue(ev.contains("3609375 group G MASTER->FAULT"), ev.toString());
        // b's own interface is fine, but it stays in FAULT while a is faulted
        h.advanceMs(20_000);
        assertEquals(VrrpState.FAULT, b.state());
        a.onInterfaceChange(true);
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.BACKUP, b.state());
        h.advanceUs(3_609_375);
        assertEquals(VrrpState.MASTER, a.state());
        assertEquals(VrrpState.MASTER, b.state());
    }

    // ------------------------------------------------------------------ allocation

    @Test
    void theAdvertPathDoesNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        KeepalivedConfig c = h.load(GLOBALS + Harness.instanceText("VI_1", 51, "version 3\n priority 100")
                + Harness.instanceText("VI_2", 52, "version 3\n state MASTER\n priority 100"));
        Harness quiet = new Harness(dir);
        quiet.recording = false;
        VrrpInstance backup = new VrrpInstance(InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs()),
                quiet.timers, quiet.clock, quiet);
        VrrpInstance master = new VrrpInstance(InstanceConfig.from(c.vrrpInstances().get(1), c.globalDefs()),
                quiet.timers, quiet.clock, quiet);
        backup.localAddress(Harness.ip("10.0.0.2"));
        master.localAddress(Harness.ip("10.0.0.2"));
        backup.start();
        master.start();
        quiet.advanceMs(2000);
        quiet.take();
        Runnable round = () -> {
            for (int n = 0; n < 1000; n++) {
                quiet.advert(backup, "10.0.0.9", 150);
                // (a master hearing a lower priority logs keepalived's message each time, which allocates)
                quiet.advanceMs(1000);
            }
        };
        round.run();
        quiet.events.clear();
        long before = mx.getCurrentThreadAllocatedBytes();
        round.run();
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(VrrpState.BACKUP, backup.state());
        assertEquals(VrrpState.MASTER, master.state());
        assertTrue(allocated < 16 * 1024, "allocated " + allocated + " bytes for 1000 rounds");
    }
}
