package keepalived.vrrp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link VrrpInstance#reconfigure}: a reload keeps the state machine running (manual clock, no sleeps). */
class ReconfigureTest {
    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    private InstanceConfig config(String body) {
        return h.config("vrrp_version 3", body).withTrackWeights(t -> 0);
    }

    @Test
    void aMasterStaysMasterAndAdvertisesTheNewPriorityOnItsOwnSchedule() {
        VrrpInstance i = h.instance(config("state MASTER\n priority 150\n advert_int 1"), "10.0.0.2");
        i.start();
        h.advanceMs(1100);
        assertEquals(VrrpState.MASTER, i.state());
        h.advanceMs(300);
        h.take();
        long stats = i.stats().advertSent;

        i.reconfigure(config("state MASTER\n priority 120\n advert_int 0.5"));
        i.reevaluate();
        List<String> atReload = h.take();
        assertEquals(List.of(h.nowUs() + " VI_1 priority 150->120"), atReload,
                "nothing but the priority change at the reload: no advert, VIP, GARP or state change");
        assertEquals(VrrpState.MASTER, i.state());

        h.advanceMs(1000);
        List<String> after = h.take();
        assertTrue(after.stream().allMatch(e -> e.endsWith("advert 120")), after.toString());
        // the advert due 0.7 s after the reload keeps its time, then every 0.5 s: at +0.7 s only
        assertEquals(1, after.size(), after.toString());
        h.advanceMs(500);
        assertEquals(1, h.take().size());
        assertEquals(stats + 2, i.stats().advertSent, "stats carry over");
    }

    @Test
    void aTrackerKeptByNameKeepsItsStatus() {
        String tracks = "track_script {\n  chk weight -30\n }";
        VrrpInstance i = h.instance(config("priority 100\n " + tracks), "10.0.0.2");
        i.start();
        i.onTrackerChange(TrackKind.SCRIPT, "chk", false);
        assertEquals(70, i.effectivePriority());
        i.reconfigure(config("priority 110\n " + tracks));
        i.reevaluate();
        assertEquals(80, i.effectivePriority(), "new base priority, the script still down");
        assertEquals(VrrpState.BACKUP, i.state());
    }
}
