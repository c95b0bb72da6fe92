package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * timer_expired_backup (keepalived 2.4, unknown to 2.2.7; keepalived.conf(5)): ours (priority 150,
 * nopreempt) is MASTER beside Debian's keepalived (100); ours is stopped (SIGSTOP) for a second,
 * keepalived takes over. With the keyword ours, its advert timer long expired, resumes as BACKUP
 * and keepalived keeps the VIP; without it ours resumes as MASTER and takes the VIP back.
 */
class TimerExpiredBackupTest {
    @RegisterExtension
    final Lab lab = Lab.withHosts(2);

    @Test
    void stalledMasterResumesAsBackupWithTheKeyword() {
        Daemon ours = stallOurs("    timer_expired_backup\n");
        assertTrue(Wait.until(5000, () -> ours.log().lines()
                .anyMatch(l -> l.contains("(VI_1) Entering BACKUP STATE") && !l.contains("(init)"))), () -> ours.logTail(30));
        assertTrue(ours.log().contains("another router may have taken over, entering BACKUP"), () -> ours.logTail(30));
        assertTrue(Wait.holdsFor(1500, () -> lab.host(2).holds(vip()) && !lab.host(1).holds(vip())),
                () -> "keepalived keeps the VIP\n" + ours.logTail(30));
    }

    @Test
    void stalledMasterResumesAsMasterWithoutIt() {
        Daemon ours = stallOurs("");
        assertTrue(Wait.until(5000, () -> lab.host(1).holds(vip()) && !lab.host(2).holds(vip())),
                () -> "ours takes the VIP back\n" + ours.logTail(30));
        assertFalse(ours.log().lines().anyMatch(l -> l.contains("Entering BACKUP STATE") && !l.contains("(init)")),
                () -> ours.logTail(30));
    }

    private Daemon stallOurs(String extra) {
        Daemon ours = start(Impl.OURS, lab.host(1), "a", 150, "    nopreempt\n" + extra);
        assertTrue(ours.awaitLog("(VI_1) Entering MASTER STATE", 15_000), () -> ours.logTail(30));
        Daemon theirs = start(Impl.KEEPALIVED, lab.host(2), "b", 100, "");
        theirs.awaitBackup();
        Wait.sleep(500);
        ours.signalGroup("STOP");
        assertTrue(theirs.awaitLog("(VI_1) Entering MASTER STATE", 5000), () -> theirs.logTail(30));
        Wait.sleep(700);
        ours.signalGroup("CONT");
        return ours;
    }

    private String vip() {
        return lab.segment().prefix4() + "100";
    }

    private Daemon start(Impl impl, Segment.Host host, String name, int prio, String extra) {
        String conf = "global_defs {\n    router_id " + name + "\n    vrrp_version 3\n}\n\n"
                + "vrrp_instance VI_1 {\n    state BACKUP\n    interface eth0\n    virtual_router_id 51\n"
                + "    priority " + prio + "\n    advert_int 0.1\n" + extra + "    virtual_ipaddress {\n        "
                + vip() + "/24\n    }\n}\n";
        Daemon d = Daemon.start(impl, host, name, conf, lab.dir());
        lab.track(d);
        return d;
    }
}
