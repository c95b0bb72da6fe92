package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The reload scenarios with Debian's keepalived 2.2.7 as MASTER: the reference the other pairs
 * are compared with. In two scenarios keepalived behaves differently from ours, on purpose: those
 * tests assert what 2.2.7 does, so the difference stays measured.
 */
class ReloadKeepalivedTest extends ReloadScenarios {
    @Override
    Impl master() {
        return Impl.KEEPALIVED;
    }

    @Override
    Impl peer() {
        return Impl.KEEPALIVED;
    }

    /** keepalived 2.2.7 re-announces every VIP of the instance when its set changes; ours only the new ones. */
    @Override
    @Test
    void changingTheVipsOfAMaster() throws Exception {
        interval = "1";
        Daemon da = startPair(List.of(inst("VI_1", 51, HIGH, vip(1), vip(2))), List.of(inst("VI_1", 51, LOW, vip(1),
                vip(2))));
        awaitSoleHolder(a, vip(2), 5000, "A holds both VIPs");
        long hup = reload(da, List.of(inst("VI_1", 51, HIGH, vip(1), vip(3))), null);
        Files.writeString(dir.resolve("b.conf"), config("b", List.of(inst("VI_1", 51, LOW, vip(1), vip(3)))));
        daemons.get(1).signal("HUP");
        assertTrue(Wait.until(10_000, () -> a.holds(vip(3)) && !a.holds(vip(2))),
                () -> "the VIP set did not change\n" + diag());
        assertNotNull(capture.await(Capture.Garp.class, g -> g.mac().equals(a.mac()) && g.address().equals(vip(1))
                && g.micros() > hup, 5000), () -> "keepalived 2.2.7 was seen to GARP the kept VIP too\n" + diag());
    }

    /**
     * keepalived 2.2.7 without reload_check_config: the VRRP child exits on the broken config,
     * the parent terminates, and the VIP is left on the host.
     */
    @Override
    @Test
    void brokenConfigKeepsTheRunningMaster() throws Exception {
        Daemon da = startPair(List.of(inst("VI_1", 51, HIGH, vip(1))), List.of(inst("VI_1", 51, LOW, vip(1))));
        awaitSoleHolder(a, vip(1), 5000, "A holds the VIP");
        Files.writeString(dir.resolve("a.conf"), config("a", List.of(inst("VI_1", 51, HIGH, vip(1))))
                + "vrrp_instance VI_BROKEN {\n    interface eth0\n    virtual_router_id 999\n");
        da.signal("HUP");
        assertTrue(da.awaitLog("exited with permanent error CONFIG. Terminating", 10_000),
                () -> "keepalived 2.2.7 was seen to terminate\n" + diag());
        assertTrue(Wait.until(10_000, () -> !da.alive()), () -> "keepalived still running\n" + diag());
        assertTrue(a.holds(vip(1)), () -> "keepalived 2.2.7 was seen to leave its VIP behind\n" + diag());
        assertFalse(da.alive());
    }
}
