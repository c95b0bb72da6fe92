package keepalived.vrrp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInfo;

import keepalived.testing.Cmd;
import keepalived.testing.Prerequisites;

/**
 * VRRP failover scenarios between two implementations on one segment: host 1 runs {@link #high()}
 * at priority 150 ("A"), host 2 runs {@link #low()} at priority 100 ("B"), host 3 captures. Each
 * subclass is one implementation pair; a scenario that a pair cannot pass yet is overridden there
 * with {@code @Disabled} and the reason. Where the interval does not matter the scenarios use
 * VRRPv3 at 0.1 s (failover in about 0.36 s); one runs VRRPv2 at 1 s. Measured gaps are printed and
 * appended to target/it/measurements.txt.
 */
abstract class FailoverScenarios {
    static final int HIGH = 150;
    static final int LOW = 100;

    /** The implementation on host 1 (priority 150). */
    abstract Impl high();

    /** The implementation on host 2 (priority 100). */
    abstract Impl low();

    Path dir;
    Segment segment;
    Capture capture;
    Segment.Host a;
    Segment.Host b;
    final List<Daemon> daemons = new ArrayList<>();
    private String testName;

    @RegisterExtension
    final Lab lab = Lab.withHosts(3);

    @BeforeEach
    void setUp(TestInfo info) throws Exception {
        Prerequisites.require(Cmd.available("tcpdump"), "tcpdump (apt-get install tcpdump)");
        testName = getClass().getSimpleName() + "." + info.getTestMethod().map(m -> m.getName()).orElse("test");
        dir = lab.dir();
        segment = lab.segment();
        a = segment.host(1);
        b = segment.host(2);
        capture = lab.track(Capture.start(segment.host(3), dir.resolve("capture.txt")));
    }

    // ---------------------------------------------------------------- scenarios

    /**
     * B starts first and becomes MASTER; A (higher) preempts it; only A holds the VIP and only A
     * advertises; GARPs from A; SIGKILL of A: B takes over after about 3 x interval + skew (from
     * A's last advert to B's first), with GARPs; A restarted preempts again.
     */
    @Test
    void electionSigkillAndRestartPreempts() {
        Conf ca = v3(HIGH).vip(vip4());
        Conf cb = v3(LOW).vip(vip4());
        Daemon db = start(low(), b, "b", cb);
        awaitSoleHolder(b, vip4(), 15_000, "B alone becomes MASTER");
        Daemon da = start(high(), a, "a", ca);
        awaitSoleHolder(a, vip4(), 15_000, "A (priority 150) preempts B");
        assertOnlyAdvertiser(a, ca.vrid(), 500);
        assertNotNull(capture.await(Capture.Garp.class, g -> g.mac().equals(a.mac()) && g.address().equals(ip(vip4())), 3000),
                () -> "no gratuitous ARP from A for the VIP\n" + diag());

        long killMicros = nowMicros();
        da.kill();
        awaitHolder(b, vip4(), 5000, "B takes over after SIGKILL of A");
        double gap = takeoverGap(a, b, cb, killMicros);
        record("SIGKILL v3 0.1s IPv4", gap);
        assertGap(gap, cb);
        assertNotNull(capture.await(Capture.Garp.class,
                g -> g.mac().equals(b.mac()) && g.address().equals(ip(vip4())) && g.micros() > killMicros, 3000),
                () -> "no gratuitous ARP from B after the takeover\n" + diag());

        long restart = nowMicros();
        start(high(), a, "a", ca);
        awaitSoleHolder(a, vip4(), 15_000, "restarted A preempts B");
        Capture.Advert first = firstAdvert(a, ca.vrid(), restart);
        record("restart to first advert of A (preempt)", (first.micros() - restart) / 1000.0);
        assertTrue(db.alive(), "B still runs");
    }

    /** SIGSTOP of the master: B takes over like after a crash; SIGCONT: A is MASTER again, B backs off. */
    @Test
    void sigstopMasterThenResume() {
        Conf ca = v3(HIGH).vip(vip4());
        Conf cb = v3(LOW).vip(vip4());
        Daemon da = startMasterThenBackup(ca, cb);
        long stop = nowMicros();
        da.signalGroup("STOP");
        awaitHolder(b, vip4(), 5000, "B takes over while A is stopped");
        double gap = takeoverGap(a, b, cb, stop);
        record("SIGSTOP v3 0.1s IPv4", gap);
        assertGap(gap, cb);
        da.signalGroup("CONT");
        awaitSoleHolder(a, vip4(), 5000, "resumed A is the only holder again");
    }

    /**
     * SIGTERM on the master: it sends a priority-0 advert, removes its VIP and exits 0; B takes
     * over within about its skew time of that advert.
     */
    @Test
    void sigtermSendsPriorityZeroAndBackupTakesOverWithinSkew() {
        Conf ca = v3(HIGH).vip(vip4());
        Conf cb = v3(LOW).vip(vip4());
        Daemon da = startMasterThenBackup(ca, cb);
        long term = nowMicros();
        da.signal("TERM");
        Capture.Advert zero = capture.await(Capture.Advert.class,
                x -> x.mac().equals(a.mac()) && x.prio() == 0 && x.micros() > term, 5000);
        assertNotNull(zero, () -> "no priority-0 advert from A after SIGTERM\n" + diag());
        assertEquals(0, da.waitExit(5000), () -> "A exits 0 after SIGTERM\n" + diag());
        awaitSoleHolder(b, vip4(), 5000, "B takes over, A removed its VIP");
        Capture.Advert first = firstAdvert(b, cb.vrid(), zero.micros());
        double ms = (first.micros() - zero.micros()) / 1000.0;
        record("priority 0 -> B's first advert (skew " + fmt(cb.skewMillis()) + " ms)", ms);
        assertTrue(ms <= cb.skewMillis() + 150, () -> "B took " + fmt(ms) + " ms after the priority-0 advert, skew "
                + fmt(cb.skewMillis()) + " ms\n" + diag());
    }

    /** nopreempt: a restarted higher-priority router does not take the VIP back. */
    @Test
    void nopreemptRestartedHigherStaysBackup() {
        Conf ca = v3(HIGH).nopreempt().vip(vip4());
        Conf cb = v3(LOW).nopreempt().vip(vip4());
        Daemon da = startMasterThenBackup(ca, cb);
        da.kill();
        awaitHolder(b, vip4(), 5000, "B takes over after SIGKILL of A");
        long restart = nowMicros();
        Daemon again = start(high(), a, "a", ca);
        // A's host kept the VIP its killed daemon had: the restarted daemon removes it first.
        awaitSoleHolder(b, vip4(), 10_000, "restarted A removes its stale VIP");
        again.awaitBackup();
        // Several of A's master-down intervals (0.34 s): it must accept B's lower-priority adverts.
        assertStaysSoleHolder(b, vip4(), 1200, "with nopreempt B keeps the VIP");
        assertTrue(again.alive(), "restarted A runs");
        assertTrue(capture.adverts(x -> x.mac().equals(a.mac()) && x.micros() > restart).isEmpty(),
                () -> "restarted A (nopreempt, BACKUP) must not advertise\n" + diag());
    }

    /**
     * preempt_delay 1: a restarted higher-priority router takes over, but only about 1 s after it
     * started its instance (without the delay it would preempt after its 0.34 s master-down timer).
     */
    @Test
    void preemptDelayDelaysTakeover() {
        Conf ca = v3(HIGH).preemptDelay(1).vip(vip4());
        Conf cb = v3(LOW).preemptDelay(1).vip(vip4());
        Daemon da = startMasterThenBackup(ca, cb);
        da.kill();
        awaitHolder(b, vip4(), 5000, "B takes over after SIGKILL of A");
        long restart = nowMicros();
        Daemon again = start(high(), a, "a", ca);
        again.awaitBackup();
        long backup = nowMicros(); // within ~20 ms after A logged BACKUP
        awaitSoleHolder(a, vip4(), 10_000, "A preempts after preempt_delay");
        Capture.Advert first = firstAdvert(a, ca.vrid(), restart);
        double ms = (first.micros() - backup) / 1000.0;
        record("preempt_delay 1: BACKUP to first advert of A", ms);
        assertTrue(ms >= 900 && ms <= 2000, () -> "A preempted " + fmt(ms)
                + " ms after entering BACKUP, expected preempt_delay 1 s (+ up to a master-down interval)\n" + diag());
    }

    /** VRRPv2 at 1 s (the classic interop case): A starts in state MASTER, B takes over ~3.6 s after A dies. */
    @Test
    void vrrpV2OneSecondSigkill() {
        Conf ca = new Conf("a").version(2).advertInt("1").priority(HIGH).state("MASTER").vip(vip4());
        Conf cb = new Conf("b").version(2).advertInt("1").priority(LOW).vip(vip4());
        Daemon da = startMasterThenBackup(ca, cb);
        assertFalse(capture.adverts(x -> x.mac().equals(a.mac()) && x.version() == 2).isEmpty(),
                () -> "A sends VRRPv2\n" + diag());
        long kill = nowMicros();
        da.kill();
        awaitHolder(b, vip4(), 8000, "B takes over after SIGKILL of A");
        double gap = takeoverGap(a, b, cb, kill);
        record("SIGKILL v2 1s IPv4", gap);
        assertGap(gap, cb);
    }

    /** VRRPv3 over IPv6: adverts from the link-local address to ff02::12, unsolicited NAs, failover. */
    @Test
    void ipv6SigkillWithNeighbourAdverts() {
        Conf ca = v3(HIGH).vip(vip6());
        Conf cb = v3(LOW).vip(vip6());
        Daemon da = startMasterThenBackup(ca, cb);
        Capture.Advert adv = capture.await(Capture.Advert.class, x -> x.mac().equals(a.mac()), 2000);
        assertNotNull(adv, () -> "no IPv6 advert from A\n" + diag());
        assertEquals(a.linkLocal(), adv.src(), () -> "source is A's link-local address: " + adv.line());
        assertEquals("ff02::12", adv.dst(), () -> adv.line());
        assertEquals(3, adv.version());
        assertNotNull(capture.await(Capture.Na.class, n -> n.mac().equals(a.mac()) && n.target().equals(ip(vip6())), 3000),
                () -> "no unsolicited NA from A for the VIP\n" + diag());
        long kill = nowMicros();
        da.kill();
        awaitHolder(b, vip6(), 5000, "B takes over the IPv6 VIP after SIGKILL of A");
        double gap = takeoverGap(a, b, cb, kill);
        record("SIGKILL v3 0.1s IPv6", gap);
        assertGap(gap, cb);
        assertNotNull(capture.await(Capture.Na.class,
                n -> n.mac().equals(b.mac()) && n.target().equals(ip(vip6())) && n.micros() > kill, 3000),
                () -> "no unsolicited NA from B after the takeover\n" + diag());
    }

    /** Unicast peers: adverts go to the peer's address, not 224.0.0.18; failover as with multicast. */
    @Test
    void unicastPeersSigkill() {
        Conf ca = v3(HIGH).unicast(a.ipv4(), b.ipv4()).vip(vip4());
        Conf cb = v3(LOW).unicast(b.ipv4(), a.ipv4()).vip(vip4());
        Daemon da = startMasterThenBackup(ca, cb);
        Capture.Advert adv = capture.await(Capture.Advert.class, x -> x.mac().equals(a.mac()), 2000);
        assertNotNull(adv, () -> "no unicast advert from A\n" + diag());
        assertEquals(a.ipv4(), adv.src(), () -> adv.line());
        assertEquals(b.ipv4(), adv.dst(), () -> adv.line());
        assertTrue(capture.adverts(x -> x.dst().equals("224.0.0.18")).isEmpty(), () -> "no multicast adverts\n" + diag());
        long kill = nowMicros();
        da.kill();
        awaitHolder(b, vip4(), 5000, "B takes over after SIGKILL of A");
        double gap = takeoverGap(a, b, cb, kill);
        record("SIGKILL v3 0.1s IPv4 unicast", gap);
        assertGap(gap, cb);
        Capture.Advert bAdv = firstAdvert(b, cb.vrid(), kill);
        assertEquals(a.ipv4(), bAdv.dst(), () -> bAdv.line());
    }

    // ---------------------------------------------------------------- helpers

    Conf v3(int priority) {
        return new Conf(priority == HIGH ? "a" : "b").version(3).advertInt("0.1").priority(priority);
    }

    String vip4() {
        return segment.prefix4() + "100/24";
    }

    String vip6() {
        return segment.prefix6() + "100/64";
    }

    static String ip(String withPrefix) {
        return withPrefix.substring(0, withPrefix.indexOf('/'));
    }

    Daemon start(Impl impl, Segment.Host host, String name, Conf conf) {
        Daemon d = Daemon.start(impl, host, name, conf.text(), dir);
        daemons.add(lab.track(d));
        return d;
    }

    /**
     * A first, until it holds the VIP alone; then B, and A must stay the only holder and the only
     * advertiser (one MASTER). Returns A.
     */
    Daemon startMasterThenBackup(Conf ca, Conf cb) {
        String vip = ca.text().contains(segment.prefix6()) ? vip6() : vip4();
        Daemon da = start(high(), a, "a", ca);
        awaitSoleHolder(a, vip, 15_000, "A alone becomes MASTER");
        Daemon db = start(low(), b, "b", cb);
        // Once B runs its instance, A must stay the only holder and advertiser for a few master-down intervals.
        db.awaitBackup();
        long window = Math.max(500, 3 * ca.intervalMillis() / 2);
        assertStaysSoleHolder(a, vip, window, "A stays MASTER beside B");
        assertOnlyAdvertiser(a, ca.vrid(), window);
        return da;
    }

    /**
     * {@code h} holds the VIP (after a SIGKILL or SIGSTOP the old master's host keeps its copy: a
     * crashed daemon removes nothing, and a restarted one removes stale VIPs when it starts).
     */
    void awaitHolder(Segment.Host h, String vip, long millis, String what) {
        String address = ip(vip);
        assertTrue(Wait.until(millis, () -> h.holds(address)), () -> what + ": " + h.name() + " never held " + address
                + "\n" + diag());
    }

    /** {@code h} holds the VIP and no other host does, steadily for a few polls. */
    void awaitSoleHolder(Segment.Host h, String vip, long millis, String what) {
        String address = ip(vip);
        boolean ok = Wait.until(millis, () -> soleHolder(h, address)) && Wait.holdsFor(200, () -> soleHolder(h, address));
        assertTrue(ok, () -> what + ": expected " + h.name() + " to be the only holder of " + address + "\n" + diag());
    }

    /** {@code h} stays the only holder of the VIP for {@code millis}; fails with the first deviating observation. */
    void assertStaysSoleHolder(Segment.Host h, String vip, long millis, String what) {
        String address = ip(vip);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        do {
            String seenA = a.addresses();
            String seenB = b.addresses();
            boolean aHolds = seenA.contains(" " + address + "/");
            boolean bHolds = seenB.contains(" " + address + "/");
            if (aHolds != (h == a) || bHolds != (h == b)) {
                assertTrue(false, () -> what + ": at " + nowMicros() + " saw\n" + seenA + "\n" + seenB + "\n" + diag());
            }
            Wait.sleep(20);
        } while (System.nanoTime() < deadline);
    }

    private boolean soleHolder(Segment.Host h, String address) {
        for (Segment.Host x : List.of(a, b)) {
            if (x.holds(address) != (x == h)) {
                return false;
            }
        }
        return true;
    }

    /** During the next {@code millis}, only {@code h} sends adverts for {@code vrid} (apart from priority 0). */
    void assertOnlyAdvertiser(Segment.Host h, int vrid, long millis) {
        long from = nowMicros();
        Wait.sleep(millis);
        List<Capture.Advert> adverts = capture.adverts(x -> x.vrid() == vrid && x.micros() >= from);
        assertFalse(adverts.isEmpty(), () -> "no adverts at all in " + millis + " ms\n" + diag());
        List<Capture.Advert> others = adverts.stream().filter(x -> !x.mac().equals(h.mac()) && x.prio() != 0).toList();
        assertTrue(others.isEmpty(), () -> "only " + h.name() + " may advertise (one MASTER), also seen: " + others + "\n"
                + diag());
    }

    Capture.Advert firstAdvert(Segment.Host h, int vrid, long afterMicros) {
        Capture.Advert x = capture.await(Capture.Advert.class,
                v -> v.mac().equals(h.mac()) && v.vrid() == vrid && v.prio() > 0 && v.micros() > afterMicros, 3000);
        assertNotNull(x, () -> "no advert from " + h.name() + " after " + afterMicros + "\n" + diag());
        return x;
    }

    /** Milliseconds from {@code from}'s last advert to {@code to}'s first advert (as the new master) after {@code afterMicros}. */
    double takeoverGap(Segment.Host from, Segment.Host to, Conf toConf, long afterMicros) {
        Capture.Advert first = capture.await(Capture.Advert.class, v -> v.mac().equals(to.mac()) && v.vrid() == toConf.vrid()
                && v.prio() == toConf.priority() && v.micros() > afterMicros, 5000);
        assertNotNull(first, () -> "no advert from the new master " + to.name() + "\n" + diag());
        Capture.Advert last = capture.adverts(v -> v.mac().equals(from.mac()) && v.vrid() == toConf.vrid()
                && v.micros() < first.micros()).stream().max(Comparator.comparingLong(Capture.Advert::micros)).orElse(null);
        assertNotNull(last, () -> "no advert from the old master " + from.name() + "\n" + diag());
        return (first.micros() - last.micros()) / 1000.0;
    }

    /** The gap must be master_down_interval (3 x interval + skew) within scheduling slack, never much less. */
    void assertGap(double gapMillis, Conf backup) {
        double expected = 3 * backup.intervalMillis() + backup.skewMillis();
        double slack = Math.max(250, backup.intervalMillis() / 2.0);
        assertTrue(gapMillis >= 0.9 * 3 * backup.intervalMillis() && gapMillis <= expected + slack,
                () -> "takeover gap " + fmt(gapMillis) + " ms, expected about " + fmt(expected) + " ms\n" + diag());
    }

    static long nowMicros() {
        return System.currentTimeMillis() * 1000L;
    }

    private static boolean measurementsStarted;

    void record(String what, double millis) {
        String line = String.format(Locale.ROOT, "%-45s %-28s %9.1f ms", testName, what, millis);
        System.out.println(line);
        try {
            Path m = dir.getParent().getParent().resolve("measurements.txt");
            synchronized (FailoverScenarios.class) {
                if (!measurementsStarted) {
                    Files.deleteIfExists(m); // one file per test JVM
                    measurementsStarted = true;
                }
                Files.writeString(m, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } catch (IOException ignored) {
            // the printed line is enough
        }
    }

    static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.1f", ms);
    }

    /** Everything useful when an assertion fails: addresses, daemon logs, the capture's tail. */
    String diag() {
        StringBuilder s = new StringBuilder("--- addresses\n");
        for (Segment.Host h : List.of(a, b)) {
            s.append(h.name()).append(": ").append(h.addresses()).append('\n');
        }
        for (Daemon d : daemons) {
            s.append("--- ").append(d).append(d.alive() ? " running" : " exited").append('\n').append(d.logTail(25)).append('\n');
        }
        s.append("--- capture (").append(dir.resolve("capture.txt")).append(")\n").append(capture.tail(20));
        return s.toString();
    }

}
