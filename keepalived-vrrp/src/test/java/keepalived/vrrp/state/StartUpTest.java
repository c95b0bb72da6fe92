package keepalived.vrrp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import keepalived.config.KeepalivedConfig;

/**
 * Start-up while tracked scripts have not run yet (keepalived 2.2.7, observed; notes §3.2): an
 * unweighted one holds the instance in a silent FAULT until its first result, a weighted one adds
 * nothing until then.
 */
class StartUpTest {
    static final String GLOBALS = "global_defs {\n vrrp_garp_master_repeat 1\n vrrp_garp_master_delay 0\n}\n"
            + "vrrp_script chk {\n script \"/bin/true\"\n}\n";

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
        h.recordEntering = true;
    }

    VrrpInstance awaiting(String name, int vrid, String body) {
        KeepalivedConfig c = h.load(GLOBALS + Harness.instanceText(name, vrid, body));
        VrrpInstance i = h.instance(InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs()).withTrackWeights(t -> 0),
                "10.0.0.2");
        i.awaitTracker(TrackKind.SCRIPT, "chk");
        return i;
    }

    VrrpInstance awaiting(String body) {
        return awaiting("VI_1", 51, body);
    }

    static List<String> strip(List<String> events) {
        return events.stream().map(e -> e.substring(e.indexOf(' ') + 1)).filter(e -> !e.contains("advert")).toList();
    }

    @Test
    void unweightedScriptFailingFirstIsFaultWithoutEnteringLine() {
        VrrpInstance i = awaiting("priority 100\n track_script {\n  chk\n }");
        i.start();
        assertEquals(VrrpState.FAULT, i.state(), "held: the dumps show FAULT");
        assertEquals(List.of("VI_1 vips off"), strip(h.take()), "nothing reported while held");
        i.onTrackerChange(TrackKind.SCRIPT, "chk", false);
        assertEquals(List.of("VI_1 FAULT->FAULT 100"), strip(h.take()), "notify FAULT, no Entering line");
        assertEquals(VrrpState.FAULT, i.state());
        i.onTrackerChange(TrackKind.SCRIPT, "chk", true);
        assertEquals(List.of("VI_1 entering FAULT->BACKUP", "VI_1 FAULT->BACKUP 100"), strip(h.take()));
    }

    @Test
    void unweightedScriptSucceedingFirstEntersBackupWithoutInit() {
        VrrpInstance i = awaiting("priority 100\n track_script {\n  chk\n }");
        i.start();
        h.take();
        i.onTrackerChange(TrackKind.SCRIPT, "chk", true);
        assertEquals(List.of("VI_1 entering FAULT->BACKUP", "VI_1 FAULT->BACKUP 100"), strip(h.take()),
                "from the held FAULT: \"Entering BACKUP STATE\", no (init)");
        h.advanceMs(3700);
        assertEquals(VrrpState.MASTER, i.state(), "then the full master-down interval");
    }

    @Test
    void ownerHeldThenMasterAtOnce() {
        VrrpInstance i = awaiting("state MASTER\n priority 255\n track_script {\n  chk\n }");
        i.start();
        h.take();
        i.onTrackerChange(TrackKind.SCRIPT, "chk", true);
        assertEquals(VrrpState.MASTER, i.state());
        assertTrue(strip(h.take()).contains("VI_1 FAULT->MASTER 255"));
    }

    @Test
    void weightedScriptDoesNotHoldAndCountsOnlyOnceReported() {
        VrrpInstance i = awaiting("priority 100\n track_script {\n  chk weight 20\n }");
        assertEquals(100, i.effectivePriority(), "an unreported script adds nothing");
        i.start();
        assertEquals(List.of("VI_1 entering INIT->BACKUP", "VI_1 vips off", "VI_1 INIT->BACKUP 100"), strip(h.take()));
        i.onTrackerChange(TrackKind.SCRIPT, "chk", true);
        assertEquals(120, i.effectivePriority());
        i.onTrackerChange(TrackKind.SCRIPT, "chk", false);
        assertEquals(100, i.effectivePriority());
    }

    @Test
    void syncGroupMemberHeldByAnotherStaysSilentWhenTheOtherFails() {
        KeepalivedConfig c = h.load(GLOBALS + Harness.instanceText("VI_1", 51, "priority 100")
                + Harness.instanceText("VI_2", 52, "priority 100\n track_script {\n  chk\n }"));
        VrrpInstance a = h.instance(InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs()), "10.0.0.2");
        VrrpInstance b = h.instance(InstanceConfig.from(c.vrrpInstances().get(1), c.globalDefs()).withTrackWeights(t -> 0),
                "10.0.0.2");
        b.awaitTracker(TrackKind.SCRIPT, "chk");
        new SyncGroup("G", List.of(a, b));
        a.start();
        b.start();
        assertEquals(List.of("VI_1 vips off", "VI_2 vips off"), strip(h.take()), "both held silently");
        b.onTrackerChange(TrackKind.SCRIPT, "chk", false);
        assertEquals(List.of("VI_2 FAULT->FAULT 100", "group G INIT->FAULT"), strip(h.take()),
                "only VI_2 is notified (2.2.7), then the group");
        b.onTrackerChange(TrackKind.SCRIPT, "chk", true);
        assertEquals(VrrpState.BACKUP, a.state());
        assertEquals(VrrpState.BACKUP, b.state());
    }

    @Test
    void syncGroupMemberHeldByAnotherStartsWithIt() {
        KeepalivedConfig c = h.load(GLOBALS + Harness.instanceText("VI_1", 51, "priority 100")
                + Harness.instanceText("VI_2", 52, "priority 100\n track_script {\n  chk\n }"));
        VrrpInstance a = h.instance(InstanceConfig.from(c.vrrpInstances().get(0), c.globalDefs()), "10.0.0.2");
        VrrpInstance b = h.instance(InstanceConfig.from(c.vrrpInstances().get(1), c.globalDefs()).withTrackWeights(t -> 0),
                "10.0.0.2");
        b.awaitTracker(TrackKind.SCRIPT, "chk");
        new SyncGroup("G", List.of(a, b));
        a.start();
        b.start();
        h.take();
        b.onTrackerChange(TrackKind.SCRIPT, "chk", true);
        assertEquals(VrrpState.BACKUP, a.state(), "VI_1 released with VI_2");
        assertEquals(VrrpState.BACKUP, b.state());
    }
}
