package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;

/**
 * use_vmac between ours (host A, priority 150) and Debian's keepalived (host B, priority 100), both
 * with {@code use_vmac}: the VMAC vrrp.51 (private macvlan, 00:00:5e:00:01:33) carries the VIP, the
 * adverts and GARPs leave from the virtual MAC, failover works both ways, and at SIGTERM ours
 * deletes its VMAC and restores the sysctls it changed. Host 3 captures.
 */
class VmacOursKeepalivedTest {
    private static final int VRID = 51;
    private static final String VMAC = "vrrp." + VRID;
    private static final String VMAC_MAC = "00:00:5e:00:01:33";

    private Path dir;
    private Segment segment;
    private Capture capture;
    private Segment.Host a;
    private Segment.Host b;
    private final List<Daemon> daemons = new java.util.ArrayList<>();

    @RegisterExtension
    final Lab lab = Lab.withHosts(3);

    @BeforeEach
    void setUp() throws Exception {
        Prerequisites.require(Cmd.available("tcpdump"), "tcpdump (apt-get install tcpdump)");
        dir = lab.dir();
        segment = lab.segment();
        a = segment.host(1);
        b = segment.host(2);
        capture = lab.track(Capture.start(segment.host(3), dir.resolve("capture.txt")));
    }

    @Test
    void vmacMasterBesideKeepalivedFailoverBothWaysAndCleanStop() {
        String vip = segment.prefix4() + "100";
        // a non-zero all.rp_filter, which the VMAC needs at 0: it moves to default and eth0 while
        // ours runs, and everything is put back at stop (keepalived 2.2.7 does the same)
        hostSysctls();
        assertEquals("0", conf(a, "eth0", "arp_ignore"));
        Conf ca = conf("a", 150).vip(vip + "/24");
        Conf cb = conf("b", 100).vip(vip + "/24");

        Daemon da = start(Impl.OURS, a, "a", ca);
        awaitSoleHolder(a, vip, 15_000, "ours alone becomes MASTER on " + VMAC);
        String link = a.ns().ip("-d", "-o", "link", "show", "dev", VMAC).stdout();
        assertTrue(link.contains(VMAC + "@eth0") && link.contains("link/ether " + VMAC_MAC)
                && link.contains("macvlan mode private") && link.contains(",UP"), () -> link);
        assertEquals("1", conf(a, "eth0", "arp_ignore"));
        assertEquals("1", conf(a, "eth0", "arp_filter"));
        assertEquals("0", conf(a, "all", "rp_filter"));
        assertEquals("2", conf(a, "default", "rp_filter"));
        assertEquals("2", conf(a, "eth0", "rp_filter"));
        assertEquals("1", conf(a, VMAC, "arp_ignore"));
        assertEquals("1", conf(a, VMAC, "accept_local"));
        assertEquals("0", conf(a, VMAC, "rp_filter"));
        assertFalse(a.holds("eth0", vip), "the VIP is on the VMAC, not on eth0");

        Daemon db = start(Impl.KEEPALIVED, b, "b", cb);
        db.awaitBackup();
        assertTrue(Wait.holdsFor(500, () -> soleHolder(a, vip)), () -> "ours stays MASTER beside keepalived\n" + diag());
        long since = nowMicros() - 400_000;
        List<Capture.Advert> fromA = capture.adverts(x -> x.src().equals(a.ipv4()) && x.micros() > since);
        assertFalse(fromA.isEmpty(), () -> "adverts from ours\n" + diag());
        assertTrue(fromA.stream().allMatch(x -> x.mac().equals(VMAC_MAC) && x.vrid() == VRID),
                () -> "ours advertises from the virtual MAC: " + fromA + "\n" + diag());
        assertTrue(capture.adverts(x -> x.mac().equals(a.mac())).isEmpty(), () -> "no advert from eth0's MAC\n" + diag());
        assertNotNull(capture.await(Capture.Garp.class, g -> g.mac().equals(VMAC_MAC) && g.address().equals(vip), 3000),
                () -> "gratuitous ARP from the virtual MAC\n" + diag());

        // ours dies: keepalived takes over on its own VMAC
        long kill = nowMicros();
        da.kill();
        assertTrue(Wait.until(5000, () -> b.holds(VMAC, vip)), () -> "keepalived takes over\n" + diag());
        assertNotNull(capture.await(Capture.Advert.class, x -> x.src().equals(b.ipv4()) && x.mac().equals(VMAC_MAC)
                && x.prio() == 100 && x.micros() > kill, 3000), () -> "keepalived advertises from its VMAC\n" + diag());

        // the killed run could not restore the sysctls: put back what the host had, for the SIGTERM check
        hostSysctls();
        // ours restarted: replaces the VMAC its killed run left (with the VIP) and preempts
        long restart = nowMicros();
        Daemon again = start(Impl.OURS, a, "a", ca);
        awaitSoleHolder(a, vip, 15_000, "restarted ours preempts keepalived");
        assertNotNull(capture.await(Capture.Advert.class, x -> x.src().equals(a.ipv4()) && x.mac().equals(VMAC_MAC)
                && x.prio() == 150 && x.micros() > restart, 3000), () -> "restarted ours advertises\n" + diag());

        // SIGTERM: priority 0, VIP and VMAC removed, sysctls restored, keepalived takes over
        again.signal("TERM");
        assertEquals(0, again.waitExit(5000), () -> "ours exits 0 after SIGTERM\n" + diag());
        assertFalse(Cmd.run(null, 10, List.of("ip", "-n", a.name(), "link", "show", "dev", VMAC)).ok(), () -> "ours deleted " + VMAC + "\n" + diag());
        assertEquals("2", conf(a, "all", "rp_filter"));
        assertEquals("0", conf(a, "default", "rp_filter"));
        assertEquals("0", conf(a, "eth0", "rp_filter"));
        assertEquals("0", conf(a, "eth0", "arp_ignore"));
        assertEquals("0", conf(a, "eth0", "arp_filter"));
        assertTrue(Wait.until(5000, () -> soleHolder(b, vip)), () -> "keepalived takes over after SIGTERM\n" + diag());
        assertTrue(again.log().contains("Success removing VMAC interface " + VMAC), () -> again.logTail(20));
    }

    /**
     * vmac_xmit_base on both: the VIP still sits on the VMAC and its GARPs leave from the virtual
     * MAC, but the adverts leave (and arrive) on eth0 with eth0's MAC; failover to keepalived works.
     */
    @Test
    void vmacXmitBaseAdvertsFromTheParent() {
        String vip = segment.prefix4() + "100";
        Conf ca = conf("a", 150).line("vmac_xmit_base").vip(vip + "/24");
        Conf cb = conf("b", 100).line("vmac_xmit_base").vip(vip + "/24");
        Daemon da = start(Impl.OURS, a, "a", ca);
        awaitSoleHolder(a, vip, 15_000, "ours alone becomes MASTER on " + VMAC);
        Daemon db = start(Impl.KEEPALIVED, b, "b", cb);
        db.awaitBackup();
        assertTrue(Wait.holdsFor(500, () -> soleHolder(a, vip)), () -> "ours stays MASTER beside keepalived\n" + diag());
        List<Capture.Advert> fromA = capture.adverts(x -> x.src().equals(a.ipv4()));
        assertFalse(fromA.isEmpty(), () -> "adverts from ours\n" + diag());
        assertTrue(fromA.stream().allMatch(x -> x.mac().equals(a.mac())),
                () -> "ours advertises from eth0's MAC: " + fromA + "\n" + diag());
        assertNotNull(capture.await(Capture.Garp.class, g -> g.mac().equals(VMAC_MAC) && g.address().equals(vip), 3000),
                () -> "gratuitous ARP from the virtual MAC\n" + diag());
        long kill = nowMicros();
        da.kill();
        assertTrue(Wait.until(5000, () -> b.holds(VMAC, vip)), () -> "keepalived takes over\n" + diag());
        assertNotNull(capture.await(Capture.Advert.class, x -> x.src().equals(b.ipv4()) && x.mac().equals(b.mac())
                && x.prio() == 100 && x.micros() > kill, 3000), () -> "keepalived advertises from eth0\n" + diag());
    }

    /**
     * IPv6: the VMAC vrrp.51 has MAC 00:00:5e:00:02:33 and, like keepalived's, no address of its
     * own but eth0's link-local, which the adverts carry as their source; NAs from the virtual MAC.
     */
    @Test
    void ipv6VmacAdvertsFromTheParentsLinkLocal() {
        String vip = segment.prefix6() + "100";
        String mac6 = "00:00:5e:00:02:33";
        Conf ca = conf("a", 150).vip(vip + "/64");
        Conf cb = conf("b", 100).vip(vip + "/64");
        Daemon da = start(Impl.OURS, a, "a", ca);
        awaitSoleHolder(a, vip, 15_000, "ours alone becomes MASTER on " + VMAC);
        assertTrue(a.holds(VMAC, a.linkLocal()), () -> "eth0's link-local on the VMAC\n" + diag());
        String link = a.ns().ip("-o", "link", "show", "dev", VMAC).stdout();
        assertTrue(link.contains("link/ether " + mac6), () -> link);
        Daemon db = start(Impl.KEEPALIVED, b, "b", cb);
        db.awaitBackup();
        assertTrue(Wait.holdsFor(500, () -> soleHolder(a, vip)), () -> "ours stays MASTER beside keepalived\n" + diag());
        List<Capture.Advert> fromA = capture.adverts(x -> x.src().equals(a.linkLocal()));
        assertFalse(fromA.isEmpty(), () -> "adverts from ours\n" + diag());
        assertTrue(fromA.stream().allMatch(x -> x.mac().equals(mac6) && x.dst().equals("ff02::12")),
                () -> "ours advertises from the virtual MAC: " + fromA + "\n" + diag());
        assertNotNull(capture.await(Capture.Na.class, n -> n.mac().equals(mac6) && n.target().equals(vip), 3000),
                () -> "unsolicited NA from the virtual MAC\n" + diag());
        long kill = nowMicros();
        da.kill();
        assertTrue(Wait.until(5000, () -> b.holds(VMAC, vip)), () -> "keepalived takes over\n" + diag());
        assertNotNull(capture.await(Capture.Advert.class, x -> x.src().equals(b.linkLocal()) && x.mac().equals(mac6)
                && x.prio() == 100 && x.micros() > kill, 3000), () -> "keepalived advertises from its VMAC\n" + diag());
    }

    // ---------------------------------------------------------------- helpers

    private Conf conf(String id, int priority) {
        return new Conf(id).version(3).advertInt("0.1").vrid(VRID).priority(priority).line("use_vmac");
    }

    private Daemon start(Impl impl, Segment.Host host, String name, Conf conf) {
        Daemon d = Daemon.start(impl, host, name, conf.text(), dir);
        daemons.add(lab.track(d));
        return d;
    }

    private boolean soleHolder(Segment.Host h, String vip) {
        for (Segment.Host x : List.of(a, b)) {
            if (x.holds(VMAC, vip) != (x == h)) {
                return false;
            }
        }
        return true;
    }

    private void awaitSoleHolder(Segment.Host h, String vip, long millis, String what) {
        boolean ok = Wait.until(millis, () -> soleHolder(h, vip)) && Wait.holdsFor(200, () -> soleHolder(h, vip));
        assertTrue(ok, () -> what + ": expected " + h.name() + " to be the only holder of " + vip + "\n" + diag());
    }

    /** net.ipv4.conf.IF.KEY in the host (IF may contain a dot, so through /proc/sys). */
    private static String conf(Segment.Host h, String ifname, String key) {
        return Cmd.run(null, 10, h.ns().exec("cat", "/proc/sys/net/ipv4/conf/" + ifname + "/" + key)).check().stdout()
                .strip();
    }

    /** all.rp_filter 2, default and eth0 0, eth0 answering ARP normally. */
    private void hostSysctls() {
        sysctlSet(a, "net.ipv4.conf.all.rp_filter", "2");
        sysctlSet(a, "net.ipv4.conf.default.rp_filter", "0");
        sysctlSet(a, "net.ipv4.conf.eth0.rp_filter", "0");
        sysctlSet(a, "net.ipv4.conf.eth0.arp_ignore", "0");
        sysctlSet(a, "net.ipv4.conf.eth0.arp_filter", "0");
    }

    private static void sysctlSet(Segment.Host h, String key, String value) {
        Cmd.run(null, 10, h.ns().exec("sysctl", "-qw", key + "=" + value)).check();
    }

    private static long nowMicros() {
        return System.currentTimeMillis() * 1000L;
    }

    private String diag() {
        StringBuilder s = new StringBuilder("--- links and addresses\n");
        for (Segment.Host h : List.of(a, b)) {
            s.append(h.name()).append(":\n").append(h.ns().ip("-br", "addr").stdout());
        }
        for (Daemon d : daemons) {
            s.append("--- ").append(d).append(d.alive() ? " running" : " exited").append('\n').append(d.logTail(25))
                    .append('\n');
        }
        s.append("--- capture\n").append(capture.tail(20));
        return s.toString();
    }
}
