package keepalived.vrrp.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import keepalived.vrrp.packet.AdvertPacket.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine against keepalived's behaviour (notes §3), over a manual clock. */
class VrrpInstanceTest {
    /** One GARP per transition and no second burst, to keep the event lists short. */
    static final String QUIET_GARP = "vrrp_garp_master_repeat 1\n vrrp_garp_master_delay 0";

    @TempDir
    Path dir;
    Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness(dir);
    }

    VrrpInstance start(String body) {
        return start(QUIET_GARP, body);
    }

    VrrpInstance start(String globals, String body) {
        VrrpInstance i = h.instance(h.config(globals, body), "10.0.0.2");
        i.start();
        return i;
    }

    @Test
    void backupTakesOverAfterThreeIntervalsPlusSkew() {
        VrrpInstance i = start("priority 100");
        assertEquals(List.of("0 VI_1 vips off", "0 VI_1 INIT->BACKUP 100"), h.take());
        // 3 × 1 s + (256 − 100) / 256 s
        assertEquals(3_609_375, i.masterDownIntervalUs());
        h.advanceUs(3_609_374);
        assertEquals(VrrpState.BACKUP, i.state());
        assertEquals(List.of(), h.take());
        h.advanceUs(1);
        assertEquals(VrrpState.MASTER, i.state());
        assertEquals(List.of("3609375 VI_1 advert 100", "3609375 VI_1 vips on", "3609375 VI_1 garp",
                "3609375 VI_1 BACKUP->MASTER 100"), h.take());
        h.advanceMs(2000);
        assertEquals(List.of("4609375 VI_1 advert 100", "5609375 VI_1 advert 100"), h.take());
        assertEquals(1, i.stats().becomeMaster());
        assertEquals(3, i.stats().advertSent());
    }

    @Test
    void aStalledBackupListensOneMoreIntervalBeforeTakingOver() {
        VrrpInstance i = start("priority 100");
        h.take();
        assertEquals(Verdict.OK, h.advert(i, "10.0.0.9", 150));
        // we were held up 5 s: the expiry at 3.609 s runs 1.39 s late, more than one interval
        h.stallUs(5_000_000);
        assertEquals(VrrpState.BACKUP, i.state(), "a late expiry gives the master one more interval");
        // the master's advert, queued or sent right after the stall, keeps us BACKUP
        assertEquals(Verdict.OK, h.advert(i, "10.0.0.9", 150));
        h.advanceUs(3_609_374);
        assertEquals(VrrpState.BACKUP, i.state());

        // a master really gone: after a stall, one interval more, then MASTER
        h.stallUs(4_000_000);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(999_999);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(1);
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void anOnTimeExpiryTakesOverWithoutGrace() {
        VrrpInstance i = start("priority 100");
        h.take();
        // late by less than an interval: no grace (ordinary scheduling noise)
        h.advanceUs(3_609_374);
        h.stallUs(900_000);
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void masterDownTimerMatchesKeepalivedsDump() {
        // keepalived 2.2.7, effective priority 155, advert_int 1: "Master down timer = 3394531 usecs"
        VrrpInstance i = start("priority 155");
        assertEquals(3_394_531, i.masterDownIntervalUs());
        assertEquals(394_531, i.skewUs());
    }

    @Test
    void higherPriorityMasterKeepsUsBackup() {
        VrrpInstance i = start("priority 100");
        h.take();
        for (int s = 0; s < 10; s++) {
            assertEquals(Verdict.OK, h.advert(i, "10.0.0.9", 150));
            h.advanceMs(1000);
        }
        assertEquals(VrrpState.BACKUP, i.state());
        assertEquals(150, i.masterPriority());
        assertEquals(List.of(), h.take());
        assertEquals(10, i.stats().advertRcvd());
        // the master goes silent after its advert at 9 s
        h.advanceUs(9_000_000 + 3_609_375 - h.nowUs() - 1);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(1);
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void backupDiscardsLowerPriorityAndPreempts() {
        VrrpInstance i = start("priority 150");
        h.take();
        // 3 s + (256 − 150) / 256 s = 3414062 µs, whatever the lower-priority master sends
        for (int s = 0; s < 3; s++) {
            h.advert(i, "10.0.0.9", 100);
            h.advanceMs(1000);
        }
        h.advert(i, "10.0.0.9", 100);
        h.advanceUs(414_061);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(1);
        assertEquals(VrrpState.MASTER, i.state());
        h.take();
        // the old master still advertises: we force a new election (advert + GARP)
        h.advanceUs(100_000);
        h.advert(i, "10.0.0.9", 100);
        assertEquals(List.of("3514062 VI_1 advert 150", "3514062 VI_1 garp", "3514062 VI_1 rx lower 100"), h.take());
    }

    @Test
    void lowerPrioNoAdvertOnlySendsGarps() {
        VrrpInstance i = start("priority 150\n lower_prio_no_advert");
        h.advanceUs(3_414_062);
        assertEquals(VrrpState.MASTER, i.state());
        h.take();
        h.advert(i, "10.0.0.9", 100);
        assertEquals(List.of("3414062 VI_1 garp", "3414062 VI_1 rx lower 100"), h.take());
    }

    @Test
    void nopreemptStaysBackupUnderALowerPriorityMaster() {
        VrrpInstance i = start("state BACKUP\n priority 150\n nopreempt");
        for (int s = 0; s < 10; s++) {
            h.advert(i, "10.0.0.9", 100);
            h.advanceMs(1000);
        }
        assertEquals(VrrpState.BACKUP, i.state());
        assertEquals(100, i.masterPriority());
    }

    @Test
    void preemptDelayToleratesALowerMasterUntilItEnds() {
        VrrpInstance i = start("priority 150\n preempt_delay 5");
        for (int s = 0; s <= 8; s++) {
            if (i.state() == VrrpState.BACKUP) {
                h.advert(i, "10.0.0.9", 100);
            }
            if (s == 4) {
                assertTrue(i.preemptDelayRunning());
            }
            h.advanceMs(1000);
            if (h.nowUs() < 7_000_000) {
                assertEquals(VrrpState.BACKUP, i.state(), "at " + h.nowUs());
            }
        }
        // delay started at 0 s and ended at 5 s: the advert at 4 s was the last one accepted
        assertEquals(VrrpState.MASTER, i.state());
        assertTrue(h.events.contains("7414062 VI_1 BACKUP->MASTER 150"), h.events.toString());
    }

    @Test
    void priorityZeroAdvertMeansTakeOverAfterSkewOnly() {
        VrrpInstance i = start("priority 100");
        h.advert(i, "10.0.0.9", 150);
        h.advanceMs(1000);
        h.advert(i, "10.0.0.9", 0);
        assertEquals(1, i.stats().priZeroRcvd());
        h.advanceUs(609_374);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(1);
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void stateMasterBelow255WaitsOneInterval() {
        VrrpInstance i = start("state MASTER\n priority 200");
        assertEquals(List.of("0 VI_1 vips off", "0 VI_1 INIT->BACKUP 200"), h.take());
        h.advanceUs(1_003_905);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(1);
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void stateMasterYieldsToAHigherAdvertDuringItsWait() {
        VrrpInstance i = start("state MASTER\n priority 200");
        h.advanceMs(500);
        h.advert(i, "10.0.0.9", 250);
        h.advanceMs(2000);
        assertEquals(VrrpState.BACKUP, i.state());
    }

    @Test
    void priority255IsMasterAtOnce() {
        VrrpInstance i = start("state MASTER");
        assertEquals(255, i.effectivePriority());
        assertEquals(VrrpState.MASTER, i.state());
        assertEquals(List.of("0 VI_1 vips off", "0 VI_1 advert 255", "0 VI_1 vips on", "0 VI_1 garp",
                "0 VI_1 INIT->MASTER 255"), h.take());
    }

    @Test
    void stopFromMasterSendsPriorityZeroAndRemovesVips() {
        VrrpInstance i = start("state MASTER");
        h.advanceMs(1500);
        h.take();
        i.stop();
        assertEquals(List.of("1500000 VI_1 advert 0", "1500000 VI_1 vips off"), h.take());
        assertEquals(1, i.stats().priZeroSent());
        h.advanceMs(10_000);
        assertEquals(List.of(), h.take());
        assertTrue(h.timers.isEmpty());
    }

    @Test
    void stopKeepingVips() {
        VrrpInstance i = start("state MASTER");
        h.take();
        i.stop(false);
        assertEquals(List.of("0 VI_1 advert 0"), h.take());
    }

    @Test
    void stopFromBackupSendsNothing() {
        VrrpInstance i = start("priority 100");
        h.take();
        i.stop();
        assertEquals(List.of(), h.take());
        assertTrue(h.timers.isEmpty());
    }

    @Test
    void masterHearingHigherPriorityGoesBackup() {
        VrrpInstance i = start("state MASTER\n priority 100");
        h.advanceUs(1_003_906);
        assertEquals(VrrpState.MASTER, i.state());
        h.take();
        h.advert(i, "10.0.0.9", 150);
        assertEquals(VrrpState.BACKUP, i.state());
        assertEquals(List.of("1003906 VI_1 vips off", "1003906 VI_1 MASTER->BACKUP 100"), h.take());
        assertEquals(1, i.stats().releaseMaster());
        h.advanceMs(1000);
        assertEquals(List.of(), h.take(), "a backup sends no adverts");
    }

    @Test
    void higherPrioSendAdvertAdvertisesBeforeYielding() {
        VrrpInstance i = start("state MASTER\n priority 100\n higher_prio_send_advert");
        h.advanceUs(1_003_906);
        h.take();
        h.advert(i, "10.0.0.9", 150);
        assertEquals(List.of("1003906 VI_1 advert 100", "1003906 VI_1 vips off", "1003906 VI_1 MASTER->BACKUP 100"),
                h.take());
    }

    @Test
    void equalPriorityIsWonByTheHigherAddress() {
        VrrpInstance i = start("state MASTER\n priority 100");
        h.advanceUs(1_003_906);
        h.take();
        // 10.0.0.1 < our 10.0.0.2: we stay and re-advertise
        h.advert(i, "10.0.0.1", 100);
        assertEquals(VrrpState.MASTER, i.state());
        assertEquals("1003906 VI_1 advert 100", h.take().get(0));
        // our own address: ignored
        h.advert(i, "10.0.0.2", 100);
        assertEquals(List.of(), h.take());
        // 10.0.0.3 > 10.0.0.2: it wins
        h.advert(i, "10.0.0.3", 100);
        assertEquals(VrrpState.BACKUP, i.state());
    }

    @Test
    void masterAnswersAPriorityZeroAdvertAtOnce() {
        VrrpInstance i = start("state MASTER");
        h.advanceMs(300);
        h.take();
        h.advert(i, "10.0.0.9", 0);
        h.advanceMs(1000);
        assertEquals(List.of("300000 VI_1 advert 255", "1300000 VI_1 advert 255"), h.take());
    }

    @Test
    void v3BackupAdoptsTheMastersInterval() {
        VrrpInstance i = start("version 3\n priority 100");
        h.advert(i, "10.0.0.9", 150, 100_000);
        assertEquals(100_000, i.masterAdvertIntervalUs());
        // 3 × 0.1 s + (256 − 100) × 0.1 s / 256
        assertEquals(360_937, i.masterDownIntervalUs());
        h.advanceUs(360_936);
        assertEquals(VrrpState.BACKUP, i.state());
        h.advanceUs(1);
        assertEquals(VrrpState.MASTER, i.state());
        // as master it advertises its own interval again
        assertEquals(1_000_000, i.masterAdvertIntervalUs());
    }

    @Test
    void v2DropsAnAdvertWithAnotherInterval() {
        VrrpInstance i = start("priority 100");
        assertEquals(Verdict.INTERVAL_MISMATCH, h.advert(i, "10.0.0.9", 150, 2_000_000));
        assertEquals(1, i.stats().advertIntervalErr());
        h.advanceUs(3_609_375);
        assertEquals(VrrpState.MASTER, i.state(), "the dropped advert did not reset the down timer");
    }

    @Test
    void malformedAdvertsAreCountedWithoutAStateChange() {
        VrrpInstance i = start("priority 100\n authentication {\n auth_type PASS\n auth_pass secret\n }");
        keepalived.vrrp.packet.AdvertTemplate t = i.template();
        keepalived.vrrp.packet.AdvertTemplate wrongPass = new keepalived.vrrp.packet.AdvertTemplate(2, false, 51,
                1_000_000, t.addresses(), 1, "nope".getBytes(), false);
        keepalived.vrrp.packet.AdvertTemplate noAuth = new keepalived.vrrp.packet.AdvertTemplate(2, false, 51,
                1_000_000, t.addresses(), 1, null, false);
        keepalived.vrrp.packet.AdvertTemplate otherVips = new keepalived.vrrp.packet.AdvertTemplate(2, false, 51,
                1_000_000, Harness.ip("10.9.9.9"), 1, t.authPass(), false);
        for (int s = 0; s < 5; s++) {
            assertEquals(Verdict.AUTH_FAILURE, h.deliver(i, wrongPass, "10.0.0.9", 200, 255));
            assertEquals(Verdict.AUTH_TYPE_MISMATCH, h.deliver(i, noAuth, "10.0.0.9", 200, 255));
            assertEquals(Verdict.BAD_TTL, h.deliver(i, t, "10.0.0.9", 200, 254));
            h.advanceMs(1000);
        }
        assertEquals(VrrpState.MASTER, i.state(), "none of them counted as a master's advert");
        assertEquals(5, i.stats().authFailure());
        assertEquals(5, i.stats().authtypeMismatch());
        assertEquals(5, i.stats().ipTtlErr());
        // an address list mismatch is counted but the advert is used
        assertEquals(Verdict.ADDRESS_MISMATCH, h.deliver(i, otherVips, "10.0.0.9", 254, 255));
        assertEquals(1, i.stats().addrListErr());
        assertEquals(VrrpState.BACKUP, i.state());
    }

    @Test
    void garpSchedule() {
        VrrpInstance i = start("", "state MASTER\n garp_master_refresh 10\n garp_master_refresh_repeat 2");
        h.advanceMs(21_000);
        long at0 = h.events.stream().filter(e -> e.equals("0 VI_1 garp")).count();
        long at5 = h.events.stream().filter(e -> e.equals("5000000 VI_1 garp")).count();
        long at10 = h.events.stream().filter(e -> e.equals("10000000 VI_1 garp")).count();
        long at20 = h.events.stream().filter(e -> e.equals("20000000 VI_1 garp")).count();
        long all = h.events.stream().filter(e -> e.endsWith("garp")).count();
        assertEquals(5, at0, "garp_master_repeat 5 on becoming MASTER");
        assertEquals(5, at5, "second burst after garp_master_delay 5");
        assertEquals(2, at10, "refresh");
        assertEquals(2, at20, "refresh");
        assertEquals(14, all);
        assertEquals(VrrpState.MASTER, i.state());
    }

    @Test
    void minGarpSendsOneAndNoSecondBurst() {
        start("vrrp_min_garp", "state MASTER");
        h.advanceMs(10_000);
        assertEquals(1, h.events.stream().filter(e -> e.endsWith("garp")).count());
    }

    @Test
    void lowerPriorityGarpBursts() {
        VrrpInstance i = start("", "state MASTER\n garp_lower_prio_repeat 3\n garp_lower_prio_delay 2");
        h.advanceMs(6_000);
        h.take();
        h.advert(i, "10.0.0.9", 100);
        h.advanceMs(3_000);
        List<String> ev = h.take();
        assertEquals(3, ev.stream().filter(e -> e.equals("6000000 VI_1 garp")).count());
        assertEquals(3, ev.stream().filter(e -> e.equals("8000000 VI_1 garp")).count());
    }

    @Test
    void stateMasterWithoutPriorityIsOwnerAndIgnoresNothingByDefault() {
        VrrpInstance i = start("state MASTER");
        assertTrue(i.config().owner());
        h.advert(i, "10.0.0.9", 254);
        assertEquals(VrrpState.MASTER, i.state());
        assertFalse(i.faulted());
    }

    @Test
    void unicastChecksSourceAndPeerTtl() {
        VrrpInstance i = start("priority 100\n unicast_src_ip 10.0.0.2\n check_unicast_src\n"
                + " unicast_peer {\n  10.0.0.3 min_ttl 250\n  10.0.0.4\n }");
        keepalived.vrrp.packet.AdvertTemplate t = i.template();
        assertEquals(Verdict.NOT_A_PEER, h.deliver(i, t, "10.0.0.9", 150, 255, false));
        assertEquals(Verdict.BAD_TTL, h.deliver(i, t, "10.0.0.3", 150, 249, false));
        assertEquals(1, i.stats().ipTtlErr());
        assertEquals(Verdict.OK, h.deliver(i, t, "10.0.0.3", 150, 250, false));
        assertEquals(Verdict.OK, h.deliver(i, t, "10.0.0.4", 150, 1, false), "no TTL check for unicast by default");
        assertEquals(150, i.masterPriority());
    }

    @Test
    void ownerIgnoreAdverts() {
        VrrpInstance i = start("state MASTER\n owner_ignore_adverts");
        h.take();
        h.advert(i, "10.0.0.9", 100);
        h.advert(i, "10.0.0.99", 255);
        assertEquals(VrrpState.MASTER, i.state());
        assertEquals(List.of(), h.take());
        assertEquals(2, i.stats().advertRcvd());
    }

    /**
     * timer_expired_backup with nopreempt: a MASTER held up for longer than a priority-254 router
     * needs to take over (3 x 1 s + 2/256 s) goes BACKUP when its advert timer finally fires; a
     * shorter stall keeps it MASTER.
     */
    @Test
    void timerExpiredBackupAfterALongStall() {
        VrrpInstance i = h.instance(h.config(QUIET_GARP, "priority 150\n nopreempt"), "10.0.0.2");
        i.timerExpiredBackup(0);
        i.start();
        h.advanceUs(4_000_000);
        assertEquals(VrrpState.MASTER, i.state());
        h.stallUs(2_300_000); // MASTER at 3.414 s: 0.586 s since the last advert + 2.3 s < 3.0078 s
        assertEquals(VrrpState.MASTER, i.state(), "a stall shorter than the other's master-down interval");
        h.advanceUs(1_000_000);
        h.take();
        h.stallUs(3_100_000);
        assertEquals(VrrpState.BACKUP, i.state());
        assertTrue(h.take().stream().noneMatch(e -> e.contains("advert 150")), "no advert after the stall");
    }
}
